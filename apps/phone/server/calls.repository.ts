import type { Database, Statement } from '@handset/sdk/server/database';

export type CallDirection = 'outgoing' | 'incoming';

/** How a call ended; a live call is `dialing` or `active`. */
export type EndedStatus = 'completed' | 'missed' | 'declined' | 'busy' | 'unavailable';
export type CallStatus = 'dialing' | 'active' | EndedStatus;

/** One party's record of a finished call. Times are epoch milliseconds; duration is whole seconds. */
export interface CallRecordInput {
  phoneId: number;
  callId: string;
  direction: CallDirection;
  /** The other party's digits, kept even when hidden from this party (the view hides it). */
  otherNumber: string;
  hidden: boolean;
  video: boolean;
  company: boolean;
  status: EndedStatus;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  duration: number;
}

export interface CallRecordRow extends CallRecordInput {
  id: number;
}

/** A call that has rung a phone and not yet ended, kept so that a restart of Handset neither loses nor strands it. */
export interface LiveCallRow {
  callId: string;
  callerNumber: string;
  /** Null for a line with no phone behind it (a service number). */
  callerPhoneId: number | null;
  calleeNumber: string;
  calleePhoneId: number | null;
  hidden: boolean;
  video: boolean;
  company: boolean;
  startedAt: number;
  /** Null while it rings. */
  answeredAt: number | null;
}

interface Row {
  [column: string]: unknown;
  id: number | string;
  phone_id: number | string;
  call_id: string;
  direction: CallDirection;
  other_number: string;
  hidden: boolean | number;
  video: boolean | number;
  company: boolean | number;
  status: EndedStatus;
  started_at: number | string;
  answered_at: number | string | null;
  ended_at: number | string;
  duration: number | string;
}

const COLUMNS =
  'id, phone_id, call_id, direction, other_number, hidden, video, company, status, started_at, answered_at, ended_at, duration';

// BIGINT may arrive as a string from MariaDB drivers; TINYINT(1) as 0/1 outside oxmysql's casts.
const fromRow = (row: Row): CallRecordRow => ({
  id: Number(row.id),
  phoneId: Number(row.phone_id),
  callId: row.call_id,
  direction: row.direction,
  otherNumber: row.other_number,
  hidden: Boolean(row.hidden),
  video: Boolean(row.video),
  company: Boolean(row.company),
  status: row.status,
  startedAt: Number(row.started_at),
  answeredAt: row.answered_at === null ? null : Number(row.answered_at),
  endedAt: Number(row.ended_at),
  duration: Number(row.duration),
});

/** Call records in `handset_phone_calls`. */
export interface CallsRepository {
  /**
   * Writes every party's record of one call, and forgets the live call `endedCallId` when given: all of it is
   * committed, or none.
   */
  insert(records: readonly CallRecordInput[], endedCallId?: string): Promise<void>;
  /** Keeps a call that rang a phone. */
  saveLive(call: LiveCallRow): Promise<void>;
  /** The kept call `callId` was answered at `answeredAt`. */
  answerLive(callId: string, answeredAt: number): Promise<void>;
  /** Every kept call: those live when Handset stopped (a handful, one per call in progress). */
  liveCalls(): Promise<LiveCallRow[]>;
  /** A phone's records newest first, before `beforeId` when paging back. */
  recents(phoneId: number, beforeId: number | null, limit: number): Promise<CallRecordRow[]>;
  /** The phone's record `id`, or undefined when it has none. */
  find(phoneId: number, id: number): Promise<CallRecordRow | undefined>;
  /** Incoming calls the phone missed after the newest record it has seen in Recents. */
  unseenMissed(phoneId: number): Promise<number>;
  /** Every record the phone has now is seen. */
  markSeen(phoneId: number): Promise<void>;
  /** Deletes at most `batch` records of calls started before `before` (epoch ms); resolves to how many went. */
  pruneBatch(before: number, batch: number): Promise<number>;
}

export function createCallsRepository(db: Database): CallsRepository {
  return {
    async insert(records, endedCallId) {
      const statements: Statement[] = [];
      if (records.length > 0) {
        statements.push({
          sql: `INSERT INTO handset_phone_calls (phone_id, call_id, direction, other_number, hidden, video, company, status, started_at, answered_at, ended_at, duration)
         VALUES ${records.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          values: records.flatMap((record) => [
            record.phoneId,
            record.callId,
            record.direction,
            record.otherNumber,
            record.hidden ? 1 : 0,
            record.video ? 1 : 0,
            record.company ? 1 : 0,
            record.status,
            record.startedAt,
            record.answeredAt,
            record.endedAt,
            record.duration,
          ]),
        });
      }
      if (endedCallId !== undefined) statements.push({ sql: 'DELETE FROM handset_phone_live_calls WHERE call_id = ?', values: [endedCallId] });
      // One statement alone keeps the driver's error kind, which oxmysql's batch reports only to its log.
      if (statements.length === 1) await db.run(statements[0]!.sql, statements[0]!.values);
      else if (statements.length > 1) await db.batch(statements);
    },

    async saveLive(call) {
      await db.run(
        `INSERT INTO handset_phone_live_calls (call_id, caller_number, caller_phone_id, callee_number, callee_phone_id, hidden, video, company, started_at, answered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [call.callId, call.callerNumber, call.callerPhoneId, call.calleeNumber, call.calleePhoneId, call.hidden ? 1 : 0, call.video ? 1 : 0, call.company ? 1 : 0, call.startedAt, call.answeredAt],
      );
    },

    async answerLive(callId, answeredAt) {
      await db.run('UPDATE handset_phone_live_calls SET answered_at = ? WHERE call_id = ?', [answeredAt, callId]);
    },

    async liveCalls() {
      const rows = await db.select<Record<string, unknown>>(
        'SELECT call_id, caller_number, caller_phone_id, callee_number, callee_phone_id, hidden, video, company, started_at, answered_at FROM handset_phone_live_calls',
      );
      const id = (value: unknown) => (value === null ? null : Number(value));
      return rows.map((row) => ({
        callId: String(row['call_id']),
        callerNumber: String(row['caller_number']),
        callerPhoneId: id(row['caller_phone_id']),
        calleeNumber: String(row['callee_number']),
        calleePhoneId: id(row['callee_phone_id']),
        hidden: Boolean(row['hidden']),
        video: Boolean(row['video']),
        company: Boolean(row['company']),
        startedAt: Number(row['started_at']),
        answeredAt: id(row['answered_at']),
      }));
    },

    async recents(phoneId, beforeId, limit) {
      const rows = await db.select<Row>(
        `SELECT ${COLUMNS} FROM handset_phone_calls WHERE phone_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
        [phoneId, beforeId ?? Number.MAX_SAFE_INTEGER, limit],
      );
      return rows.map(fromRow);
    },

    async find(phoneId, id) {
      const [row] = await db.select<Row>(`SELECT ${COLUMNS} FROM handset_phone_calls WHERE id = ? AND phone_id = ?`, [id, phoneId]);
      return row && fromRow(row);
    },

    async unseenMissed(phoneId) {
      // A range of the recents index (phone_id, id) after the seen record.
      const [row] = await db.select<{ count: number | string }>(
        `SELECT COUNT(*) AS count FROM handset_phone_calls
         WHERE phone_id = ? AND id > COALESCE((SELECT seen_id FROM handset_phone_recents_seen WHERE phone_id = ?), 0)
           AND direction = 'incoming' AND status = 'missed'`,
        [phoneId, phoneId],
      );
      return Number(row?.count ?? 0);
    },

    async markSeen(phoneId) {
      const upsert = db.dialect === 'sqlite' ? 'ON CONFLICT (phone_id) DO UPDATE SET seen_id = excluded.seen_id' : 'ON DUPLICATE KEY UPDATE seen_id = VALUES(seen_id)';
      await db.run(
        `INSERT INTO handset_phone_recents_seen (phone_id, seen_id)
         SELECT ?, COALESCE(MAX(id), 0) FROM handset_phone_calls WHERE phone_id = ? ${upsert}`,
        [phoneId, phoneId],
      );
    },

    async pruneBatch(before, batch) {
      // The derived table lets MariaDB take a LIMIT in the subquery of the table it deletes from.
      const { affectedRows } = await db.run(
        `DELETE FROM handset_phone_calls WHERE id IN (
           SELECT id FROM (SELECT id FROM handset_phone_calls WHERE started_at < ? ORDER BY started_at LIMIT ?) AS batch)`,
        [before, batch],
      );
      return affectedRows;
    },
  };
}
