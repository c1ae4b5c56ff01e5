import type { FrameworkBridge } from '../bridge';
import { listenQbEvents, qbCharacter, type QbPlayer } from './qb-player';
import { qboxDeletionProblem } from './qbox-setup';

interface QbxCore {
  /** A Lua function answers JS with a promise when it waits. */
  GetPlayer(source: number): QbPlayer | null | Promise<QbPlayer | null>;
}

/** Qbox (qbx_core): players through its `GetPlayer` export; its events are QBCore's. */
export const qboxBridge = (): FrameworkBridge => ({
  name: 'qbox',
  current: async (source) => qbCharacter(await (exports.qbx_core as unknown as QbxCore).GetPlayer(source)),
  listen: listenQbEvents,
  setupProblem: () => qboxDeletionProblem((file) => LoadResourceFile('qbx_core', file) ?? null),
});
