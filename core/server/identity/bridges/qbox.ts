import type { FrameworkBridge } from '../bridge';
import { listenQbEvents, qbCharacter, type QbPlayer } from './qb-player';

/** Qbox (qbx_core): its own `GetPlayer` export, and the QBCore events it still fires. */
export const qboxBridge = (): FrameworkBridge => ({
  name: 'qbox',
  current: async (source) => qbCharacter((await exports.qbx_core!.GetPlayer!(source)) as QbPlayer | null),
  listen: listenQbEvents,
});
