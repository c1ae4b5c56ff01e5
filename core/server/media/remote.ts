import { HandsetError } from '../../../sdk/protocol/errors';
import { IMAGE_TYPES } from './image';
import type { MediaStore } from './store';

/** How long an upload may take: it runs inside a player's request, which times out after 10 s. */
export const UPLOAD_TIMEOUT_MS = 6000;

/** Calls a backend over HTTP; a network failure or timeout becomes a clear error, the detail goes to the log. */
export async function callBackend(name: string, log: (message: string) => void, send: (signal: AbortSignal) => Promise<Response>) {
  let response: Response;
  try {
    response = await send(AbortSignal.timeout(UPLOAD_TIMEOUT_MS));
  } catch (error) {
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    log(`Handset media: the ${name} backend ${timedOut ? 'timed out' : `is unreachable: ${error instanceof Error ? error.message : String(error)}`}`);
    throw timedOut
      ? new HandsetError('TIMEOUT', `the ${name} media backend did not answer in time`)
      : new HandsetError('UNAVAILABLE', `the ${name} media backend is unreachable`);
  }
  if (!response.ok) {
    log(`Handset media: the ${name} backend refused an upload: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    throw new HandsetError('UNAVAILABLE', `the ${name} media backend refused the upload (HTTP ${response.status})`);
  }
  return response;
}

/** A URL the backend answered with, checked to be an http(s) URL. */
export function answeredUrl(name: string, log: (message: string) => void, value: unknown): { url: string } {
  if (typeof value === 'string' && value.length <= 500 && /^https?:\/\//.test(value) && URL.canParse(value)) return { url: value };
  log(`Handset media: the ${name} backend answered without a URL where one was expected: ${JSON.stringify(value)?.slice(0, 300)}`);
  throw new HandsetError('UNAVAILABLE', `the ${name} media backend answered without a URL`);
}

/** An upload as a multipart form (Fivemanage, Discord, a custom endpoint); the URL is read at `urlPath` in the JSON answer. */
export function multipartStore(
  name: string,
  log: (message: string) => void,
  target: { url: string; field: string; headers: Record<string, string>; urlPath: readonly string[]; fields?: (owner: string) => Record<string, string> },
): MediaStore {
  return {
    async put(bytes, type, owner) {
      const form = new FormData();
      // Copied: Blob and fetch take only views over a plain ArrayBuffer.
      form.append(target.field, new Blob([new Uint8Array(bytes)], { type }), `photo.${IMAGE_TYPES[type]}`);
      for (const [field, value] of Object.entries(target.fields?.(owner) ?? {})) form.append(field, value);
      const response = await callBackend(name, log, (signal) => fetch(target.url, { method: 'POST', headers: target.headers, body: form, signal }));
      let answer: unknown;
      try {
        answer = await response.json();
      } catch {
        return answeredUrl(name, log, undefined);
      }
      const value = target.urlPath.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), answer);
      return answeredUrl(name, log, value);
    },
    host: () => null,
  };
}
