import { hiddenFromMe, type Call } from './calls-api';
import { favoriteFor, type Favorite } from './favorites';
import type { PhoneText } from './messages';

/** The other party of a call, as the page shows them: a name, and their number under it when the name is not the number. */
export interface PartyLabel {
  name: string;
  number: string | null;
}

/**
 * Who the other party is to the player: the name they gave them in Contacts (the server's `contactName`), else
 * a favorite's name, else the number; "Unknown" when the number is hidden from them.
 */
export function partyOf(call: Call, favorites: Favorite[], t: PhoneText): PartyLabel {
  if (hiddenFromMe(call)) return { name: t('unknown'), number: null };
  const name = call.contactName ?? favoriteFor(favorites, call.number)?.name ?? null;
  return name === null || name === call.displayNumber ? { name: call.displayNumber, number: null } : { name, number: call.displayNumber };
}
