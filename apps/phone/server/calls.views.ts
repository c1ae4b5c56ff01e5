import type { CallDirection, CallRecordRow, CallStatus } from './calls.repository';

/** One end of a call: a player's phone, or a line with no player behind it (a service or NPC number). */
export interface Party {
  /** Digits. */
  number: string;
  /** The phone's row id; null for a line with no phone. */
  phoneId: number | null;
  /** The player on that phone; null for a line with no player. */
  source: number | null;
}

/** A call in progress or just ended, as the calls service holds it. */
export interface CallState {
  callId: string;
  caller: Party;
  callee: Party;
  hidden: boolean;
  video: boolean;
  /** A service line is on one end. */
  company: boolean;
  status: CallStatus;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
}

/** A call as the page sees it, from one party's side (see the README). */
export interface CallView {
  callId: string;
  direction: CallDirection;
  number: string;
  displayNumber: string;
  contactName: null;
  hidden: boolean;
  video: boolean;
  company: boolean;
  status: CallStatus;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  duration: number;
}

export interface CallRecordView extends CallView {
  id: number;
}

/** Whole seconds between answering and `until`; 0 for a call never answered. */
export const durationOf = (answeredAt: number | null, until: number): number =>
  answeredAt === null ? 0 : Math.max(0, Math.floor((until - answeredAt) / 1000));

const otherNumber = (number: string, hiddenFromMe: boolean, format: (number: string) => string) =>
  hiddenFromMe ? { number: '', displayNumber: 'Unknown' } : { number, displayNumber: format(number) };

/** The call from the caller's (`outgoing`) or the callee's (`incoming`) side; a hidden caller stays hidden to the callee. */
export function callView(call: CallState, direction: CallDirection, format: (number: string) => string, now: number): CallView {
  const other = direction === 'outgoing' ? call.callee : call.caller;
  return {
    callId: call.callId,
    direction,
    ...otherNumber(other.number, direction === 'incoming' && call.hidden, format),
    contactName: null,
    hidden: call.hidden,
    video: call.video,
    company: call.company,
    status: call.status,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    duration: durationOf(call.answeredAt, call.endedAt ?? now),
  };
}

/** A stored record, in the same shape plus its id. */
export function recordView(record: CallRecordRow, format: (number: string) => string): CallRecordView {
  return {
    id: record.id,
    callId: record.callId,
    direction: record.direction,
    ...otherNumber(record.otherNumber, record.direction === 'incoming' && record.hidden, format),
    contactName: null,
    hidden: record.hidden,
    video: record.video,
    company: record.company,
    status: record.status,
    startedAt: record.startedAt,
    answeredAt: record.answeredAt,
    endedAt: record.endedAt,
    duration: record.duration,
  };
}
