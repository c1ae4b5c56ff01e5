import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HttpHandler } from './http.js';
import type { ScriptRuntime } from './runtime.js';
import { joaat, nearestPlace, streetName, ZONE_LABELS } from './world.js';

type Native = (...args: never[]) => unknown;
export type NativeTable = Record<string, Native>;

/**
 * The natives both runtimes expose under the same names. Arguments and results are plain data (and
 * callables), so the Lua runtime can carry them across msgpack exactly as the JS runtime calls them.
 */
export function createNatives(rt: ScriptRuntime): NativeTable {
  const sim = rt.sim;
  const resource = rt.resource;
  const player = () => {
    const id = rt.host.playerId;
    const found = id === undefined ? undefined : sim.players.get(id);
    if (!found) throw new Error('this native exists only in client scripts');
    return found;
  };
  const serverOnly = () => {
    if (rt.side !== 'server') throw new Error('this native exists only in server scripts');
  };

  const common: NativeTable = {
    GetCurrentResourceName: () => resource.name,
    GetInvokingResource: () => rt.invokingResource,
    IsDuplicityVersion: () => rt.side === 'server',
    GetGameTimer: () => Math.floor(performance.now()),
    GetConvar: (name: string, fallback: string) => sim.convars.get(name, rt.side) ?? fallback,
    GetConvarInt: (name: string, fallback: number) => {
      const value = Number.parseInt(sim.convars.get(name, rt.side) ?? '', 10);
      return Number.isNaN(value) ? fallback : value;
    },
    GetResourceState: (name: string) => sim.resourceState(name),
    GetResourcePath: (name: string) => sim.resources.get(name)?.dir ?? null,
    LoadResourceFile: (name: string, file: string) => {
      const dir = sim.resources.get(name)?.dir;
      if (!dir) return null;
      const full = path.resolve(dir, file);
      if (!full.startsWith(dir + path.sep)) return null;
      try {
        return readFileSync(full, 'utf8');
      } catch {
        return null;
      }
    },
    GetNumResources: () => sim.resources.size,
    GetResourceByFindIndex: (index: number) => [...sim.resources.keys()][index] ?? null,
    GetResourceMetadata: (name: string, key: string, index: number) =>
      sim.resources.get(name)?.manifest.metadata.get(key)?.[index] ?? null,
    GetNumResourceMetadata: (name: string, key: string) =>
      sim.resources.get(name)?.manifest.metadata.get(key)?.length ?? 0,
    RegisterCommand: (name: string, handler: (...args: unknown[]) => unknown, restricted: boolean) => {
      const table = rt.side === 'server' ? sim.commands : player().commands;
      table.register(name, { resource: resource.name, handler, restricted: Boolean(restricted) });
    },
    ExecuteCommand: (command: string) => {
      if (rt.side === 'server') sim.executeCommand(command, 0);
      else player().executeCommand(command);
    },
  };

  if (rt.side === 'server') {
    const playerBySource = (source: number | string) => sim.players.get(Number(source));
    return {
      ...common,
      SetConvar: (name: string, value: string) => sim.convars.set(String(name), String(value)),
      SetConvarReplicated: (name: string, value: string) => sim.convars.set(String(name), String(value), true),
      AddConvarChangeListener: (filter: string, handler: (name: string, reserved: unknown) => void) =>
        sim.convars.listen(resource.name, String(filter), handler),
      RemoveConvarChangeListener: (cookie: number) => sim.convars.removeListener(Number(cookie)),
      GetPlayers: () => [...sim.players.keys()].map(String),
      GetNumPlayerIndices: () => sim.players.size,
      GetPlayerFromIndex: (index: number) => String([...sim.players.keys()][index] ?? ''),
      DoesPlayerExist: (source: number | string) => playerBySource(source) !== undefined,
      GetPlayerName: (source: number | string) => playerBySource(source)?.name ?? null,
      GetPlayerIdentifiers: (source: number | string) => [...(playerBySource(source)?.identifiers ?? [])],
      GetNumPlayerIdentifiers: (source: number | string) => playerBySource(source)?.identifiers.length ?? 0,
      GetPlayerIdentifier: (source: number | string, index: number) =>
        playerBySource(source)?.identifiers[index] ?? null,
      GetPlayerIdentifierByType: (source: number | string, type: string) =>
        playerBySource(source)?.identifiers.find((id) => id.startsWith(`${type}:`)) ?? null,
      GetPlayerEndpoint: (source: number | string) => (playerBySource(source) ? '127.0.0.1' : null),
      GetPlayerPing: (source: number | string) => (playerBySource(source) ? 0 : -1),
      IsPlayerAceAllowed: (source: number | string, ace: string) => {
        const target = playerBySource(source);
        return target ? sim.aces.isAllowed(target.principals(), ace) : false;
      },
      IsPrincipalAceAllowed: (principal: string, ace: string) => sim.aces.isAllowed([principal], ace),
      DropPlayer: (source: number | string, reason: string) => {
        serverOnly();
        void sim.dropPlayer(Number(source), String(reason ?? ''));
      },
      SetHttpHandler: (handler: HttpHandler) => sim.http.set(resource.name, handler),
      StopResource: (name: string) => void sim.stop(name),
      StartResource: (name: string) => void sim.ensure(name),
    };
  }

  return {
    ...common,
    PlayerId: () => 128,
    GetPlayerServerId: () => player().id,
    GetPlayerName: () => player().name,
    SendNuiMessage: (json: string) => player().nui.deliver(resource.name, JSON.parse(json)),
    SendNUIMessage: (message: unknown) => player().nui.deliver(resource.name, message),
    SetNuiFocus: (hasFocus: boolean, hasCursor: boolean) =>
      player().nui.setFocus(resource.name, Boolean(hasFocus), Boolean(hasCursor)),
    SetNuiFocusKeepInput: (keepInput: boolean) => player().nui.setKeepInput(resource.name, Boolean(keepInput)),
    IsNuiFocused: () => player().nui.focus.hasFocus,
    RegisterNuiCallbackType: (name: string) => player().nui.registerCallback(resource.name, name),
    RegisterKeyMapping: (command: string, description: string, mapper: string, key: string) =>
      player().keyMappings.register({ command, description, mapper, key, resource: resource.name }),
    PlayerPedId: () => player().ped,
    GetEntityCoords: (entity: number) => {
      const { x, y, z } = player().position;
      return entity === player().ped ? [x, y, z] : [0, 0, 0];
    },
    // The street at a point and the crossing street (0: none), as hashes.
    GetStreetNameAtCoord: (x: number, y: number) => [joaat(nearestPlace(x, y).street), 0],
    GetStreetNameFromHashKey: (hash: number) => streetName(hash),
    GetNameOfZone: (x: number, y: number) => nearestPlace(x, y).zone,
    // The game answers "NULL" for a label it does not have.
    GetLabelText: (label: string) => ZONE_LABELS[label] ?? 'NULL',
    CreateMobilePhone: () => void (player().phoneProp.inHand = true),
    DestroyMobilePhone: () => {
      Object.assign(player().phoneProp, { inHand: false, camera: false, selfie: false });
    },
    CellCamActivate: (active: boolean) => void (player().phoneProp.camera = Boolean(active) && player().phoneProp.inHand),
    CellCamActivateSelfieMode: (toggle: boolean) => void (player().phoneProp.selfie = Boolean(toggle)),
  };
}
