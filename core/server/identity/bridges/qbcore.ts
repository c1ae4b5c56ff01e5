import type { FrameworkBridge } from '../bridge';
import { coreObject } from './core-object';
import { listenQbEvents, qbCharacter, type QbPlayer } from './qb-player';

interface QbCore {
  Functions: { GetPlayer(source: number): QbPlayer | null | Promise<QbPlayer | null> };
}

/** qb-core: players through `GetCoreObject().Functions.GetPlayer`, and its server events. */
export function qbcoreBridge(): FrameworkBridge {
  const core = coreObject<QbCore>('qb-core', () => exports['qb-core']!.GetCoreObject!());
  return {
    name: 'qbcore',
    current: async (source) => qbCharacter(await core().Functions.GetPlayer(source)),
    listen: listenQbEvents,
  };
}
