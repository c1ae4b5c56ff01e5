/** What a deep link asks of the app; the Phone and Messages apps open `add?number=5550142` for an unknown number. */
export type DeepLink = { kind: 'add'; number: string };

/** The link's request, or null for a link this app does not know (it then just opens). */
export function parseDeepLink(link: string | null): DeepLink | null {
  if (link === null) return null;
  const [path, query = ''] = link.split('?', 2);
  if (path !== 'add') return null;
  return { kind: 'add', number: new URLSearchParams(query).get('number')?.trim().slice(0, 32) ?? '' };
}
