import { contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import type { Call, CallRecord, CallStatus, phoneContract } from '../../contract';
import type { PhoneText } from './messages';

export type { Call, CallRecord, CallStatus };

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
export function errorText(error: unknown, t: PhoneText): string {
  return error instanceof SdkError ? error.message : t('somethingWrong');
}

/** The server plugin's actions, typed by the contract. */
export function callsApi(app: HandsetApp) {
  const calls = contractClient<typeof phoneContract>(app);
  return {
    start: ({ requestId, number, video, hideNumber }: CallAttempt) => calls.request('calls.start', { requestId, number, video, hideNumber }),
    answer: (callId: string) => calls.request('calls.answer', { callId }),
    decline: (callId: string) => calls.request('calls.decline', { callId }),
    end: (callId: string) => calls.request('calls.end', { callId }),
    current: () => calls.request('calls.current', {}),
    recents: () => calls.request('calls.recents', {}),
    markSeen: () => calls.request('calls.markSeen', {}),
    blockCaller: (id: number) => calls.request('calls.blockCaller', { id }),
  };
}

export type CallsApi = ReturnType<typeof callsApi>;
