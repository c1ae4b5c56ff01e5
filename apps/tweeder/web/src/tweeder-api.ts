import { useEffect, useState } from 'preact/hooks';
import { contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import type { AccountPage, NotificationGroup, tweederContract } from '../../contract';
import type { TweederText } from './messages';

export { NOTIFICATIONS_CHANGED, POST_COUNTS, POST_DELETED, POST_NEW } from '../../pushes';
export type { AccountCard, AccountPage, FeedItem, FeedPage, NotificationGroup, Post, Profile, Relation, Thread, Trend, TweederSettings } from '../../contract';

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown, t: TweederText): string {
  return error instanceof SdkError ? error.message : t('somethingWrong');
}

/** What a notification group says: "Ana and 2 others liked your post". */
export function notificationText(group: NotificationGroup, t: TweederText): string {
  const [first] = group.actors;
  const people = first ? group.count : 1;
  const who = !first ? t('someone') : people === 1 ? first.displayName : t('nameAndOthers', { name: first.displayName, count: people - 1 });
  // `count` is how many people `who` names: the verb agrees with it.
  return t(NOTIFICATION_SENTENCES[group.kind], { who, count: people });
}

const NOTIFICATION_SENTENCES = {
  like: 'likedYourPost',
  repost: 'repostedYourPost',
  reply: 'repliedToYou',
  mention: 'mentionedYou',
  quote: 'quotedYourPost',
  follow: 'followedYou',
  request: 'askedToFollowYou',
} as const satisfies Record<NotificationGroup['kind'], string>;

/** A random id for a compose session: a retried send carries the same one and posts once. */
export const newClientId = () => crypto.randomUUID();

/** The server plugin's actions, typed by the contract. */
export function tweederApi(app: HandsetApp) {
  return contractClient<typeof tweederContract>(app);
}
export type TweederApi = ReturnType<typeof tweederApi>;

/** Accounts whose handle starts with `query` (null: none asked), once typing pauses; only the latest answer kept. */
export function useAccountSearch(api: TweederApi, query: string | null, limit: number): AccountPage['accounts'] {
  const [found, setFound] = useState<AccountPage['accounts']>([]);
  useEffect(() => {
    if (query === null) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.request('search.accounts', { query, limit }).then(
        (page) => live && setFound(page.accounts),
        () => live && setFound([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return found;
}
