import type { Character, FrameworkBridge } from '../bridge';
import { coreObject } from './core-object';

/** What a phone reads of an ESX xPlayer; with multicharacter the identifier is `char<n>:<license>`. */
interface XPlayer {
  identifier: string;
  job?: { name: string };
}

interface Esx {
  GetPlayerFromId(playerId: number): XPlayer | null | Promise<XPlayer | null>;
}

const esxCharacter = (xPlayer: XPlayer | null | undefined): Character | null =>
  xPlayer ? { identifier: xPlayer.identifier, job: xPlayer.job?.name ?? null } : null;

/** ESX (es_extended): players through `getSharedObject().GetPlayerFromId`, and its server events. */
export function esxBridge(): FrameworkBridge {
  const esx = coreObject<Esx>('es_extended', () => exports.es_extended!.getSharedObject!());
  return {
    name: 'esx',
    current: async (source) => esxCharacter(await esx().GetPlayerFromId(source)),
    listen(events) {
      on('esx:playerLoaded', (playerId: number, xPlayer: XPlayer) => {
        const character = esxCharacter(xPlayer);
        if (character) events.loaded(Number(playerId), character);
      });
      // Multicharacter's relog; ESX then also fires esx:playerDropped, which a real drop fires too.
      on('esx:playerLogout', (playerId: number) => events.unloaded(Number(playerId)));
      on('esx:setJob', (playerId: number, job?: { name: string }) => events.jobChanged(Number(playerId), job?.name ?? null));
    },
  };
}
