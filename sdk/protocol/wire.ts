import { z } from 'zod';
import { ERROR_CODES } from './errors';

/**
 * The messages on the wire between an app frame and the shell. The frame posts one `hello` to its parent
 * window; the shell answers only a hello whose `event.source` is that app's iframe, with a `welcome` that
 * transfers the app's own `MessagePort`. Everything after travels on that port.
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
 * A frame's hello, as the shell checks it (alongside `event.source`).
 *
 * @example
 * if (event.source === iframe.contentWindow && helloSchema.safeParse(event.data).success) welcome(iframe);
 */
export const helloSchema = z.object({ type: z.literal(HELLO) }).strict();
/**
 * The shell's welcome, as the frame checks it (alongside `event.source` and the transferred port).
 *
 * @example
 * if (event.source === window.parent && welcomeSchema.safeParse(event.data).success) bind(event.ports[0]);
 */
export const welcomeSchema = z.object({ type: z.literal(WELCOME) }).strict();

/**
 * Largest call id; ids wrap around to 1 after it.
 *
 * @example
 * nextId = nextId >= MAX_CALL_ID ? 1 : nextId + 1;
 */
export const MAX_CALL_ID = 2 ** 31 - 1;
const callIdSchema = z.number().int().min(1).max(MAX_CALL_ID);

/**
 * An error on the wire: a code of {@link ERROR_CODES} and a message.
 *
 * @example
 * errorBodySchema.parse({ code: 'TIMEOUT', message: 'no answer in time' });
 */
export const errorBodySchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() }).strict();

/**
 * Frame → shell: call a method of the catalogue.
 *
 * @example
 * callSchema.parse({ kind: 'call', id: 1, method: 'storage.keys', params: {} });
 */
export const callSchema = z
  .object({ kind: z.literal('call'), id: callIdSchema, method: z.string().max(64), params: z.unknown() })
  .strict();
/**
 * A call as the shell receives it, before the method's own input is checked.
 *
 * @example
 * const call: CallMessage = { kind: 'call', id: 1, method: 'storage.keys', params: {} };
 */
export type CallMessage = z.output<typeof callSchema>;

/**
 * Shell → frame: the answer to a call, by its id.
 *
 * @example
 * resultSchema.parse({ kind: 'result', id: 1, ok: false, error: { code: 'FORBIDDEN', message: 'needs storage' } });
 */
export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('result'), id: callIdSchema, ok: z.literal(true), data: z.unknown() }).strict(),
  z.object({ kind: z.literal('result'), id: callIdSchema, ok: z.literal(false), error: errorBodySchema }).strict(),
]);
/**
 * Shell → frame: an event of the catalogue.
 *
 * @example
 * eventSchema.parse({ kind: 'event', event: 'link', data: { link: 'thread/555-0100' } });
 */
export const eventSchema = z.object({ kind: z.literal('event'), event: z.string(), data: z.unknown() }).strict();
/**
 * Shell → frame: a message the shell refused and could not tie to a call (no valid id).
 *
 * @example
 * rejectedSchema.parse({ kind: 'rejected', error: { code: 'INVALID_INPUT', message: 'not a call' } });
 */
export const rejectedSchema = z.object({ kind: z.literal('rejected'), error: errorBodySchema }).strict();

/**
 * Everything the shell posts on an app's port: a result, an event or a rejection.
 *
 * @example
 * const message = shellMessageSchema.safeParse(event.data);
 */
export const shellMessageSchema = z.union([resultSchema, eventSchema, rejectedSchema]);
/**
 * A message from the shell, told apart by `kind`.
 *
 * @example
 * const message: ShellMessage = shellMessageSchema.parse(event.data);
 * if (message.kind === 'result') settle(message.id, message);
 */
export type ShellMessage = z.output<typeof shellMessageSchema>;
