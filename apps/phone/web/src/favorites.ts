import type { HandsetApp, PickedContact } from '@handset/sdk/app';

/** A favorite, as the page keeps it in `app.storage` under {@link FAVORITES_KEY}: the picked contact as it was. */
export type Favorite = PickedContact;

export const FAVORITES_KEY = 'favorites';

const digits = (number: string) => number.replace(/\D/g, '');

/** The stored list, keeping only well-formed entries: storage holds whatever an older page wrote. */
export function parseFavorites(value: unknown): Favorite[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is Favorite =>
      typeof entry === 'object' && entry !== null && typeof entry.name === 'string' && typeof entry.number === 'string',
  );
}

/** The list with `contact` added at the end, or updated in place when its number is already a favorite. */
export function withFavorite(favorites: Favorite[], contact: Favorite): Favorite[] {
  const index = favorites.findIndex((favorite) => digits(favorite.number) === digits(contact.number));
  if (index === -1) return [...favorites, { name: contact.name, number: contact.number }];
  return favorites.map((favorite, at) => (at === index ? { name: contact.name, number: contact.number } : favorite));
}

/**
 * The favorite with a number, compared by digits ('555-0142' is 5550142): a name for a number the server did not
 * name from the player's contacts, and for the number being dialed before the server answers.
 */
export function favoriteFor(favorites: Favorite[], number: string): Favorite | null {
  const wanted = digits(number);
  if (wanted === '') return null;
  return favorites.find((favorite) => digits(favorite.number) === wanted) ?? null;
}

export function favoritesStore(app: HandsetApp) {
  return {
    load: async () => parseFavorites(await app.storage.get(FAVORITES_KEY)),
    save: (favorites: Favorite[]) => app.storage.set(FAVORITES_KEY, favorites),
  };
}
