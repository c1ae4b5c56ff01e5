import type { CallDirection, CallRecordRow, CallStatus } from './calls.repository';
import type { ContactNames } from './contact-names';

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
  /** What this side calls the other in its contacts; null without a contact, and always for a number hidden from it. */
  contactName: string | null;
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

/** Whether the other party's number is kept from this side: a hidden caller's, from the callee. */
export const hiddenFrom = (direction: CallDirection, hidden: boolean): boolean => direction === 'incoming' && hidden;

/** The other party as this side may see them: number, display number and this side's name for them. */
const otherParty = (number: string, hiddenFromMe: boolean, format: (number: string) => string, names: ContactNames) =>
  hiddenFromMe
    ? { number: '', displayNumber: 'Unknown', contactName: null }
    : { number, displayNumber: format(number), contactName: names.get(number) ?? null };

/**
 * The call from the caller's (`outgoing`) or the callee's (`incoming`) side, with that side's `names` for the
 * other; a hidden caller stays hidden, and unnamed, to the callee.
 */
export function callView(
  call: CallState,
  direction: CallDirection,
  format: (number: string) => string,
  now: number,
  names: ContactNames,
): CallView {
  const other = direction === 'outgoing' ? call.callee : call.caller;
  return {
    callId: call.callId,
    direction,
    ...otherParty(other.number, hiddenFrom(direction, call.hidden), format, names),
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

/** A stored record, in the same shape plus its id, with its owner's `names` for the other party. */
export function recordView(record: CallRecordRow, format: (number: string) => string, names: ContactNames): CallRecordView {
  return {
    id: record.id,
    callId: record.callId,
    direction: record.direction,
    ...otherParty(record.otherNumber, hiddenFrom(record.direction, record.hidden), format, names),
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
