import { DatabaseError, type Database } from '../../../sdk/server/database';

/** What a character chose in the App Store: apps installed, and pre-installed apps removed. */
export interface AppChoices {
  installed: Set<string>;
  removed: Set<string>;
}

/** Inserting a row twice is not an error: the second call finds the first one's row. */
async function insertOnce(db: Database, sql: string, values: unknown[]): Promise<void> {
  try {
    await db.run(sql, values);
  } catch (error) {
    if (!(error instanceof DatabaseError && error.kind === 'unique_violation')) throw error;
  }
}

/**
 * Which appstore apps each character installed (`handset_core_app_installs`) and which pre-installed apps the
 * server owner let them remove and they removed (`handset_core_app_removals`).
 */
export function createInstallsRepository(db: Database) {
  return {
    async choices(phoneId: number): Promise<AppChoices> {
      const [installed, removed] = await Promise.all([
        db.select<{ app_id: string }>('SELECT app_id FROM handset_core_app_installs WHERE phone_id = ?', [phoneId]),
        db.select<{ app_id: string }>('SELECT app_id FROM handset_core_app_removals WHERE phone_id = ?', [phoneId]),
      ]);
      return { installed: new Set(installed.map((row) => row.app_id)), removed: new Set(removed.map((row) => row.app_id)) };
    },

    install: (phoneId: number, appId: string) => insertOnce(db, 'INSERT INTO handset_core_app_installs (phone_id, app_id) VALUES (?, ?)', [phoneId, appId]),

    async uninstall(phoneId: number, appId: string): Promise<boolean> {
      const { affectedRows } = await db.run('DELETE FROM handset_core_app_installs WHERE phone_id = ? AND app_id = ?', [phoneId, appId]);
      return affectedRows > 0;
    },

    remove: (phoneId: number, appId: string) => insertOnce(db, 'INSERT INTO handset_core_app_removals (phone_id, app_id) VALUES (?, ?)', [phoneId, appId]),

    async restore(phoneId: number, appId: string): Promise<void> {
      await db.run('DELETE FROM handset_core_app_removals WHERE phone_id = ? AND app_id = ?', [phoneId, appId]);
    },
  };
}
export type InstallsRepository = ReturnType<typeof createInstallsRepository>;
