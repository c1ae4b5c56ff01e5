import type { PhoneNotification } from '../../shared/shell-data';
import type { z } from 'zod';
import { DEFAULT_TIMEOUT_MS, notificationInputSchema } from '../../shared/notification';
import type { Identity, OnlinePhone } from '../identity/identity';
import type { DeviceState } from '../device/device-state';
import type { Database } from '../../../sdk/server/database';
import { describeIssue, playerIdSchema } from '../validation';

/** How many notifications a character's center keeps; older ones are pruned as new ones arrive. */
export const CENTER_SIZE = 100;


export type NotifyResult =
  | { ok: true; id: number }
  | { ok: false; reason: 'invalid_input' | 'offline' | 'airplane_mode'; message: string };

type NotificationRow = {
  id: number;
  app_id: string | null;
  app_label: string | null;
  title: string;
  body: string;
  icon: string | null;
  icon_color: string | null;
  created_at: number;
};

const COLUMNS = 'id, app_id, app_label, title, body, icon, icon_color, created_at';

const fromRow = (row: NotificationRow, timeout = DEFAULT_TIMEOUT_MS): PhoneNotification => ({
  id: Number(row.id),
  appId: row.app_id,
  app: row.app_label,
  title: row.title,
  body: row.body,
  icon: row.icon,
  iconColor: row.icon_color,
  timeout,
  createdAt: Number(row.created_at),
});

/** Notifications: refused in airplane mode, committed to the character's center, then shown. */
export class Notifications {
  constructor(
    private readonly db: Database,
    private readonly identity: Identity,
    private readonly device: DeviceState,
    private readonly show: (source: number, notification: PhoneNotification) => void,
  ) {}

  async notify(source: unknown, data: unknown, appId: string | null = null): Promise<NotifyResult> {
    const player = playerIdSchema.safeParse(source);
    if (!player.success) return { ok: false, reason: 'invalid_input', message: 'source must be a player id' };
    const input = notificationInputSchema.safeParse(data);
    if (!input.success) return { ok: false, reason: 'invalid_input', message: describeIssue(input.error) };
    const phone = this.identity.phoneOf(player.data);
    if (!phone) return { ok: false, reason: 'offline', message: `player ${String(source)} has no phone loaded` };
    if (this.device.airplaneMode(phone.source)) {
      return { ok: false, reason: 'airplane_mode', message: 'the phone is in airplane mode' };
    }
    const notification = await this.store(phone, input.data, appId);
    // The character may have been switched while the row was written; it waits in the center either way.
    if (this.identity.phoneOf(phone.source)?.id === phone.id) this.show(phone.source, notification);
    return { ok: true, id: notification.id };
  }

  /** The newest notifications of a character, before `beforeId` when paging back. */
  async list(phone: OnlinePhone, beforeId: number | null, limit: number): Promise<PhoneNotification[]> {
    const rows = await this.db.select<NotificationRow>(
      `SELECT ${COLUMNS} FROM handset_core_notifications WHERE phone_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
      [phone.id, beforeId ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map((row) => fromRow(row));
  }

  async dismiss(phone: OnlinePhone, id: number): Promise<boolean> {
    const { affectedRows } = await this.db.run('DELETE FROM handset_core_notifications WHERE id = ? AND phone_id = ?', [id, phone.id]);
    return affectedRows > 0;
  }

  async clear(phone: OnlinePhone): Promise<number> {
    const { affectedRows } = await this.db.run('DELETE FROM handset_core_notifications WHERE phone_id = ?', [phone.id]);
    return affectedRows;
  }

  // No transaction: each statement commits alone, and a prune that fails is done by the next notification's.
  private async store(phone: OnlinePhone, input: z.output<typeof notificationInputSchema>, appId: string | null) {
    const { insertId } = await this.db.run(
      'INSERT INTO handset_core_notifications (phone_id, app_id, app_label, title, body, icon, icon_color) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [phone.id, appId, input.app ?? null, input.title, input.body, input.icon ?? null, input.iconColor ?? null],
    );
    // The derived table lets MariaDB read the table it deletes from.
    await this.db.run(
      `DELETE FROM handset_core_notifications WHERE phone_id = ? AND id <= (
         SELECT id FROM (SELECT id FROM handset_core_notifications WHERE phone_id = ? ORDER BY id DESC LIMIT 1 OFFSET ${CENTER_SIZE}) AS cutoff)`,
      [phone.id, phone.id],
    );
    const [row] = await this.db.select<NotificationRow>(`SELECT ${COLUMNS} FROM handset_core_notifications WHERE id = ?`, [insertId]);
    return fromRow(row!, input.timeout ?? DEFAULT_TIMEOUT_MS);
  }
}
