import { isEnded, type Call, type CallAttempt } from './calls-api';

/** What the call screen shows: a tap on Call the server has not answered yet (or refused), or a call. */
export type CallView =
  /** `retryable`: the refusal may pass on another try (a timeout, not a malformed number). */
  | { kind: 'starting'; attempt: CallAttempt; error: string | null; retryable: boolean }
  | {
      kind: 'call';
      call: Call;
      /**
       * When the call became active, on this page's clock: the timer counts from here rather than from the
       * server's `answeredAt`, since the player's clock and the server's need not agree.
       */
      since: number | null;
      busy: boolean;
      error: string | null;
    };

function viewOf(call: Call, previous: CallView | null, now: number): CallView {
  const sameCall = previous?.kind === 'call' && previous.call.callId === call.callId;
  const since = call.status !== 'active' ? null : sameCall && previous.since !== null ? previous.since : now - call.duration * 1000;
  return { kind: 'call', call, since, busy: false, error: null };
}

/** How far a call has got: answers and pushes can arrive out of order, and a call never goes back. */
const progressOf = (call: Call) => (call.status === 'dialing' ? 0 : call.status === 'active' ? 1 : 2);

/** Of two words about the same call, the one further along (the later on a tie). */
export const furtherOf = (known: Call | undefined, call: Call) => (known && progressOf(known) > progressOf(call) ? known : call);

/**
 * The view after the server says something about `call` (an answer or a push). A live call on screen is not
 * replaced by another one, a pending tap on Call waits for its own answer, and a call that ended without
 * ever being shown is not brought up.
 */
export function showCall(view: CallView | null, call: Call, now: number): CallView | null {
  if (view === null) return isEnded(call.status) ? null : viewOf(call, null, now);
  if (view.kind === 'starting') return view;
  if (view.call.callId === call.callId) return viewOf(furtherOf(view.call, call), view, now);
  return isEnded(view.call.status) && !isEnded(call.status) ? viewOf(call, null, now) : view;
}

/** The view once calls.start answered `call` for `attempt`: ignored when the player has moved on. */
export function showStarted(view: CallView | null, attempt: CallAttempt, call: Call, now: number): CallView | null {
  if (view?.kind !== 'starting' || view.attempt.requestId !== attempt.requestId) return view;
  return viewOf(call, null, now);
}

/** Whether the screen shows a call still under way: one starting, ringing or active (not one over or refused). */
export function isLive(view: CallView | null): boolean {
  if (view === null) return false;
  return view.kind === 'starting' ? view.error === null : !isEnded(view.call.status);
}

/** The call as it ends on this side before the server's push says so: hung up, declined, or gone. */
export function endedLocally(call: Call, status: 'completed' | 'missed' | 'declined', duration: number, now: number): Call {
  return { ...call, status, duration, endedAt: now };
}

/** Whole seconds the call has been active, as the timer shows them. */
export const elapsedSeconds = (since: number, now: number) => Math.max(0, Math.floor((now - since) / 1000));
