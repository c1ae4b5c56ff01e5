import { Buffer } from 'node:buffer';
import { z } from 'zod';
import { HandsetError } from '../../../sdk/protocol/errors';
import { appIdSchema } from '../../../sdk/protocol/names';
import { DatabaseError, type Database } from '../../../sdk/server/database';

/** What an app may keep per character. */
export const APP_STORAGE_LIMITS = {
  /** Bytes of a value serialized as UTF-8 JSON. */
  valueBytes: 16 * 1024,
  keysPerApp: 256,
} as const;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const phoneIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const keySchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
const valueSchema = z.json();

/** A per-app, per-character key-value store: each app sees only its own keys on the character's phone. */
export interface AppStorage {
  /** The value stored under `key`, or null when there is none. */
  get(phoneId: number, appId: string, key: string): Promise<JsonValue>;
  /** Stores any JSON value (at most 16 KiB serialized) under `key`, replacing what was there. */
  set(phoneId: number, appId: string, key: string, value: unknown): Promise<void>;
  /** Removes `key`; false when there was nothing to remove. */
  remove(phoneId: number, appId: string, key: string): Promise<boolean>;
  /** The app's keys on this phone, in byte order. */
  keys(phoneId: number, appId: string): Promise<string[]>;
}

function check(phoneId: unknown, appId: unknown, key?: unknown): void {
  if (!phoneIdSchema.safeParse(phoneId).success) throw new HandsetError('INVALID_INPUT', 'phoneId must be a positive integer');
  if (!appIdSchema.safeParse(appId).success) throw new HandsetError('INVALID_INPUT', 'appId must be 1-32 of a-z, 0-9 and _');
  if (key !== undefined && !keySchema.safeParse(key).success) {
    throw new HandsetError('INVALID_INPUT', 'key must be 1-64 of A-Z, a-z, 0-9 and _ . : -');
  }
}

function serialize(value: unknown): string {
  let text: string | undefined;
  try {
    if (valueSchema.safeParse(value).success) text = JSON.stringify(value);
  } catch {
    // A circular value passes the schema, then JSON.stringify throws.
  }
  if (text === undefined) {
    throw new HandsetError('INVALID_INPUT', 'value must be JSON: null, boolean, finite number, string, array or plain object');
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > APP_STORAGE_LIMITS.valueBytes) {
    throw new HandsetError('PAYLOAD_TOO_LARGE', `value is ${bytes} bytes as JSON; at most ${APP_STORAGE_LIMITS.valueBytes}`);
  }
  return text;
}

const WHERE_APP = 'phone_id = ? AND app_id = ?';

/**
 * The key-value store apps get through the SDK, in `handset_core_app_storage`. Bad input throws
 * `INVALID_INPUT` or `PAYLOAD_TOO_LARGE`, a 257th key `QUOTA_EXCEEDED`; a refused call writes nothing.
 *
 * @example
 * await storage.set(phone.id, 'bank', 'pin:hint', { text: 'birthday' });
 */
export function createAppStorage(db: Database): AppStorage {
  return {
    async get(phoneId, appId, key) {
      check(phoneId, appId, key);
      const [row] = await db.select<{ storage_value: string }>(
        `SELECT storage_value FROM handset_core_app_storage WHERE ${WHERE_APP} AND storage_key = ?`,
        [phoneId, appId, key],
      );
      return row ? (JSON.parse(row.storage_value) as JsonValue) : null;
    },

    async set(phoneId, appId, key, value) {
      check(phoneId, appId, key);
      const text = serialize(value);
      try {
        await db.transaction(async (tx) => {
          // Locks the phone's row: a concurrent set() for this phone waits here, so the count below holds until commit.
          await tx.run('UPDATE handset_core_phones SET id = id WHERE id = ?', [phoneId]);
          const [counts] = await tx.select<{ total: number; present: number }>(
            `SELECT COUNT(*) AS total, COUNT(CASE WHEN storage_key = ? THEN 1 END) AS present
             FROM handset_core_app_storage WHERE ${WHERE_APP}`,
            [key, phoneId, appId],
          );
          if (Number(counts?.present) === 0 && Number(counts?.total) >= APP_STORAGE_LIMITS.keysPerApp) {
            throw new HandsetError('QUOTA_EXCEEDED', `an app keeps at most ${APP_STORAGE_LIMITS.keysPerApp} keys per character`);
          }
          await tx.run(
            `REPLACE INTO handset_core_app_storage (phone_id, app_id, storage_key, storage_value, updated_at)
             VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)`,
            [phoneId, appId, key, text],
          );
        });
      } catch (error) {
        if (error instanceof DatabaseError && error.kind === 'foreign_key_violation') {
          throw new HandsetError('NOT_FOUND', `no phone ${phoneId}`);
        }
        throw error;
      }
    },

    async remove(phoneId, appId, key) {
      check(phoneId, appId, key);
      const { affectedRows } = await db.run(`DELETE FROM handset_core_app_storage WHERE ${WHERE_APP} AND storage_key = ?`, [
        phoneId,
        appId,
        key,
      ]);
      return affectedRows > 0;
    },

    async keys(phoneId, appId) {
      check(phoneId, appId);
      const rows = await db.select<{ storage_key: string }>(
        `SELECT storage_key FROM handset_core_app_storage WHERE ${WHERE_APP} ORDER BY storage_key`,
        [phoneId, appId],
      );
      return rows.map((row) => row.storage_key);
    },
  };
}
