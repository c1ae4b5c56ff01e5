import { isAllowedImage } from '../../core/server/config';
import { canonicalNumber, formatNumber } from '../../core/server/identity/phone-numbers';
import { createPhonesRepository } from '../../core/server/identity/phones.repository';
import { coreMigrations } from '../../core/server/storage/core.migrations';
import { migrate } from '../../core/server/storage/migrations';
import type { Database, Migration } from '../../sdk/server/database';
import type { OnlinePhoneRef, PluginPhones } from '../../sdk/server/plugin';

const FORMAT = '555-####';

/** The `imageAllowed` Handset hands a plugin, for the server owner's image hosts `hosts`. */
export function imageAllowedBy(hosts: readonly string[]): (url: string) => boolean {
  return (url) => isAllowedImage(url, hosts);
}

/** Migrates the core's tables, then a plugin's own, as Handset does before starting it; answers the plugin's result. */
export async function migratePlugin(db: Database, appId: string, migrations: readonly Migration[]): Promise<{ applied: number[] }> {
  await migrate(db, 'core', coreMigrations);
  return migrate(db, appId, migrations);
}

/** `PluginPhones.find` over the core's phones table, as the core answers it. */
export function findPhone(db: Database): PluginPhones['find'] {
  const stored = createPhonesRepository(db, { numberFormat: FORMAT });
  return async (number) => {
    const phone = await stored.findByNumber(canonicalNumber(number));
    return phone ? { phoneId: phone.id, number: phone.number } : null;
  };
}

/** Who plays which phone, by source, told as the core tells plugins: a replaced phone was switched away from, a deleted one's player left. */
class OnlinePhones extends Map<number, OnlinePhoneRef> {
  readonly unloadListeners = new Set<(phone: OnlinePhoneRef, left: boolean) => void>();

  override set(source: number, phone: OnlinePhoneRef): this {
    const before = this.get(source);
    super.set(source, phone);
    if (before && before.phoneId !== phone.phoneId) this.unloaded(before, false);
    return this;
  }

  override delete(source: number): boolean {
    const before = this.get(source);
    const deleted = super.delete(source);
    if (before) this.unloaded(before, true);
    return deleted;
  }

  private unloaded(phone: OnlinePhoneRef, left: boolean): void {
    for (const listener of this.unloadListeners) listener(phone, left);
  }
}

/**
 * For a plugin's service tests: phones 5550001–5550004 in the core's table (migrated), the first three played by
 * sources 11–13, and `PluginPhones` over them as the core gives plugins; `online` can be changed by the test.
 */
export async function seedPluginPhones(db: Database): Promise<{ phones: PluginPhones; online: Map<number, OnlinePhoneRef> }> {
  for (const n of [1, 2, 3, 4]) await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?)', [`license:${n}`, `555000${n}`]);
  const online = new OnlinePhones();
  for (const n of [1, 2, 3]) online.set(10 + n, { phoneId: n, number: `555000${n}`, source: 10 + n });
  const phones: PluginPhones = {
    airplaneMode: () => false,
    language: () => 'en',
    bySource: (source) => online.get(source) ?? null,
    byId: (phoneId) => [...online.values()].find((phone) => phone.phoneId === phoneId) ?? null,
    byNumber: (number) => [...online.values()].find((phone) => phone.number === canonicalNumber(number)) ?? null,
    find: findPhone(db),
    findById: async (phoneId) => {
      const phone = await createPhonesRepository(db, { numberFormat: FORMAT }).findById(phoneId);
      return phone ? { phoneId: phone.id, number: phone.number } : null;
    },
    format: (number) => formatNumber(canonicalNumber(number), FORMAT),
    onUnloaded: (listener) => {
      online.unloadListeners.add(listener);
      return () => online.unloadListeners.delete(listener);
    },
  };
  return { phones, online };
}
