import { useCallback } from 'preact/hooks';
import { EmptyState, ErrorNotice, useMessage, usePaged, useTranslator } from '@handset/sdk/ui';
import { errorText, POST_NEW, type FeedItem, type FeedPage, type Post } from '../tweeder-api';
import { PostView, type PostActions } from './post';
import { messages } from '../messages';

/** What changed since the lists were loaded: newer copies of posts, and rows and posts that are gone. */
export interface Changes {
  patch: ReadonlyMap<number, Partial<Post>>;
  gone: ReadonlySet<number>;
}

/** A feed's rows as they stand now: gone ones dropped, changed posts patched. */
export function current(items: FeedItem[], changes: Changes): FeedItem[] {
  const seen = new Set<number>();
  return items.flatMap((item) => {
    if (seen.has(item.id) || changes.gone.has(item.id) || changes.gone.has(item.post.id)) return [];
    seen.add(item.id);
    const patch = changes.patch.get(item.post.id);
    return [patch ? { ...item, post: { ...item.post, ...patch } } : item];
  });
}

export interface FeedProps {
  /** Which live feed new posts join at the top, if any. */
  live: 'following' | 'latest' | null;
  load(cursor: number | null): Promise<FeedPage>;
  /** Changes the list when it is loaded anew (another account, another tab). */
  loadKey: string;
  changes: Changes;
  actions: PostActions;
  now: number;
  locale: string;
  empty: { title: string; message: string };
  /** Shown above the rows (a pinned post, a profile's header is outside). */
  children?: preact.ComponentChildren;
}

/** A keyset-paged list of posts, newest first, with More at its end; live feeds take new posts as they are pushed. */
export function Feed({ live, load, loadKey, changes, actions, now, locale, empty, children }: FeedProps) {
  const t = useTranslator(messages);
  const paged = usePaged<FeedItem, number>(
    useCallback(async (cursor) => {
      const page = await load(cursor);
      return { items: page.items, next: page.cursor };
    }, [loadKey]),
  );
  useMessage(POST_NEW, (data) => {
    const { item, feeds } = data as { item: FeedItem; feeds: string[] };
    if (live !== null && feeds.includes(live)) paged.update((items) => [item, ...items.filter((existing) => existing.id !== item.id)]);
  });
  const rows = current(paged.items, changes);
  return (
    <div class="feed">
      {children}
      {paged.error !== null && rows.length === 0 ? (
        <ErrorNotice message={errorText(paged.error, t)} onRetry={paged.reload} />
      ) : rows.length === 0 && !paged.loading ? (
        <EmptyState title={empty.title} message={empty.message} />
      ) : null}
      {rows.map((item) => (
        <PostView key={item.id} post={item.post} repostedBy={item.repostedBy} actions={actions} now={now} locale={locale} />
      ))}
      {paged.loading && <p class="placeholder">{t('loading')}</p>}
      {!paged.loading && !paged.done && rows.length > 0 && (
        <button type="button" class="more" onClick={paged.loadMore}>
          {t('morePosts')}
        </button>
      )}
    </div>
  );
}
