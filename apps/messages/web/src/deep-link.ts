import { digitsOf, MAX_BODY_LENGTH } from './messages-api';

/**
 * What a deep link asks of the app: open a thread (`thread/<threadId>`, as a notification does), write to a number
 * (`new?number=<digits>`), or send what another app shared (`share?text=…&title=…&url=…`) to a thread the player picks.
 */
export type DeepLink = { kind: 'thread'; threadId: string } | { kind: 'new'; number: string } | { kind: 'share'; text: string };

/** The message a share becomes: its text (else its title) and its URL, each on its own line. */
export function sharedText(params: URLSearchParams): string {
  const text = params.get('text')?.trim() || params.get('title')?.trim() || '';
  const url = params.get('url')?.trim() ?? '';
  const parts = url !== '' && !text.includes(url) ? [text, url] : [text];
  return parts.filter((part) => part !== '').join('\n').slice(0, MAX_BODY_LENGTH);
}

/** The link's request, or null for a link this app does not know (it then just opens). */
export function parseDeepLink(link: string | null): DeepLink | null {
  if (link === null) return null;
  const [path = '', query = ''] = link.split('?', 2);
  const params = new URLSearchParams(query);
  if (path === 'new') return { kind: 'new', number: digitsOf(params.get('number') ?? '').slice(0, 32) };
  if (path === 'share') {
    const text = sharedText(params);
    return text === '' ? null : { kind: 'share', text };
  }
  const thread = /^thread\/(.+)$/.exec(path);
  if (!thread?.[1]) return null;
  try {
    return { kind: 'thread', threadId: decodeURIComponent(thread[1]) };
  } catch {
    return null;
  }
}
