/**
 * What a deep link asks of the app: show a call (`call/<callId>`, when the phone brought it up), answer it
 * (`call/<callId>?accept`, the player's answer key), prefill the keypad (`dial?number=…`) or call the number at
 * once (`dial?number=…&call`).
 */
export type DeepLink = { kind: 'call'; callId: string; accept: boolean } | { kind: 'dial'; number: string; call: boolean };

/** The longest number the keypad holds, as the contacts picker allows. */
export const MAX_NUMBER_LENGTH = 32;

/** Keeps what the keypad can type: digits, `*`, `#` and a leading `+`; drops spaces, dashes and the rest. */
export function dialable(text: string): string {
  return text.replace(/[^0-9*#+]/g, '').replace(/(?!^)\+/g, '').slice(0, MAX_NUMBER_LENGTH);
}

/** The link's request, or null for a link this app does not know (it then just opens). */
export function parseDeepLink(link: string | null): DeepLink | null {
  if (link === null) return null;
  const [path = '', query = ''] = link.split('?', 2);
  if (path === 'dial') {
    const params = new URLSearchParams(query);
    return { kind: 'dial', number: dialable(params.get('number') ?? ''), call: params.has('call') };
  }
  const call = /^call\/(.+)$/.exec(path);
  return call?.[1] ? { kind: 'call', callId: call[1], accept: new URLSearchParams(query).has('accept') } : null;
}
