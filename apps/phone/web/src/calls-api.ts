import { SdkError, type HandsetApp } from '../../../../sdk/app';

/** Where a call is: ringing (`dialing`), talking (`active`), or one of the final statuses. */
export type CallStatus = 'dialing' | 'active' | 'completed' | 'missed' | 'declined' | 'busy' | 'unavailable';

/** A call as the server plugin's actions and pushes carry it (apps/phone/README.md). */
export interface Call {
  callId: string;
  direction: 'outgoing' | 'incoming';
  /** The other party's digits; '' when they hid their number from this side. */
  number: string;
  /** The number in the server's format, or 'Unknown' when hidden. */
  displayNumber: string;
  /** What the player calls the other party in Contacts; null without a contact, and always for a hidden caller. */
  contactName: string | null;
  hidden: boolean;
  video: boolean;
  company: boolean;
  status: CallStatus;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** Whole seconds, 0 until answered. */
  duration: number;
}

/** A call in the player's history. */
export interface CallRecord extends Call {
  id: number;
}

/** One tap on Call: retries of that tap send the same requestId, so the server places the call once. */
export interface CallAttempt {
  requestId: string;
  number: string;
  video: boolean;
  hideNumber: boolean;
}

const PUSHED_STATUSES: readonly string[] = ['dialing', 'active', 'completed', 'missed', 'declined', 'busy', 'unavailable'];

export const isEnded = (status: CallStatus) => status !== 'dialing' && status !== 'active';

/** `hidden` is set on both sides of a call placed with Hide my number; only the callee is kept from the number. */
export const hiddenFromMe = (call: Call) => call.number === '' || (call.direction === 'incoming' && call.hidden);

/** A pushed call, or null for a push that is not one: pushes arrive as `unknown`. */
export function asCall(data: unknown): Call | null {
  if (typeof data !== 'object' || data === null) return null;
  const call = data as Partial<Call>;
  const valid =
    typeof call.callId === 'string' &&
    typeof call.number === 'string' &&
    typeof call.displayNumber === 'string' &&
    (call.direction === 'outgoing' || call.direction === 'incoming') &&
    PUSHED_STATUSES.includes(call.status as string);
  return valid ? (call as Call) : null;
}

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown): string {
  return error instanceof SdkError ? error.message : 'Something went wrong. Try again.';
}

/** The server plugin's actions, typed by the contract. */
export function callsApi(app: HandsetApp) {
  return {
    start: ({ requestId, number, video, hideNumber }: CallAttempt) =>
      app.request<Call>('calls.start', { requestId, number, video, hideNumber }),
    answer: (callId: string) => app.request<Call>('calls.answer', { callId }),
    decline: (callId: string) => app.request<null>('calls.decline', { callId }),
    end: (callId: string) => app.request<null>('calls.end', { callId }),
    current: () => app.request<Call | null>('calls.current', {}),
    recents: () => app.request<CallRecord[]>('calls.recents', {}),
  };
}

export type CallsApi = ReturnType<typeof callsApi>;
