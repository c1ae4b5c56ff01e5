import { contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import type { AccountCard, FeedItem, NotificationGroup, Post, tweederContract } from '../../contract';

export { NOTIFICATIONS_CHANGED, POST_COUNTS, POST_DELETED, POST_NEW } from '../../pushes';
export type { AccountCard, AccountPage, FeedItem, FeedPage, NotificationGroup, Post, Profile, Relation, Thread, Trend, TweederSettings } from '../../contract';

/** Posts a feed page asks for at a time: a few screens. */
export const PAGE_SIZE = 20;

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown): string {
  return error instanceof SdkError ? error.message : 'Something went wrong. Try again.';
}

const units: [number, string][] = [
  [60, 's'],
  [60, 'm'],
  [24, 'h'],
  [7, 'd'],
];

/** "now", "5m", "3h", "2d", or the date: how long ago, as feeds write it. */
export function ago(at: number, now: number, locale: string): string {
  let value = Math.max(0, Math.floor((now - at) / 1000));
  if (value < 10) return 'now';
  for (const [size, unit] of units) {
    if (value < size) return `${value}${unit}`;
    value = Math.floor(value / size);
  }
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(at);
}

/** What a notification group says: "Ana and 2 others liked your post". */
export function notificationText(group: NotificationGroup): string {
  const [first] = group.actors;
  const who = !first ? 'Someone' : group.count === 1 ? first.displayName : `${first.displayName} and ${group.count - 1} ${group.count === 2 ? 'other' : 'others'}`;
  const what = {
    like: 'liked your post',
    repost: 'reposted your post',
    reply: 'replied to you',
    mention: 'mentioned you',
    quote: 'quoted your post',
    follow: 'followed you',
    request: group.count === 1 ? 'asked to follow you' : 'asked to follow you',
  }[group.kind];
  return `${who} ${what}`;
}

/** The same post with the changes of a newer copy (counts, likes) wherever it shows, in a feed row or quoted. */
export function withPost(items: FeedItem[], post: Post): FeedItem[] {
  return items.map((item) => (item.post.id === post.id ? { ...item, post } : item));
}

/** A random id for a compose session: a retried send carries the same one and posts once. */
export const newClientId = () => crypto.randomUUID();

export type Card = AccountCard;

/** The server plugin's actions, typed by the contract. */
export function tweederApi(app: HandsetApp) {
  return contractClient<typeof tweederContract>(app);
}
export type TweederApi = ReturnType<typeof tweederApi>;
