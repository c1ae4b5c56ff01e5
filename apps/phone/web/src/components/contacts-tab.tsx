import { useCallback, useState } from 'preact/hooks';
import type { PickedContact } from '@handset/sdk/app';
import { Avatar, ListRow, SearchField, useApp, useContactSuggestions, usePaged, useTranslator } from '@handset/sdk/ui';
import { errorText } from '../calls-api';
import { messages } from '../messages';

/** The most a search lists: the Contacts app answers up to 20. */
const SEARCH_LIMIT = 20;

/** The player's contacts inside the Phone app, under its tab bar: a page at a time, or those matching a search; a tap calls. */
export function ContactsTab({ onCall }: { onCall(contact: PickedContact): void }) {
  const app = useApp();
  const t = useTranslator(messages);
  const [query, setQuery] = useState('');
  const paged = usePaged(
    useCallback(async (cursor: string | null) => {
      const page = await app.listContacts(cursor ?? undefined);
      return { items: page.contacts, next: page.cursor };
    }, [app]),
  );
  const found = useContactSuggestions(query, SEARCH_LIMIT);
  const searching = query.trim() !== '';
  const shown = searching ? found : paged.items;

  return (
    <section class="list-screen">
      <header class="list-header">
        <h1>{t('contacts')}</h1>
      </header>
      <div class="contacts-search">
        <SearchField value={query} onChange={setQuery} />
      </div>
      {paged.error !== null && !searching && (
        <p class="notice error" role="alert">
          {errorText(paged.error, t)}
        </p>
      )}
      {shown.length === 0 && !paged.loading && paged.error === null && (
        <p class="notice">{searching ? t('noContactMatches', { query: query.trim() }) : t('noContacts')}</p>
      )}
      <ul class="list-rows" aria-label={t('contacts')}>
        {shown.map((contact) => (
          <ListRow
            key={contact.number}
            leading={<Avatar name={contact.name} size="row" />}
            title={contact.name}
            subtitle={contact.number}
            label={t('callNamed', { name: contact.name })}
            onClick={() => onCall(contact)}
          />
        ))}
      </ul>
      {!searching && !paged.done && paged.error === null && !paged.loading && (
        <button type="button" class="text-button more" onClick={paged.loadMore}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
