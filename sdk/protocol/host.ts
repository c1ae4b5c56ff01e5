import { z } from 'zod';
import { RateLimiter } from './rate-limiter';
import type { AppPermission } from '../manifest';
import {
  API_VERSION,
  EVENTS,
  isMethodName,
  METHODS,
  type EventData,
  type EventName,
  type MethodName,
  type MethodOutput,
  type ParsedMethodInput,
} from './catalogue';
import { HandsetError, type ErrorBody } from './errors';
import { MAX_PAYLOAD_BYTES } from './names';
import { ERROR_HANDLER, HELLO, MAX_CALL_ID_LENGTH, type ShellMessage } from './wire';

/** The host's implementation of every method; `signal` aborts when the call times out or the app closes. */
export type MethodHandlers = {
  [Name in MethodName]: (input: ParsedMethodInput<Name>, signal: AbortSignal) => MethodOutput<Name> | Promise<MethodOutput<Name>>;
};

export interface AppPortOptions {
  /** The permissions the app's manifest holds; calls needing any other are FORBIDDEN. */
  grants: readonly AppPermission[];
  handlers: MethodHandlers;
  /** Calls unanswered at once; one more is RATE_LIMITED. */
  maxPending?: number;
  /** Calls per second sustained, and the burst allowed above it. */
  rate?: { perSecond: number; burst: number };
  /** Told about every refused message, for the shell's log. */
  onRefused?: (error: ErrorBody) => void;
}

/** The host side of one app instance's port. */
export interface AppPort {
  /** Pushes an event of the catalogue to the app; data that fails the event's schema is a bug and throws. */
  emit<Name extends EventName>(event: Name, data: EventData<Name>): void;
  /** Aborts every pending call, drops the listener and closes the port. */
  close(): void;
  /** Calls received and not yet answered. */
  readonly pending: number;
  readonly closed: boolean;
}

/** The largest message a frame may post: a full payload plus the envelope. */
const MAX_MESSAGE_BYTES = MAX_PAYLOAD_BYTES + 1024;
const NOT_A_CALL = 'not a call: expected comlink\'s { id, type: "APPLY", path, argumentList }';

/**
 * A frame's hello, as the shell checks it (alongside `event.source`).
 *
 * @example
 * if (event.source === iframe.contentWindow && helloSchema.safeParse(event.data).success) welcome(iframe);
 */
export const helloSchema = z.object({ type: z.literal(HELLO) }).strict();

const callIdSchema = z.string().min(1).max(MAX_CALL_ID_LENGTH);
/** comlink's APPLY with at most one plain-data argument; proxies, transfers and other handlers are not data. */
const callSchema = z
  .object({
    id: callIdSchema,
    type: z.literal('APPLY'),
    path: z.array(z.string().max(64)).min(1).max(4),
    argumentList: z.array(z.object({ type: z.literal('RAW'), value: z.unknown() }).strict()).max(1),
  })
  .strict();

/** The JSON size of a message, or null when it is not JSON at all (cycles, BigInt, functions are refused). */
function jsonBytes(value: unknown): number | null {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? null : new TextEncoder().encode(json).length;
  } catch {
    return null;
  }
}

/** The message's call id when it has a usable one, so even a refused message is answered to its caller. */
function callIdOf(data: unknown): string | undefined {
  const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
  return callIdSchema.safeParse(id).success ? (id as string) : undefined;
}

/**
 * Serves one app frame's port. It reads comlink's wire messages itself and never exposes an object: only an
 * `APPLY` whose path joins to a method of the catalogue is admitted, then checked against the app's grants, the
 * method's input schema and the limits, and answered — with data validated by the method's output schema, or a
 * `{ code, message }` error — before its time limit. `GET`, `SET`, `CONSTRUCT`, `ENDPOINT`, `RELEASE` and every
 * other path are refused with FORBIDDEN, and nothing runs.
 *
 * @example
 * const port = serveAppPort(channel.port1, { grants: manifest.permissions, handlers });
 * port.emit('message', { type: 'order.ready', data: { id: 7 } });
 */
export function serveAppPort(port: MessagePort, options: AppPortOptions): AppPort {
  const maxPending = options.maxPending ?? 16;
  const { perSecond, burst } = options.rate ?? { perSecond: 20, burst: 40 };
  const pending = new Map<string, AbortController>();
  const calls = new RateLimiter(perSecond, burst);
  let closed = false;

  const post = (message: ShellMessage) => {
    if (!closed) port.postMessage(message);
  };
  const refuse = (error: ErrorBody, id?: string) => {
    options.onRefused?.(error);
    post(id === undefined ? { kind: 'rejected', error } : { id, type: 'HANDLER', name: ERROR_HANDLER, value: error });
  };

  const answer = async (id: string, name: MethodName, params: unknown) => {
    const spec = METHODS[name];
    if (spec.permission !== null && !options.grants.includes(spec.permission)) {
      return refuse({ code: 'FORBIDDEN', message: `${name} needs the ${spec.permission} permission` }, id);
    }
    const input = spec.input.safeParse(params);
    if (!input.success) {
      const issue = input.error.issues[0]!;
      return refuse({ code: 'INVALID_INPUT', message: `${name}: ${issue.path.join('.') || 'input'}: ${issue.message}` }, id);
    }
    if (name === 'handshake' && (input.data as ParsedMethodInput<'handshake'>).apiVersion !== API_VERSION) {
      return refuse({ code: 'INVALID_INPUT', message: `this phone speaks protocol version ${API_VERSION}` }, id);
    }
    const controller = new AbortController();
    pending.set(id, controller);
    const timer = setTimeout(() => controller.abort(), spec.timeoutMs);
    try {
      const handler = options.handlers[name] as (input: unknown, signal: AbortSignal) => unknown;
      const settled = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new HandsetError('TIMEOUT', `${name} got no answer in time`))),
      );
      const data = await Promise.race([Promise.resolve().then(() => handler(input.data, controller.signal)), settled]);
      const output = spec.output.safeParse(data);
      if (!output.success) throw new HandsetError('INTERNAL', `${name} produced an answer outside its schema`);
      if (!controller.signal.aborted) post({ id, type: 'RAW', value: output.data ?? null });
    } catch (error) {
      if (closed) return;
      refuse(error instanceof HandsetError ? error.toBody() : { code: 'INTERNAL', message: `${name} failed` }, id);
    } finally {
      clearTimeout(timer);
      pending.delete(id);
    }
  };

  const onMessage = (event: MessageEvent) => {
    const size = jsonBytes(event.data);
    if (size === null) return refuse({ code: 'INVALID_INPUT', message: 'messages must be JSON data' });
    const id = callIdOf(event.data);
    if (size > MAX_MESSAGE_BYTES) return refuse({ code: 'PAYLOAD_TOO_LARGE', message: `messages are at most ${MAX_MESSAGE_BYTES} bytes` }, id);
    if (id === undefined) return refuse({ code: 'INVALID_INPUT', message: NOT_A_CALL });
    const type = (event.data as { type?: unknown }).type;
    if (type !== 'APPLY') return refuse({ code: 'FORBIDDEN', message: 'frames may only call methods (comlink APPLY)' }, id);
    const call = callSchema.safeParse(event.data);
    if (!call.success) return refuse({ code: 'INVALID_INPUT', message: NOT_A_CALL }, id);
    const method = call.data.path.join('.');
    if (!isMethodName(method)) return refuse({ code: 'FORBIDDEN', message: `no method "${method}"` }, id);
    if (pending.has(id)) return refuse({ code: 'INVALID_INPUT', message: `call ${id} is still pending` }, id);
    if (pending.size >= maxPending || !calls.take('frame')) return refuse({ code: 'RATE_LIMITED', message: 'too many calls' }, id);
    // A method called without an argument, e.g. `host.app.close()`, gets an empty input.
    void answer(id, method, call.data.argumentList[0]?.value ?? {});
  };

  port.addEventListener('message', onMessage);
  port.start();

  return {
    emit(event, data) {
      post({ kind: 'event', event, data: EVENTS[event].parse(data) });
    },
    close() {
      if (closed) return;
      closed = true;
      port.removeEventListener('message', onMessage);
      for (const controller of pending.values()) controller.abort();
      pending.clear();
      port.close();
    },
    get pending() {
      return pending.size;
    },
    get closed() {
      return closed;
    },
  };
}
