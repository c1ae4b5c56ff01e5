import type { FrameworkName } from '../../../core/server/identity/bridge';
import { manifest, type ResourceFiles } from '../../support/simulation';

/** How a test plays a framework: the calls its multicharacter and job resources would make. */
export interface FrameworkDriver {
  /** Loads the player's character `name` (created on first use); resolves to the framework's identifier for it. */
  load(source: number, name: string): Promise<string>;
  logout(source: number): Promise<void>;
  /** Makes `job` the character's job (grade 1). */
  setJob(source: number, job: string): Promise<void>;
  /** Takes the character's job away: back to the framework's default. */
  clearJob(source: number): Promise<void>;
  /** Deletes the loaded character as a player would, where the framework can tell (ox_core's event, QBCore's log line). */
  deleteCharacter?(source: number): void | Promise<void>;
  /** Deletes a character's row and nothing else, as by hand or while Handset was not running (QBCore's players). */
  deleteRow?(identifier: string): Promise<void>;
}

export interface Framework {
  bridge: Exclude<FrameworkName, 'standalone'>;
  /** The stand-in resource in tests/simulator/resources. */
  resource: string;
  /** The identifier a character has in this framework, for the player whose license is `license`. */
  identifier(license: string): RegExp;
  /** The job of a new character, and after `clearJob`. */
  noJob: string | null;
  /** The body of the driver: `const driver = { load, logout, setJob, clearJob }`. */
  driver: string;
}

// The character names a driver knows per player: `${source}:${name}` → what the framework calls it.
const KNOWN = 'const known = new Map(); const key = (source, name) => source + ":" + name;';

export const FRAMEWORKS: Framework[] = [
  {
    bridge: 'qbox',
    resource: 'qbx_core',
    identifier: () => /^[A-Z]{3}\d{5}$/,
    noJob: 'unemployed',
    driver: `${KNOWN}
      const driver = {
        async load(source, name) {
          const citizenid = known.get(key(source, name));
          if (citizenid) await exports.qbx_core.Login(source, citizenid);
          else await exports.qbx_core.Login(source, null, { charinfo: { firstname: name, lastname: 'Doe' } });
          known.set(key(source, name), exports.qbx_core.GetPlayer(source).PlayerData.citizenid);
          return known.get(key(source, name));
        },
        logout: (source) => exports.qbx_core.Logout(source),
        setJob: (source, job) => exports.qbx_core.GetPlayer(source).Functions.SetJob(job, 1),
        clearJob: (source) => exports.qbx_core.GetPlayer(source).Functions.SetJob('unemployed', 0),
      };`,
  },
  {
    bridge: 'qbcore',
    resource: 'qb-core',
    identifier: () => /^[A-Z]{3}\d{5}$/,
    noJob: 'unemployed',
    driver: `${KNOWN}
      const QBCore = () => exports['qb-core'].GetCoreObject();
      const driver = {
        async load(source, name) {
          const citizenid = known.get(key(source, name));
          await QBCore().Player.Login(source, citizenid ?? false, { charinfo: { firstname: name, lastname: 'Doe' } });
          known.set(key(source, name), QBCore().Functions.GetPlayer(source).PlayerData.citizenid);
          return known.get(key(source, name));
        },
        logout: (source) => QBCore().Player.Logout(source),
        setJob: (source, job) => QBCore().Functions.GetPlayer(source).Functions.SetJob(job, '1'),
        clearJob: (source) => QBCore().Functions.GetPlayer(source).Functions.SetJob('unemployed', '0'),
        // qb-multicharacter's delete button, pressed in the character menu: the character is logged out first.
        async deleteCharacter(source) {
          const { citizenid } = QBCore().Functions.GetPlayer(source).PlayerData;
          await QBCore().Player.Logout(source);
          await QBCore().Player.DeleteCharacter(source, citizenid);
        },
        // A row gone with no log line: deleted by hand, or while Handset was not running.
        deleteRow: (citizenid) => new Promise((resolve) => exports.oxmysql.query('DELETE FROM players WHERE citizenid = ?', [citizenid], resolve)),
      };`,
  },
  {
    bridge: 'esx',
    resource: 'es_extended',
    identifier: (license) => new RegExp(`^char\\d:${license.replace(/^license:/, '')}$`),
    noJob: 'unemployed',
    // As esx_multicharacter: a slot per character, the new character's data only when creating it.
    driver: `${KNOWN}
      const ESX = () => exports.es_extended.getSharedObject();
      const driver = {
        async load(source, name) {
          const slot = known.get(key(source, name));
          if (slot) emit('esx:onPlayerJoined', source, slot, null);
          else {
            const taken = [...known.keys()].filter((k) => k.startsWith(source + ':')).length;
            known.set(key(source, name), 'char' + (taken + 1));
            emit('esx:onPlayerJoined', source, known.get(key(source, name)), { firstname: name, lastname: 'Doe' });
          }
          return ESX().GetPlayerFromId(source).identifier;
        },
        async logout(source) { emit('esx:playerLogout', source); },
        setJob: (source, job) => ESX().GetPlayerFromId(source).setJob(job, 1),
        clearJob: (source) => ESX().GetPlayerFromId(source).setJob('unemployed', 0),
      };`,
  },
  {
    bridge: 'ox_core',
    resource: 'ox_core',
    identifier: () => /^\d+$/,
    noJob: null,
    // ox_core's character selection answers with a charId, or the data of a new character.
    driver: `${KNOWN}
      const call = (source, method, ...args) => exports.ox_core.CallPlayer(source, method, ...args);
      const driver = {
        async load(source, name) {
          const character = await call(source, 'setActiveCharacter', known.get(key(source, name)) ?? { firstName: name, lastName: 'Doe' });
          known.set(key(source, name), character.charId);
          return String(character.charId);
        },
        logout: (source) => call(source, 'logout'),
        async setJob(source, job) {
          await call(source, 'setGroup', job, 1);
          call(source, 'setActiveGroup', job);
        },
        clearJob: (source) => call(source, 'setGroup', call(source, 'get', 'activeGroup'), 0),
        // What OxPlayer.deleteCharacter emits once the character row is soft-deleted.
        deleteCharacter(source) {
          const player = exports.ox_core.GetPlayer(source);
          emit('ox:deletedCharacter', source, player.userId, player.charId);
        },
      };`,
  },
];

/** The test's way into a resource: what it leaves on `process`, the one object the test and the resource share. */
export function shared<T>(name: string): T {
  const value = (process as unknown as Record<string, T | undefined>)[name];
  if (value === undefined) throw new Error(`no resource has shared ${name} yet`);
  return value;
}

/**
 * A resource that hands the test `framework`'s driver, with `extra` methods (code) added to it, and a client whose
 * `menu <event> <json args>` sends a net event as a character menu's buttons do.
 */
export function driverResource(framework: Framework, extra = ''): ResourceFiles {
  return {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `client_script 'client.js'`),
    'server.js': `${framework.driver}\nObject.assign(driver, { ${extra} });\nprocess.handsetFrameworkDriver = driver;`,
    'client.js': `RegisterCommand('menu', (_source, [event, ...args]) => emitNet(event, ...JSON.parse(args.join(' '))), false);`,
  };
}

export const driver = () => shared<FrameworkDriver & Record<string, (...args: never[]) => unknown>>('handsetFrameworkDriver');
