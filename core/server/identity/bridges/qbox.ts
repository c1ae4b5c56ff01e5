import type { FrameworkBridge } from '../bridge';
import { listenQbEvents, qbCharacter, type QbPlayer } from './qb-player';

interface QbxCore {
  /** A Lua function answers JS with a promise when it waits. */
  GetPlayer(source: number): QbPlayer | null | Promise<QbPlayer | null>;
}

/**
 * Whether qbx_core deletes the phone with the character: its `characterDataTables` must name Handset's phone table.
 * `read` gives a file of qbx_core (null when absent): `config/server.lua` today, `config.lua` before.
 */
export function qboxDeletionProblem(read: (file: string) => string | null): string | null {
  const current = read('config/server.lua');
  const config = current ?? read('config.lua');
  if (config === null || /['"]handset_core_phones['"]|\bhandset_core_phones\s*=/.test(config)) return null;
  const line = current === null ? "handset_core_phones = 'identifier'," : "{'handset_core_phones', 'identifier'},";
  return `qbx_core does not delete the phone with a character: add ${line} to characterDataTables in qbx_core/${current === null ? 'config.lua' : 'config/server.lua'}`;
}

/** Qbox (qbx_core): players through its `GetPlayer` export; its events are QBCore's. */
export const qboxBridge = (): FrameworkBridge => ({
  name: 'qbox',
  current: async (source) => qbCharacter(await (exports.qbx_core as unknown as QbxCore).GetPlayer(source)),
  listen: listenQbEvents,
  setupProblem: () => qboxDeletionProblem((file) => LoadResourceFile('qbx_core', file) ?? null),
});
