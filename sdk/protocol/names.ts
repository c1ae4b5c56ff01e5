import * as z from 'zod';

/**
 * An app's id: lowercase letters, digits and `_`, 1–32 characters.
 *
 * @example
 * appIdSchema.parse('bank'); // 'bank'
 */
export const appIdSchema = z.string().regex(/^[a-z0-9_]{1,32}$/, 'lowercase letters, digits and _, at most 32 characters');

/**
 * The name of an app action or message type: starts with a letter; letters, digits and `_.:-`; up to 64.
 *
 * @example
 * actionNameSchema.parse('orders.list');
 */
export const actionNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'letters, digits and _.:-, at most 64');

/**
 * The largest request payload or pushed message, as JSON bytes.
 *
 * @example
 * const bytes = new TextEncoder().encode(JSON.stringify(payload)).length;
 * if (bytes > MAX_PAYLOAD_BYTES) throw new HandsetError('PAYLOAD_TOO_LARGE', `over ${MAX_PAYLOAD_BYTES} bytes`);
 */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/**
 * How data keeps its nulls across Handset's ok/reason exports (`sendAppMessage`, `setAppData`): Lua answers those,
 * and a Lua table has no null fields, so the SDK hands the data over as JSON under this one key.
 *
 * @example
 * exports.handset.sendAppMessage(source, 'bank', 'balance', { [JSON_DATA_KEY]: JSON.stringify({ pending: null }) });
 */
export const JSON_DATA_KEY = '__handset_json';

/**
 * The data a resource handed over: unwrapped from {@link JSON_DATA_KEY} when it came that way, else as it came.
 *
 * @example
 * unwrapJsonData({ __handset_json: '{"pending":null}' }); // { ok: true, data: { pending: null } }
 */
export function unwrapJsonData(data: unknown): { ok: true; data: unknown } | { ok: false } {
  if (typeof data !== 'object' || data === null || !(JSON_DATA_KEY in data)) return { ok: true, data };
  const json = (data as Record<string, unknown>)[JSON_DATA_KEY];
  if (typeof json !== 'string' || Object.keys(data).length !== 1) return { ok: false };
  try {
    return { ok: true, data: JSON.parse(json) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The longest deep link an app is opened with (`openApp(id, link)`, `present(source, link)`).
 *
 * @example
 * if (link.length > MAX_LINK_LENGTH) throw new Error('link too long');
 */
export const MAX_LINK_LENGTH = 2000;

/**
 * The largest answer an app's server side may give one request, as JSON bytes: a whole list (a phone book) fits.
 *
 * @example
 * if (jsonBytes(answer) > MAX_ANSWER_BYTES) page the list instead;
 */
export const MAX_ANSWER_BYTES = 256 * 1024;
