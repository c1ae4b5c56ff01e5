import { z } from 'zod';
import { ERROR_CODES } from './errors';

/**
 * The messages on the wire between an app frame and the shell. The frame posts one `hello` to its parent
 * window; the shell answers only a hello whose `event.source` is that app's iframe, with a `welcome` that
 * transfers the app's own `MessagePort`. Everything after travels on that port.
 */
export const HELLO = 'handset:hello';
export const WELCOME = 'handset:welcome';

export const helloSchema = z.object({ type: z.literal(HELLO) }).strict();
export const welcomeSchema = z.object({ type: z.literal(WELCOME) }).strict();

/** Largest call id; ids wrap around to 1 after it. */
export const MAX_CALL_ID = 2 ** 31 - 1;
const callIdSchema = z.number().int().min(1).max(MAX_CALL_ID);

export const errorBodySchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() }).strict();

/** Frame → shell: call a method of the catalogue. */
export const callSchema = z
  .object({ kind: z.literal('call'), id: callIdSchema, method: z.string().max(64), params: z.unknown() })
  .strict();
export type CallMessage = z.output<typeof callSchema>;

/** Shell → frame: the answer to a call, by its id. */
export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('result'), id: callIdSchema, ok: z.literal(true), data: z.unknown() }).strict(),
  z.object({ kind: z.literal('result'), id: callIdSchema, ok: z.literal(false), error: errorBodySchema }).strict(),
]);
/** Shell → frame: an event of the catalogue. */
export const eventSchema = z.object({ kind: z.literal('event'), event: z.string(), data: z.unknown() }).strict();
/** Shell → frame: a message the shell refused and could not tie to a call (no valid id). */
export const rejectedSchema = z.object({ kind: z.literal('rejected'), error: errorBodySchema }).strict();

export const shellMessageSchema = z.union([resultSchema, eventSchema, rejectedSchema]);
export type ShellMessage = z.output<typeof shellMessageSchema>;
