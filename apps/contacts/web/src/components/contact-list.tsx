import { useEffect, useRef } from 'preact/hooks';
import { avatarName, type Contact } from '../contacts-api';
import { sectionsOf } from '../list-sections';
import { Avatar, ErrorNotice, ListRow, PlusIcon, SearchField, StarIcon } from '@handset/sdk/ui';

export interface ContactListProps {
  /** The pages loaded so far; null until the first answer. */
  contacts: Contact[] | null;
  /** Whether every page is loaded. */
  complete: boolean;
  /** The server's answer to the search; null while it is coming (or there is no search). */
  results: Contact[] | null;
  /** Why the list could not be loaded, if it could not. */
  error: string | null;
  query: string;
  myNumber: string | null;
  hidden: boolean;
  onQuery(query: string): void;
  /** The player scrolled near the end of the loaded pages: load the next. */
  onMore(): void;
  onOpen(contact: Contact): void;
  onAdd(): void;
  onRetry(): void;
}

/** How close to the end of the loaded rows (in pixels) the next page is asked for. */
const MORE_BEFORE_END_PX = 600;

/** The main screen: search, then favorites and the alphabet's sections. */
export function ContactList({ contacts, complete, results, error, query, myNumber, hidden, onQuery, onMore, onOpen, onAdd, onRetry }: ContactListProps) {
  const searching = query.trim() !== '';
  const found = searching ? (results ?? []) : (contacts ?? []);
  // Search results list each match once, under its letter.
  const sections = sectionsOf(found, !searching);
  const scroller = useRef<HTMLDivElement>(null);

  /** Asks for the next page when the end of the loaded rows is in (or near) view. */
  const moreIfNearEnd = () => {
    const element = scroller.current;
    if (!element || hidden || searching || complete || contacts === null || error) return;
    if (element.scrollTop + element.clientHeight >= element.scrollHeight - MORE_BEFORE_END_PX) onMore();
  };
  // Also after each page: a list that does not fill the screen yet cannot be scrolled.
  useEffect(moreIfNearEnd, [contacts, complete, hidden, searching, error]);

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

      <div class="scroll" ref={scroller} onScroll={moreIfNearEnd}>
        {myNumber && !searching && (
          <p class="my-number">
            My number <span>{myNumber}</span>
          </p>
        )}

        {error && (
          <ErrorNotice message={error} onRetry={onRetry} />
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

        {searching && results === null && <p class="placeholder">Searching…</p>}

        {searching && results !== null && found.length === 0 && contacts !== null && contacts.length > 0 && (
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
            <ul class="list-rows">
              {section.contacts.map((contact) => (
                <ListRow
                  key={contact.id}
                  // A favorite's second row is named apart, so the one under its letter stays the button with its name.
                  label={section.title === 'Favorites' ? `${contact.displayName}, favorite` : contact.displayName}
                  onClick={() => onOpen(contact)}
                  leading={<Avatar name={avatarName(contact)} imageUrl={contact.avatarUrl} size="row" />}
                  title={contact.displayName}
                  subtitle={contact.displayNumber}
                  trailing={
                    (contact.blocked || contact.favorite) && (
                      <>
                        {contact.blocked && <span class="tag">Blocked</span>}
                        {contact.favorite && (
                          <span class="row-star">
                            <StarIcon filled />
                          </span>
                        )}
                      </>
                    )
                  }
                />
              ))}
            </ul>
          </section>
        ))}

        {found.length > 0 && (searching || complete) && (
          <p class="count">
            {found.length} {found.length === 1 ? 'Contact' : 'Contacts'}
          </p>
        )}
      </div>
    </section>
  );
}
