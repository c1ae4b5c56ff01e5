import { z } from 'zod';
import { actionNameSchema, appIdSchema, MAX_ANSWER_BYTES, MAX_PAYLOAD_BYTES } from '../../../sdk/protocol/names';
import { DATABASE_UNAVAILABLE, DatabaseError } from '../../../sdk/server/database';
import { ERROR_CODES, HandsetError, type Answer, type ErrorBody, type ErrorCode } from '../../../sdk/protocol/errors';
import type { OnlinePhone } from '../identity/identity';
import type { Services } from '../services';
import { RateLimiter } from '../../../sdk/protocol/rate-limiter';
import { describeIssue, jsonSize } from '../validation';
import type { AppRegistry, Outcome } from './registry';

/**
 * An app's server-side handler for one action; `source` is the player, known from the net event. It returns
 * the answer itself — `{ ok: true, data }` or `{ ok: false, error: { code, message } }` — since an error
 * raised in another resource reaches Handset without its message.
 */
export type RequestHandler = (source: number, payload: unknown) => unknown;

/** One of the core's own actions, under the app id `handset`; its input is parsed before `run` sees it. */
export interface CoreAction<Input extends z.ZodType = z.ZodType> {
  input: Input;
  /** Whether the lock screen itself needs it; every other action waits for the passcode. */
  whileLocked: boolean;
  run(services: Services, phone: OnlinePhone, input: z.output<Input>): unknown;
}

export const CORE_APP_ID = 'handset';
export const REQUEST_TIMEOUT_MS = 10_000;

const envelopeSchema = z.tuple([z.number().int().min(1).max(2 ** 31), appIdSchema, actionNameSchema, z.unknown()]);

const fail = (code: ErrorCode, message: string): { ok: false; error: ErrorBody } => ({ ok: false, error: { code, message } });

/** What a handler may answer; INTERNAL is Handset's to say, when a handler throws or answers nonsense. */
const handlerAnswerSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.enum(ERROR_CODES).exclude(['INTERNAL']), message: z.string().max(200) }),
  }),
]);

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HandsetError('TIMEOUT', `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whose rate bucket a request spends: an app's own, also for what the phone does on its behalf (a core action
 * naming the app, such as its storage), so an app that floods never starves the phone's own actions.
 */
function bucketOf(appId: string, payload: unknown): string {
  if (appId !== CORE_APP_ID) return appId;
  const onBehalfOf = typeof payload === 'object' && payload !== null ? (payload as { appId?: unknown }).appId : undefined;
  return appIdSchema.safeParse(onBehalfOf).success ? (onBehalfOf as string) : CORE_APP_ID;
}

/**
 * The app request bridge: a player's `request(appId, action, payload)` arrives here from the net; the bridge
 * knows the caller from `source`, checks the app may be used by that character, rate-limits, and calls the
 * handler its owner registered, answering `{ ok, data | error }`.
 */
export class RequestBridge {
  private readonly handlers = new Map<string, Map<string, RequestHandler>>();
  /** The buckets, for the rate they were made at: the owner may change it at run time (the buckets then start full). */
  private limits: { perSecond: number; burst: number; limiter: RateLimiter };
  /** Unfinished handler runs by `source:bucket`; a run releases the counter it took, even after its player left. */
  private readonly running = new Map<string, { count: number }>();

  constructor(
    private readonly registry: AppRegistry,
    private readonly coreActions: Record<string, CoreAction>,
    private readonly started: () => Services | undefined,
    private readonly log: (message: string) => void,
    /**
     * Requests one player may make to one rate bucket (an app, or the phone's own) a second, and at once. As many
     * handler runs as the burst may be unfinished at once per bucket: a run that outlives its TIMEOUT still holds
     * its place until it settles, so a handler that hangs cannot pile up work. Read at each request.
     */
    private readonly rate: { readonly perSecond: number; readonly burst: number },
  ) {
    this.limits = { perSecond: rate.perSecond, burst: rate.burst, limiter: new RateLimiter(rate.perSecond, rate.burst) };
    registry.subscribe((change) => {
      if (change.type === 'unregistered') this.handlers.delete(change.app.manifest.id);
    });
  }

  private limiter(): RateLimiter {
    const { perSecond, burst } = this.rate;
    if (perSecond !== this.limits.perSecond || burst !== this.limits.burst) this.limits = { perSecond, burst, limiter: new RateLimiter(perSecond, burst) };
    return this.limits.limiter;
  }

  /** Registers `handler` for `appId`'s `action`; only the app's owner may. A later registration replaces it. */
  on(owner: string, appId: unknown, action: unknown, handler: unknown): Outcome<'invalid_input' | 'not_found' | 'not_owner'> {
    if (typeof appId !== 'string' || !actionNameSchema.safeParse(action).success || typeof handler !== 'function') {
      return { ok: false, reason: 'invalid_input', message: 'expected (appId: string, action: string, handler: function)' };
    }
    const app = this.registry.get(appId);
    if (!app) return { ok: false, reason: 'not_found', message: `no app "${appId}" is registered` };
    if (app.owner !== owner) return { ok: false, reason: 'not_owner', message: `"${appId}" is registered by another resource` };
    const actions = this.handlers.get(appId) ?? new Map<string, RequestHandler>();
    actions.set(action as string, handler as RequestHandler);
    this.handlers.set(appId, actions);
    return { ok: true };
  }

  /** Answers one request from a player; `args` are the net event's arguments, unchecked. */
  async handle(source: number, args: unknown[]): Promise<{ id: number; answer: Answer<unknown> } | null> {
    const envelope = envelopeSchema.safeParse(args);
    if (!envelope.success) {
      const id = args[0];
      // Without a usable id there is nobody to answer; the player's own client never sends that.
      return typeof id === 'number' && Number.isInteger(id) ? { id, answer: fail('INVALID_INPUT', 'malformed request') } : null;
    }
    const [id, appId, action, payload] = envelope.data;
    return { id, answer: await this.answer(source, appId, action, payload) };
  }

  forgetPlayer(source: number): void {
    this.limits.limiter.forget(`${source}:`);
    // A player who takes this source later starts with none running; runs of the one who left release their own counter.
    for (const key of this.running.keys()) if (key.startsWith(`${source}:`)) this.running.delete(key);
  }

  private async answer(source: number, appId: string, action: string, payload: unknown): Promise<Answer<unknown>> {
    if (jsonSize(payload) > MAX_PAYLOAD_BYTES) return fail('PAYLOAD_TOO_LARGE', `payload over ${MAX_PAYLOAD_BYTES} bytes`);
    const bucket = `${source}:${bucketOf(appId, payload)}`;
    if (!this.limiter().take(bucket)) return fail('RATE_LIMITED', 'too many requests; slow down');
    // Checked after the rate, so a request refused here still spends its token, as every request does.
    const running = this.running.get(bucket) ?? { count: 0 };
    if (running.count >= this.rate.burst) return fail('RATE_LIMITED', 'too many requests still running; wait for their answers');
    const services = this.started();
    const phone = services?.identity.phoneOf(source);
    if (!services || !phone) return fail('UNAVAILABLE', 'no character is loaded');
    running.count += 1;
    this.running.set(bucket, running);
    const work = Promise.resolve().then(() => this.dispatch(services, phone, appId, action, payload));
    const release = () => {
      running.count -= 1;
      if (running.count === 0 && this.running.get(bucket) === running) this.running.delete(bucket);
    };
    work.then(release, release);
    try {
      const answer = await withTimeout(work, REQUEST_TIMEOUT_MS);
      if (jsonSize(answer) > MAX_ANSWER_BYTES) return fail('PAYLOAD_TOO_LARGE', `answer over ${MAX_ANSWER_BYTES} bytes`);
      return answer.ok ? { ok: true, data: answer.data ?? null } : answer;
    } catch (error) {
      if (error instanceof HandsetError) return { ok: false, error: error.toBody() };
      if (error instanceof DatabaseError && error.kind === 'unavailable') return fail('UNAVAILABLE', DATABASE_UNAVAILABLE);
      this.log(`request ${appId}/${action} from player ${source} failed: ${error instanceof Error ? error.message : String(error)}`);
      return fail('INTERNAL', 'the request failed on the server');
    }
  }

  private async dispatch(services: Services, phone: OnlinePhone, appId: string, action: string, payload: unknown): Promise<Answer<unknown>> {
    if (appId === CORE_APP_ID) {
      const core = Object.hasOwn(this.coreActions, action) ? this.coreActions[action] : undefined;
      if (!core) throw new HandsetError('NOT_FOUND', `no action "${action}"`);
      // The client sends a missing payload as null; core actions without input declare it optional.
      const input = core.input.safeParse(payload ?? undefined);
      if (!input.success) throw new HandsetError('INVALID_INPUT', describeIssue(input.error));
      // An app's frame asks with its id: the app brought up on a locked phone (a call) may.
      const frameApp = (input.data as { appId?: string } | undefined)?.appId ?? null;
      if (!core.whileLocked && !services.device.mayUse(phone.source, frameApp)) throw new HandsetError('FORBIDDEN', 'the phone is locked');
      return { ok: true, data: await core.run(services, phone, input.data) };
    }
    if (!services.device.mayUse(phone.source, appId)) throw new HandsetError('FORBIDDEN', 'the phone is locked');
    const allowed = await services.access.check(phone, appId);
    if (!allowed.ok) throw new HandsetError(allowed.error.code, allowed.error.message);
    const handler = this.handlers.get(appId)?.get(action);
    if (!handler) throw new HandsetError('NOT_FOUND', `app "${appId}" has no action "${action}"`);
    const answer = handlerAnswerSchema.safeParse(await handler(phone.source, payload));
    if (!answer.success) throw new Error(`app "${appId}" answered "${action}" with something other than { ok, data | error }`);
    return answer.data;
  }
}
