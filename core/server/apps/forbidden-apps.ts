import type { Services } from '../services';

// The CitizenFX global used here, declared in this module so that unit tests outside the game type-check it.
declare function emitNet(eventName: string, target: number, ...args: unknown[]): void;

/** Closes `appIds` where `source` has them open but may no longer use them (disabled, another job or grade). */
export async function closeForbiddenApps(services: Services, source: number, appIds: readonly string[]): Promise<void> {
  const phone = services.identity.phoneOf(source);
  for (const appId of appIds) {
    if (!services.device.isAppOpen(source, appId)) continue;
    if (phone && (await services.access.check(phone, appId)).ok) continue;
    services.device.setAppOpen(source, appId, false);
    emitNet('handset:app:closed', source, appId);
  }
}
