import type { FrameworkBridge } from '../bridge';
import { listenQbEvents, qbCharacter, type QbPlayer } from './qb-player';

interface QbCore {
  /** A Lua function answers JS with a promise when it waits. */
  Functions: { GetPlayer(source: number): QbPlayer | null | Promise<QbPlayer | null> };
}

/** qb-core: players through `GetCoreObject().Functions.GetPlayer`, and its server events. */
export function qbcoreBridge(): FrameworkBridge {
  // Fetched once: it crosses as a copy of the whole core object, and the bridge reads players only at start.
  let core: QbCore | undefined;
  const QBCore = () => (core ??= (exports['qb-core'] as unknown as { GetCoreObject(): QbCore }).GetCoreObject());
  return {
    name: 'qbcore',
    current: async (source) => qbCharacter(await QBCore().Functions.GetPlayer(source)),
    listen: listenQbEvents,
  };
}
