import type { z } from 'zod';
import type { ActionAnswer, ActionName, ActionPayload, Contract } from '../contract';
import type { AppManifestInput } from '../manifest';
import { DATABASE_UNAVAILABLE, DatabaseError } from './database';
import { ERROR_CODES, HandsetError, type Answer, type ErrorCode } from '../protocol/errors';
import { JSON_DATA_KEY } from '../protocol/names';
import type { Language } from '../protocol/phone-options';

export { RateLimiter } from '../protocol/rate-limiter';

/** Data as it crosses an ok/reason export with its nulls kept (see JSON_DATA_KEY). */
const asJsonData = (data: unknown) => ({ [JSON_DATA_KEY]: JSON.stringify(data ?? null) });

export { HandsetError };

/** An `ok_reason` export's answer as FiveM hands it to JS: `true`, or `[false, reason, message]`. */
type RawOutcome = true | [false, string, string?];

/** The FiveM server's `exports` global, as far as this module uses it. */
declare const exports: Record<string, Record<string, (...args: unknown[]) => unknown>>;

/**
 * The result of a command-like export: done, or refused with a reason such as `not_open`.
 *
 * @example
 * const sent = app.sendAppMessage(source, 'order.ready', { id: 7 });
 * if (!sent.ok) console.warn(`order 7 not pushed: ${sent.reason}`);
 */
export type Outcome = { ok: true } | { ok: false; reason: string; message: string };

function outcome(raw: unknown): Outcome {
  if (raw === true) return { ok: true };
  const [, reason, message] = raw as Exclude<RawOutcome, true>;
  return { ok: false, reason: String(reason), message: message ?? String(reason) };
}

/** Handset's export refusal reasons that are not error codes themselves, as the code they mean. */
const REASON_CODES: Record<string, ErrorCode> = { not_owner: 'FORBIDDEN', no_permission: 'FORBIDDEN', offline: 'UNAVAILABLE' };

/** A refusal of Handset's storage exports as the {@link HandsetError} it means (`quota_exceeded` → `QUOTA_EXCEEDED`). */
function storageError(reason: string, message: string): HandsetError {
  const code = REASON_CODES[reason.toLowerCase()] ?? ERROR_CODES.find((known) => known === reason.toUpperCase()) ?? 'INTERNAL';
  return new HandsetError(code, message);
}

/**
 * Who asked: the player's server id, taken by Handset from the net event, never from the payload.
 *
 * @example
 * app.onRequest('balance.get', z.null(), ({ source }: RequestContext) => balances.of(source));
 */
export interface RequestContext {
  source: number;
}

/**
 * The notification fields of `notify`; `timeout` defaults to 5000 ms.
 *
 * @example
 * await app.notify(source, { title: 'Payday', body: '$500 arrived', timeout: 8000 });
 */
export interface NotificationData {
  title: string;
  body: string;
  app?: string;
  icon?: string;
  iconColor?: string;
  timeout?: number;
}

/**
 * An app registered by this resource, with the helpers that speak for it.
 *
 * @example
 * const app: ServerApp = registerApp(manifest);
 */
export interface ServerApp {
  readonly id: string;
  /**
   * Answers the app's `request(action, payload)`: the payload is parsed with `schema` first (INVALID_INPUT
   * otherwise); throw {@link HandsetError} to answer with another code.
   *
   * @example
   * app.onRequest('orders.get', z.object({ id: z.number() }), async ({ source }, { id }) => orders.find(source, id));
   */
  onRequest<Schema extends z.ZodType>(
    action: string,
    schema: Schema,
    handler: (context: RequestContext, input: z.output<Schema>) => unknown,
  ): void;
  /**
   * Serves every action of the app's contract: each payload is parsed with the action's schema first
   * (INVALID_INPUT otherwise) and each handler must answer the contract's type; a contract action without a
   * handler does not compile. Throw {@link HandsetError} to answer with another code.
   *
   * @example
   * app.serve(ordersContract, {
   *   'orders.get': ({ source }, { id }) => orders.find(source, id),
   * });
   */
  serve<C extends Contract>(contract: C, handlers: ContractHandlers<C>): void;
  /**
   * Says how the app counts a player's badge on the home screen (unread threads, missed calls …): Handset calls
   * `counter` when the player's phone loads and after each {@link ServerApp.refreshBadge}, and shows the number
   * (0 hides the badge). The app owns the number, so it matches what the player reads in it.
   *
   * @example
   * app.onBadge(async (source) => orders.unreadCount(source));
   */
  onBadge(counter: (source: number) => number | Promise<number>): void;
  /**
   * The badge's count changed for `source` (a new order, one read): Handset counts it again shortly; several
   * refreshes in a burst are counted once. Players without a phone loaded are skipped.
   *
   * @example
   * await orders.markRead(source, id);
   * app.refreshBadge(source);
   */
  refreshBadge(source: number): void;
  /**
   * Pushes `data` to the app's open frame on `source`'s phone.
   *
   * @example
   * app.sendAppMessage(source, 'order.ready', { id: 7 }); // { ok: false, reason: 'not_open' } when closed
   */
  sendAppMessage(source: number, type: string, data: unknown): Outcome;
  /**
   * Brings the app up on `source`'s phone at the deep link `link` (an incoming call): in front on a phone in the
   * player's hand; on one put away, peeking up without taking the keyboard and mouse until the app closes. The
   * player's answer key (Y) opens it again at `<link>?accept`. Refused with `not_allowed` when the character may
   * not use the app, `offline` without a phone, `airplane_mode` while the phone is in airplane mode.
   *
   * @example
   * await app.present(callee, `call/${callId}`);
   */
  present(source: number, link: string): Promise<Outcome>;
  /**
   * Notifies `source` under this app's id; refused with `airplane_mode` while the phone is in airplane mode.
   *
   * @example
   * await app.notify(source, { title: 'Order ready', body: 'Pick it up at the counter' });
   */
  notify(source: number, data: NotificationData): Promise<Outcome>;
  /**
   * The app's per-character key-value store on `source`'s phone: the same keys its frame reads and writes with
   * `app.storage` (JSON values up to 16 KiB, 256 keys per character). Refusals throw {@link HandsetError} —
   * `INVALID_INPUT` (a key outside 1–64 of `A-Za-z0-9_.:-`, a value that is not JSON), `PAYLOAD_TOO_LARGE`,
   * `QUOTA_EXCEEDED`, `UNAVAILABLE` (no phone loaded) — so inside `onRequest` they become the request's answer.
   */
  readonly storage: {
    /**
     * The value stored under `key`, or null when there is none.
     *
     * @example
     * const draft = await app.storage.get<{ text: string }>(source, 'draft');
     */
    get<Value = unknown>(source: number, key: string): Promise<Value | null>;
    /**
     * Stores a JSON value under `key`, replacing what was there.
     *
     * @example
     * await app.storage.set(source, 'draft', { text: 'Pick up milk' });
     */
    set(source: number, key: string, value: unknown): Promise<void>;
    /**
     * Removes `key`; nothing happens when it is not set.
     *
     * @example
     * await app.storage.remove(source, 'draft');
     */
    remove(source: number, key: string): Promise<void>;
  };
}

/**
 * A handler for every action of a contract, typed by it.
 *
 * @example
 * const handlers: ContractHandlers<typeof ordersContract> = { 'orders.get': ({ source }, { id }) => orders.find(source, id) };
 */
export type ContractHandlers<C extends Contract> = {
  [Name in ActionName<C>]: (context: RequestContext, input: ActionPayload<C, Name>) => ActionAnswer<C, Name> | Promise<ActionAnswer<C, Name>>;
};

const handset = () => exports['handset']!;

/**
 * Registers an app owned by the calling resource; throws {@link HandsetError} (`INVALID_INPUT`) with the
 * registry's reason (`reserved_id`, `id_taken`, `ui_missing`, …) when refused.
 *
 * @example
 * const app = registerApp({ id: 'bank', label: 'Bank', icon: 'fa-building-columns', color: '#30d158', ui: 'web/index.html' });
 */
export function registerApp(manifest: AppManifestInput): ServerApp {
  const registered = outcome(handset().registerApp!(manifest));
  if (!registered.ok) throw new HandsetError('INVALID_INPUT', `${registered.reason}: ${registered.message}`);
  const id = manifest.id;
  const app: ServerApp = {
    id,
    serve(contract, handlers) {
      for (const [name, { input }] of Object.entries(contract)) {
        app.onRequest(name, input, handlers[name as ActionName<typeof contract>] as (context: RequestContext, input: unknown) => unknown);
      }
    },
    onRequest(action, schema, handler) {
      // Handset reads the answer, not a thrown error: errors lose their message between resources.
      const answer = async (source: number, payload: unknown): Promise<Answer<unknown>> => {
        const input = schema.safeParse(payload);
        if (!input.success) return { ok: false, error: { code: 'INVALID_INPUT', message: input.error.issues[0]!.message } };
        try {
          return { ok: true, data: await handler({ source }, input.data) };
        } catch (error) {
          if (error instanceof HandsetError) return { ok: false, error: error.toBody() };
          if (error instanceof DatabaseError && error.kind === 'unavailable') return { ok: false, error: { code: 'UNAVAILABLE', message: DATABASE_UNAVAILABLE } };
          throw error;
        }
      };
      const result = outcome(handset().onRequest!(id, action, answer));
      if (!result.ok) throw new HandsetError('INVALID_INPUT', `${result.reason}: ${result.message}`);
    },
    onBadge(counter) {
      const result = outcome(handset().onBadge!(id, counter));
      if (!result.ok) throw new HandsetError('INVALID_INPUT', `${result.reason}: ${result.message}`);
    },
    refreshBadge(source) {
      const result = outcome(handset().refreshBadge!(source, id));
      if (!result.ok) throw new HandsetError('INVALID_INPUT', `${result.reason}: ${result.message}`);
    },
    sendAppMessage: (source, type, data) => outcome(handset().sendAppMessage!(source, id, type, asJsonData(data))),
    present: async (source, link) => outcome(await handset().presentApp!(source, id, link)),
    notify: async (source, data) => outcome(await handset().notify!(source, { ...data, appId: id })),
    storage: {
      async get<Value>(source: number, key: string) {
        try {
          return ((await handset().getAppData!(source, id, key)) ?? null) as Value | null;
        } catch (error) {
          // A value export refuses by throwing `CODE: message`; only the message crosses between resources, and
          // not always in an Error of this script's realm.
          const message = (error as { message?: unknown } | null)?.message;
          const refusal = typeof message === 'string' ? /^([A-Z_]+): ([\s\S]*)$/.exec(message) : null;
          if (refusal) throw storageError(refusal[1]!, refusal[2]!);
          throw error;
        }
      },
      async set(source, key, value) {
        const result = outcome(await handset().setAppData!(source, id, key, asJsonData(value)));
        if (!result.ok) throw storageError(result.reason, result.message);
      },
      async remove(source, key) {
        const result = outcome(await handset().removeAppData!(source, id, key));
        if (!result.ok) throw storageError(result.reason, result.message);
      },
    },
  };
  return app;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Calls Handset's export `name`, answering `absent` when no app serves it (the Contacts app disabled or left out). */
async function blocksExport(name: string, args: unknown[], absent: boolean): Promise<boolean> {
  const call = (exports['handset'] as Record<string, ((...args: unknown[]) => unknown) | undefined> | undefined)?.[name];
  if (!call) return absent;
  try {
    return (await call(...args)) === true;
  } catch (error) {
    if (/No such export|is not running/.test(errorText(error))) return absent;
    throw error;
  }
}

/**
 * Whether the character with the number `ownerNumber` blocked `number` (any punctuation): the one question every
 * app asks before a number reaches a player (calls, messages, group invites, mail from a player, posts …). The
 * Contacts app keeps the blocks; without it nobody is blocked.
 *
 * @example
 * if (await isNumberBlocked(recipient.number, sender.number)) throw new HandsetError('FORBIDDEN', 'this number does not take your messages');
 */
export function isNumberBlocked(ownerNumber: string, number: string): Promise<boolean> {
  return blocksExport('isNumberBlocked', [ownerNumber, number], false);
}

/**
 * The language the player `source` reads their phone in (`en`, `es`, `de`), for what your server writes them, such
 * as a banner; the server owner's default while they have no phone loaded.
 *
 * @example
 * await app.notify(source, { title: bannerWords.translator(await phoneLanguage(source))('orderReady'), body: order.name });
 */
export async function phoneLanguage(source: number): Promise<Language> {
  return (await handset().getPhoneLanguage!(source)) as Language;
}

/**
 * Blocks `number` for the character with the number `ownerNumber`, without making it a contact, so that a number
 * the owner was never shown (a hidden caller's) stays unseen; false when the owner has no phone or the Contacts
 * app is not there.
 *
 * @example
 * await blockNumber(callee.number, hiddenCaller.number);
 */
export function blockNumber(ownerNumber: string, number: string): Promise<boolean> {
  return blocksExport('blockNumber', [ownerNumber, number], false);
}
