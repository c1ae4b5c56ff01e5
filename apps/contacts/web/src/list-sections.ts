import type { Contact } from './contacts-api';

export interface Section {
  /** "Favorites", a letter, or "#" for names that start with anything else. */
  title: string;
  contacts: Contact[];
}

/** Lower case without accents, so "zoe" finds "Zoë". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function letterOf(contact: Contact): string {
  const first = fold(contact.displayName.trim()).charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
}

/**
 * The list's sections: favorites first (unless `withFavorites` is false, as while searching), then one per initial
 * letter, "#" last. A favorite is under its letter too, where a player scanning the alphabet looks for it.
 */
export function sectionsOf(contacts: Contact[], withFavorites = true): Section[] {
  const byName = (a: Contact, b: Contact) => a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' });
  const favorites = withFavorites ? contacts.filter((contact) => contact.favorite).sort(byName) : [];
  const letters = new Map<string, Contact[]>();
  for (const contact of [...contacts].sort(byName)) {
    const letter = letterOf(contact);
    letters.set(letter, [...(letters.get(letter) ?? []), contact]);
  }
  const titles = [...letters.keys()].sort((a, b) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)));
  return [
    ...(favorites.length > 0 ? [{ title: 'Favorites', contacts: favorites }] : []),
    ...titles.map((title) => ({ title, contacts: letters.get(title)! })),
  ];
}
