import { useEffect, useRef } from 'preact/hooks';
import { avatarName, type Contact } from '../contacts-api';
import { sectionsOf } from '../list-sections';
import { Avatar, ErrorNotice, ListRow, PlusIcon, SearchField, StarIcon, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

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
  const t = useTranslator(messages);
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
    <section class="screen list-screen" hidden={hidden} aria-label={t('contacts')}>
      <header class="list-header">
        <div class="title-row">
          <h1>{t('contacts')}</h1>
          <button type="button" class="icon-button" aria-label={t('addContact')} title={t('addContact')} onClick={onAdd}>
            <PlusIcon />
          </button>
        </div>
        <SearchField value={query} onChange={onQuery} />
      </header>

      <div class="scroll" ref={scroller} onScroll={moreIfNearEnd}>
        {myNumber && !searching && (
          <p class="my-number">
            {t('myNumber')} <span>{myNumber}</span>
          </p>
        )}

        {error && (
          <ErrorNotice message={error} onRetry={onRetry} />
        )}

        {contacts === null && !error && <p class="placeholder">{t('loading')}</p>}

        {contacts !== null && contacts.length === 0 && (
          <div class="empty">
            <p class="empty-title">{t('noContacts')}</p>
            <p>{t('noContactsHint')}</p>
            <button type="button" class="text-button" onClick={onAdd}>
              {t('addAContact')}
            </button>
          </div>
        )}

        {searching && results === null && <p class="placeholder">{t('searching')}</p>}

        {searching && results !== null && found.length === 0 && contacts !== null && contacts.length > 0 && (
          <div class="empty">
            <p class="empty-title">{t('noResults')}</p>
            <p>{t('nothingMatches', { query: query.trim() })}</p>
          </div>
        )}

        {sections.map((section) => (
          <section class={section.title === 'Favorites' ? 'section favorites' : 'section'} key={section.title}>
            <h2 class={section.title === 'Favorites' ? 'section-title favorites' : 'section-title'}>{section.title === 'Favorites' ? t('favorites') : section.title}</h2>
            <ul class="list-rows">
              {section.contacts.map((contact) => (
                <ListRow
                  key={contact.id}
                  // A favorite's second row is named apart, so the one under its letter stays the button with its name.
                  label={section.title === 'Favorites' ? t('favoriteRow', { name: contact.displayName }) : contact.displayName}
                  onClick={() => onOpen(contact)}
                  leading={<Avatar name={avatarName(contact)} imageUrl={contact.avatarUrl} size="row" />}
                  title={contact.displayName}
                  subtitle={contact.displayNumber}
                  trailing={
                    (contact.blocked || contact.favorite) && (
                      <>
                        {contact.blocked && <span class="tag">{t('blocked')}</span>}
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
            {t('count', { count: found.length })}
          </p>
        )}
      </div>
    </section>
  );
}
