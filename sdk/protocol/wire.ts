import type { ErrorBody } from './errors';

/**
 * The messages on the wire between an app frame and the shell. The frame posts one `hello` to its parent
 * window; the shell answers only a hello whose `event.source` is that app's iframe, with a `welcome` that
 * transfers the app's own `MessagePort`. Everything after travels on that port: the frame calls methods as
 * comlink's `wrap()` does (`APPLY` of a catalogue path), the shell answers each by its id and pushes events.
 * This module has no run-time dependencies, so a frame that imports it stays small.
 *
 * @example
 * window.parent.postMessage({ type: HELLO }, '*');
 */
export const HELLO = 'handset:hello';
/**
 * The shell's answer to a hello; the message transfers the app's port.
 *
 * @example
 * iframe.contentWindow?.postMessage({ type: WELCOME }, '*', [channel.port2]);
 */
export const WELCOME = 'handset:welcome';

/**
 * The key Handset maps to its `phone` command by default (`KeyboardEvent.key`). While the phone has NUI focus the
 * game hears no keys, so the shell and the SDK in app frames catch it themselves and close the phone, as Escape does.
 *
 * @example
 * if (event.key === PHONE_KEY) closePhone();
 */
export const PHONE_KEY = 'F1';

/**
 * The protocol version this SDK speaks; the shell refuses a frame that asks for another.
 *
 * @example
 * expect(app.info.apiVersion).toBe(API_VERSION);
 */
export const API_VERSION = 1;

/**
 * The longest call id the shell accepts (comlink's ids are four hex numbers joined by dashes, about 60 characters).
 *
 * @example
 * if (id.length > MAX_CALL_ID_LENGTH) refuse();
 */
export const MAX_CALL_ID_LENGTH = 128;

/**
 * The comlink transfer handler name under which the shell sends a refused call's `{ code, message }`; the SDK
 * registers a handler of this name that throws it as an `SdkError`.
 *
 * @example
 * transferHandlers.set(ERROR_HANDLER, { canHandle: () => false, serialize: () => [null, []], deserialize: throwSdkError });
 */
export const ERROR_HANDLER = 'handset:error';

/**
 * Frame → shell: comlink's `APPLY` of a method of the catalogue, its path the method's dotted name split at the
 * dots and its one argument the input. The shell refuses every other comlink message (`GET`, `SET`,
 * `CONSTRUCT`, `ENDPOINT`, `RELEASE`) with FORBIDDEN.
 *
 * @example
 * const call: CallMessage = { id: '1f-2e-3d-4c', type: 'APPLY', path: ['storage', 'get'], argumentList: [{ type: 'RAW', value: { key: 'draft' } }] };
 */
export interface CallMessage {
  id: string;
  type: 'APPLY';
  path: string[];
  argumentList: { type: 'RAW'; value: unknown }[];
}

/**
 * Shell → frame: the answer to a call, by its id, as comlink's `wrap()` reads it: the method's output, or the
 * refusal under {@link ERROR_HANDLER}.
 *
 * @example
 * const answer: AnswerMessage = { id: '1f-2e-3d-4c', type: 'HANDLER', name: ERROR_HANDLER, value: { code: 'FORBIDDEN', message: 'storage.get needs the storage permission' } };
 */
export type AnswerMessage = { id: string; type: 'RAW'; value: unknown } | { id: string; type: 'HANDLER'; name: typeof ERROR_HANDLER; value: ErrorBody };

/**
 * Shell → frame: an event of the catalogue (`message`, `settings`, `link`).
 *
 * @example
 * const event: EventMessage = { kind: 'event', event: 'link', data: { link: 'thread/555-0100' } };
 */
export interface EventMessage {
  kind: 'event';
  event: string;
  data: unknown;
}

/**
 * Shell → frame: a message the shell refused and could not tie to a call (no usable id).
 *
 * @example
 * const rejected: RejectedMessage = { kind: 'rejected', error: { code: 'INVALID_INPUT', message: 'messages must be JSON data' } };
 */
export interface RejectedMessage {
  kind: 'rejected';
  error: ErrorBody;
}

/**
 * Everything the shell posts on an app's port.
 *
 * @example
 * const message: ShellMessage = { kind: 'event', event: 'settings', data: { theme: 'dark', locale: 'en-US', phoneNumber: null } };
 */
export type ShellMessage = AnswerMessage | EventMessage | RejectedMessage;
