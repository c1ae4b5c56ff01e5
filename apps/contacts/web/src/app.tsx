import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatNumber, type HandsetApp } from '@handset/sdk/app';
import { ContactDetail } from './components/contact-detail';
import { ContactForm } from './components/contact-form';
import { ContactList } from './components/contact-list';
import { changes, contactsApi, EMPTY_FIELDS, errorText, fieldsOf, sortContacts, type Contact, type ContactFields } from './contacts-api';
import { parseDeepLink } from './deep-link';
import { useSettings, useTranslator } from '@handset/sdk/ui';
import { messages } from './messages';

type Screen =
  | { name: 'list' }
  | { name: 'detail'; id: number }
  | { name: 'edit'; id: number }
  /** `opened` tells apart two deep links with the same number, so each opens a fresh form. */
  | { name: 'add'; number: string; opened: number };

const LIST: Screen = { name: 'list' };
const SEARCH_DELAY_MS = 200;

/** The screen a deep link opens, or null when the link asks for nothing this app knows. */
function linkedScreen(link: string | null, opened: number): Screen | null {
  const parsed = parseDeepLink(link);
  return parsed?.kind === 'add' ? { name: 'add', number: parsed.number, opened } : null;
}

/** Where Back, Cancel and Escape lead from a screen. */
function parentOf(screen: Screen): Screen {
  return screen.name === 'edit' ? { name: 'detail', id: screen.id } : LIST;
}

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const api = useMemo(() => contactsApi(app), [app]);
  const { phoneNumber: myNumber, numberFormat } = useSettings();
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  /** Where the loaded pages end; null once the whole list is loaded. */
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  /** The server's answer to the current search; null while none has come. */
  const [results, setResults] = useState<Contact[] | null>(null);
  const loadingMore = useRef(false);
  const searches = useRef(0);
  const [screen, setScreen] = useState<Screen>(() => linkedScreen(app.info.link, 0) ?? LIST);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const screenRef = useRef(screen);
  screenRef.current = screen;
  const formsOpened = useRef(0);
  const loads = useRef(0);

  const navigate = (next: Screen) => {
    setActionError(null);
    setScreen(next);
  };

  /**
   * Loads the list's first page; an answer that a newer load overtook is dropped. The contact on screen stays
   * listed while the list is not complete, since it may be on a page not loaded yet.
   */
  const reload = async () => {
    const load = ++loads.current;
    try {
      const page = await api.list(null);
      if (load !== loads.current) return;
      const shown = screenRef.current.name === 'detail' || screenRef.current.name === 'edit' ? screenRef.current.id : null;
      setContacts((list) => {
        const kept = page.cursor === null ? [] : (list ?? []).filter((contact) => contact.id === shown);
        return sortContacts([...kept, ...page.contacts]);
      });
      setCursor(page.cursor);
      setLoadError(null);
    } catch (error) {
      if (load === loads.current) setLoadError(errorText(error, t));
    }
  };

  /** The next page, as the player scrolls near the end; once at a time, and dropped when a reload overtook it. */
  const loadMore = async () => {
    if (cursor === null || loadingMore.current) return;
    loadingMore.current = true;
    const load = loads.current;
    try {
      const page = await api.list(cursor);
      if (load !== loads.current) return;
      setContacts((list) => sortContacts([...(list ?? []), ...page.contacts]));
      setCursor(page.cursor);
    } catch (error) {
      if (load === loads.current) setLoadError(errorText(error, t));
    } finally {
      loadingMore.current = false;
    }
  };

  // The search runs on the server, over the whole phone book, a moment after the player stops typing.
  useEffect(() => {
    const search = ++searches.current;
    setResults(null);
    if (query.trim() === '') return;
    const timer = setTimeout(() => {
      api.search(query.trim()).then(
        (found) => search === searches.current && setResults(found),
        (error: unknown) => search === searches.current && setLoadError(errorText(error, t)),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, query]);

  /** A contact the page changed or opened: listed (in order) and, when among the results, changed there too. */
  const upsert = (contact: Contact) => {
    setContacts((list) => sortContacts([...(list ?? []), contact]));
    setResults((found) => found && found.map((other) => (other.id === contact.id ? contact : other)));
  };

  useEffect(
    () =>
      app.on('link', ({ link }) => {
        const next = linkedScreen(link, ++formsOpened.current);
        if (next) navigate(next);
      }),
    [app],
  );

  useEffect(() => {
    const stop = app.onMessage('contacts.changed', () => void reload());
    void reload();
    return stop;
  }, [app]);

  // Escape steps back inside the app; on the list it is the phone's (the SDK hands it on when not prevented).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || screenRef.current.name === 'list') return;
      event.preventDefault();
      navigate(parentOf(screenRef.current));
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const current = screen.name === 'detail' || screen.name === 'edit' ? contacts?.find((contact) => contact.id === screen.id) : undefined;

  // Deleted elsewhere (another request, an export) while shown: back to the list.
  useEffect(() => {
    if ((screen.name === 'detail' || screen.name === 'edit') && contacts !== null && !current) navigate(LIST);
  }, [screen, contacts, current]);

  /** Runs one action of the detail screen, showing its error, if any. */
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  const remove = (contact: Contact) =>
    run(async () => {
      const confirmed = await app.confirm({
        title: t('deleteTitle'),
        message: t('deleteMessage', { name: contact.displayName }),
        confirmLabel: t('delete'),
        destructive: true,
      });
      if (!confirmed) return;
      await api.remove(contact.id);
      setContacts((list) => list?.filter((other) => other.id !== contact.id) ?? null);
      setResults((found) => found && found.filter((other) => other.id !== contact.id));
      navigate(LIST);
    });

  const add = async (fields: ContactFields, requestId: string) => {
    const contact = await api.add(fields, requestId);
    upsert(contact);
    navigate({ name: 'detail', id: contact.id });
  };

  const edit = (contact: Contact) => async (fields: ContactFields) => {
    const update = changes(contact, fields);
    if (Object.keys(update).length > 1) upsert(await api.update(update));
    navigate({ name: 'detail', id: contact.id });
  };

  return (
    <main class="app">
      <ContactList
        hidden={screen.name !== 'list'}
        contacts={contacts}
        complete={cursor === null}
        results={results}
        error={loadError}
        query={query}
        myNumber={myNumber}
        onQuery={setQuery}
        onMore={() => void loadMore()}
        onOpen={(contact) => {
          upsert(contact);
          navigate({ name: 'detail', id: contact.id });
        }}
        onAdd={() => navigate({ name: 'add', number: '', opened: ++formsOpened.current })}
        onRetry={() => void reload()}
      />
      {screen.name === 'detail' && current && (
        <ContactDetail
          contact={current}
          busy={busy}
          error={actionError}
          onBack={() => navigate(LIST)}
          onEdit={() => navigate({ name: 'edit', id: current.id })}
          onFavorite={(favorite) => void run(async () => upsert(await api.setFavorite(current.id, favorite)))}
          onBlock={(blocked) => void run(async () => upsert(await api.setBlocked(current.id, blocked)))}
          onDelete={() => void remove(current)}
          onCall={() => void run(() => app.openApp('phone', `dial?number=${current.number}&call`))}
          onShare={() => void run(async () => void (await app.share({ title: current.displayName, text: `${current.displayName}\n${current.displayNumber}` })))}
        />
      )}
      {screen.name === 'edit' && current && (
        <ContactForm
          key={`edit-${current.id}`}
          title={t('editContact')}
          initial={fieldsOf(current)}
          adding={false}
          onCancel={() => navigate(parentOf(screen))}
          onSave={edit(current)}
        />
      )}
      {screen.name === 'add' && (
        <ContactForm
          key={`add-${screen.opened}`}
          title={t('newContact')}
          initial={{ ...EMPTY_FIELDS, number: formatNumber(screen.number, numberFormat) }}
          adding
          onCancel={() => navigate(LIST)}
          onSave={add}
        />
      )}
    </main>
  );
}
