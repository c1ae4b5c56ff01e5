import { avatarName, type Contact } from '../contacts-api';
import { matchesQuery, sectionsOf } from '../list-sections';
import { Avatar, PlusIcon, SearchField, StarIcon } from '@handset/sdk/ui';

export interface ContactListProps {
  /** Null until the first answer. */
  contacts: Contact[] | null;
  /** Why the list could not be loaded, if it could not. */
  error: string | null;
  query: string;
  myNumber: string | null;
  hidden: boolean;
  onQuery(query: string): void;
  onOpen(contact: Contact): void;
  onAdd(): void;
  onRetry(): void;
}

/** The main screen: search, then favorites and the alphabet's sections. */
export function ContactList({ contacts, error, query, myNumber, hidden, onQuery, onOpen, onAdd, onRetry }: ContactListProps) {
  const found = (contacts ?? []).filter((contact) => matchesQuery(contact, query));
  const searching = query.trim() !== '';
  // Search results list each match once, under its letter.
  const sections = sectionsOf(found, !searching);

  return (
    <section class="screen list-screen" hidden={hidden} aria-label="Contacts">
      <header class="list-header">
        <div class="title-row">
          <h1>Contacts</h1>
          <button type="button" class="icon-button" aria-label="Add contact" title="Add contact" onClick={onAdd}>
            <PlusIcon />
          </button>
        </div>
        <SearchField value={query} onChange={onQuery} />
      </header>

      <div class="scroll">
        {myNumber && !searching && (
          <p class="my-number">
            My number <span>{myNumber}</span>
          </p>
        )}

        {error && (
          <div class="notice" role="alert">
            <p>{error}</p>
            <button type="button" class="text-button" onClick={onRetry}>
              Try again
            </button>
          </div>
        )}

        {contacts === null && !error && <p class="placeholder">Loading…</p>}

        {contacts !== null && contacts.length === 0 && (
          <div class="empty">
            <p class="empty-title">No Contacts</p>
            <p>Contacts you add will appear here.</p>
            <button type="button" class="text-button" onClick={onAdd}>
              Add a contact
            </button>
          </div>
        )}

        {contacts !== null && contacts.length > 0 && found.length === 0 && (
          <div class="empty">
            <p class="empty-title">No Results</p>
            <p>
              Nothing matches “<span>{query.trim()}</span>”.
            </p>
          </div>
        )}

        {sections.map((section) => (
          <section class={section.title === 'Favorites' ? 'section favorites' : 'section'} key={section.title}>
            <h2 class={section.title === 'Favorites' ? 'section-title favorites' : 'section-title'}>{section.title}</h2>
            <ul>
              {section.contacts.map((contact) => (
                <li key={contact.id}>
                  <button
                    type="button"
                    class="row"
                    // A favorite's second row is named apart, so the one under its letter stays the button with its name.
                    aria-label={section.title === 'Favorites' ? `${contact.displayName}, favorite` : contact.displayName}
                    onClick={() => onOpen(contact)}
                  >
                    <Avatar name={avatarName(contact)} imageUrl={contact.avatarUrl} size="row" />
                    <span class="row-text">
                      <span class="row-name">{contact.displayName}</span>
                      <span class="row-number">{contact.displayNumber}</span>
                    </span>
                    {contact.blocked && <span class="tag">Blocked</span>}
                    {contact.favorite && (
                      <span class="row-star">
                        <StarIcon filled />
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}

        {found.length > 0 && (
          <p class="count">
            {found.length} {found.length === 1 ? 'Contact' : 'Contacts'}
          </p>
        )}
      </div>
    </section>
  );
}
