import { createContext, render, type ComponentChildren, type ComponentType } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { connect, type ConnectOptions, type HandsetApp, type PickedContact, type Settings } from '../app';
import { languageOf, type Messages, type Translate } from '../i18n';

const AppContext = createContext<HandsetApp | null>(null);
const SettingsContext = createContext<Settings | null>(null);

/**
 * Hands the connected app to every component below it, for {@link useApp}.
 *
 * @example
 * render(<AppProvider app={app}><Notes /></AppProvider>, root);
 */
export function AppProvider({ app, children }: { app: HandsetApp; children: ComponentChildren }) {
  const [settings, setSettings] = useState<Settings>(() => {
    const { theme, locale, phoneNumber, numberFormat, clockFormat, textSize, streamerMode } = app.info;
    return { theme, locale, phoneNumber, numberFormat, clockFormat, textSize, streamerMode };
  });
  useEffect(() => app.on('settings', setSettings), [app]);
  useEffect(() => {
    const { dataset } = document.documentElement;
    dataset['theme'] = settings.theme;
    dataset['textSize'] = settings.textSize;
    dataset['streamer'] = String(settings.streamerMode);
    document.documentElement.lang = languageOf(settings.locale);
  }, [settings.theme, settings.textSize, settings.streamerMode, settings.locale]);
  return (
    <AppContext.Provider value={app}>
      <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>
    </AppContext.Provider>
  );
}

/**
 * The connected app, from the nearest {@link AppProvider} (or {@link mountApp}).
 *
 * @example
 * const app = useApp();
 * const save = () => app.storage.set('draft', text);
 */
export function useApp(): HandsetApp {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp() needs an AppProvider (mountApp renders one)');
  return app;
}

/**
 * Connects to the phone and renders `Page` (given the app) into `root` inside an {@link AppProvider}; opened outside the phone
 * (nothing answers the handshake), the page says why instead.
 *
 * @example
 * import { mountApp } from '@handset/sdk/ui';
 * await mountApp(App, document.getElementById('root')!);
 */
export async function mountApp(Page: ComponentType<{ app: HandsetApp }>, root: HTMLElement, options?: ConnectOptions): Promise<HandsetApp | null> {
  try {
    const app = await connect(options);
    render(
      <AppProvider app={app}>
        <Page app={app} />
      </AppProvider>,
      root,
    );
    return app;
  } catch (error) {
    root.textContent = error instanceof Error ? error.message : String(error);
    return null;
  }
}

/**
 * The phone's theme, locale, number, clock, text size and streamer mode, kept current from the `settings` event;
 * the page's `<html lang data-theme data-text-size data-streamer>` follow them, which is what base.css reads.
 *
 * @example
 * const { locale } = useSettings();
 * <time>{new Date(sentAt).toLocaleTimeString(locale)}</time>
 */
export function useSettings(): Settings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useSettings() needs an AppProvider (mountApp renders one)');
  return settings;
}

/**
 * The translate function of `messages` in the player's language, following a change of language live (English
 * outside an {@link AppProvider}).
 *
 * @example
 * const t = useTranslator(messages);
 * <NavBar title={t('title')} />
 */
export function useTranslator<E>(messages: Messages<E>): Translate<E> {
  // Outside an AppProvider (a kit piece on its own), English.
  const locale = useContext(SettingsContext)?.locale ?? 'en';
  return useMemo(() => messages.translator(locale), [messages, locale]);
}

/**
 * Runs `handler` for each push of `type` from the app's server (`sendAppMessage`) while the component is mounted.
 *
 * @example
 * useMessage('order.ready', (order) => setReady(order));
 */
export function useMessage(type: string, handler: (data: unknown) => void): void {
  const app = useApp();
  // The latest handler runs, without subscribing again on every render.
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => app.onMessage(type, (data) => latest.current(data)), [app, type]);
}

/**
 * One page of a keyset-paged list, as a `load` function answers it: the items, and the cursor of the next page
 * (null after the last one).
 *
 * @example
 * const load = async (cursor: string | null): Promise<Page<Order, string>> => orders.request('orders.list', { cursor });
 */
export interface Page<Item, Cursor> {
  items: Item[];
  next: Cursor | null;
}

/**
 * A keyset-paged list, as {@link usePaged} keeps it.
 *
 * @example
 * const { items, done, loadMore } = usePaged(loadOrders);
 */
export interface PagedList<Item> {
  /** Every item loaded so far, in the order the pages came. */
  items: Item[];
  /** A page is being asked for. */
  loading: boolean;
  /** Why the last page failed; null when it did not. */
  error: unknown;
  /** The last page has come. */
  done: boolean;
  /** Asks for the next page, unless one is on its way or the last one came; after an error, asks again. */
  loadMore(): void;
  /** Starts again from the first page (after a change the list cannot patch). */
  reload(): void;
  /** Changes the loaded items in place (a push, an optimistic edit) without asking the server. */
  update(change: (items: Item[]) => Item[]): void;
}

/**
 * Keeps a keyset-paged list: loads the first page at once, the next one on `loadMore()` (call it when the list's
 * end scrolls into view), and never asks for a page twice. A `load` that changes starts again.
 *
 * @example
 * const threads = usePaged(useCallback((cursor) => api.threads(cursor), [api]));
 * <ul>{threads.items.map(row)}</ul>
 * {!threads.done && <button onClick={threads.loadMore}>More</button>}
 */
export function usePaged<Item, Cursor>(load: (cursor: Cursor | null) => Promise<Page<Item, Cursor>>): PagedList<Item> {
  const [state, setState] = useState<{ items: Item[]; next: Cursor | null; loading: boolean; error: unknown; done: boolean }>({
    items: [],
    next: null,
    loading: true,
    error: null,
    done: false,
  });
  // Answers of an earlier `load` or an earlier reload are dropped.
  const generation = useRef(0);
  const busy = useRef(false);

  const fetchPage = useCallback(
    (cursor: Cursor | null, first: boolean) => {
      const asked = generation.current;
      busy.current = true;
      setState((current) => ({ ...current, loading: true, error: null, ...(first && { items: [], next: null, done: false }) }));
      load(cursor).then(
        (page) => {
          if (asked !== generation.current) return;
          busy.current = false;
          setState((current) => ({ items: [...current.items, ...page.items], next: page.next, loading: false, error: null, done: page.next === null }));
        },
        (error: unknown) => {
          if (asked !== generation.current) return;
          busy.current = false;
          setState((current) => ({ ...current, loading: false, error }));
        },
      );
    },
    [load],
  );

  const reload = useCallback(() => {
    generation.current += 1;
    fetchPage(null, true);
  }, [fetchPage]);

  useEffect(reload, [reload]);

  return {
    ...state,
    loadMore: () => {
      if (busy.current || state.done) return;
      fetchPage(state.next, state.items.length === 0 && state.next === null);
    },
    reload,
    update: (change) => setState((current) => ({ ...current, items: change(current.items) })),
  };
}

/** How long typing must pause before the contacts are searched: one search a word, not one a key. */
const SUGGEST_DELAY_MS = 150;

/**
 * The player's contacts matching what they type in a recipient field, up to `limit` (needs `contacts:read`; none
 * without it): searched once typing pauses, only the latest answer kept, none for an empty field.
 *
 * @example
 * const suggestions = useContactSuggestions(to);
 * suggestions.map((contact) => <ListRow title={contact.name} subtitle={contact.number} onClick={() => choose(contact)} />);
 */
export function useContactSuggestions(query: string, limit = 5): PickedContact[] {
  const app = useApp();
  const allowed = app.info.grants.includes('contacts:read');
  const [found, setFound] = useState<PickedContact[]>([]);
  useEffect(() => {
    const text = query.trim();
    if (!allowed || text === '') {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      app.searchContacts(text, limit).then(
        (contacts) => current && setFound(contacts),
        () => current && setFound([]),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [app, allowed, query, limit]);
  return found;
}
