import { DatabaseError, type Database } from '../../../sdk/server/database';

/** Which appstore apps each character installed (`handset_core_app_installs`). */
export function createInstallsRepository(db: Database) {
  return {
    async list(phoneId: number): Promise<string[]> {
      const rows = await db.select<{ app_id: string }>(
        'SELECT app_id FROM handset_core_app_installs WHERE phone_id = ? ORDER BY installed_at, app_id',
        [phoneId],
      );
      return rows.map((row) => row.app_id);
    },

    /** Installing twice is not an error: the second call finds the first one's row. */
    async install(phoneId: number, appId: string): Promise<void> {
      try {
        await db.run('INSERT INTO handset_core_app_installs (phone_id, app_id) VALUES (?, ?)', [phoneId, appId]);
      } catch (error) {
        if (!(error instanceof DatabaseError && error.kind === 'unique_violation')) throw error;
      }
    },

    async uninstall(phoneId: number, appId: string): Promise<boolean> {
      const { affectedRows } = await db.run('DELETE FROM handset_core_app_installs WHERE phone_id = ? AND app_id = ?', [
        phoneId,
        appId,
      ]);
      return affectedRows > 0;
    },
  };
}
export type InstallsRepository = ReturnType<typeof createInstallsRepository>;
