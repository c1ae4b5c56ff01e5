import { contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import type { cloutgramContract, NotificationGroup } from '../../contract';
import type { CloutgramText } from './messages';

export { NOTIFICATIONS_CHANGED, POST_COUNTS, POST_DELETED, POST_NEW, STORY_NEW } from '../../pushes';
export type { AccountCard, AccountPage, Comment, NotificationGroup, Post, PostPage, Profile, Relation, Story, StoryRing } from '../../contract';

/** The player-facing text of a failure: the server's and the phone's messages are written for players. */
export function errorText(error: unknown, t: CloutgramText): string {
  return error instanceof SdkError ? error.message : t('somethingWrong');
}

const SENTENCES = {
  like: 'likedYourPost',
  comment: 'commentedOnYourPost',
  reply: 'repliedToYourComment',
  comment_like: 'likedYourComment',
  follow: 'startedFollowingYou',
  request: 'askedToFollowYou',
} as const satisfies Record<NotificationGroup['kind'], string>;

/** What a notification group says: "Ana and 2 others liked your post". */
export function notificationText(group: NotificationGroup, t: CloutgramText): string {
  const [first] = group.actors;
  const people = first ? group.count : 1;
  const who = !first ? t('someone') : people === 1 ? first.handle : t('nameAndOthers', { name: first.handle, count: people - 1 });
  return t(SENTENCES[group.kind], { who, count: people });
}

/** A random id for a create: a retried send carries the same one and is stored once. */
export const newClientId = () => crypto.randomUUID();

/** The server plugin's actions, typed by the contract. */
export function cloutgramApi(app: HandsetApp) {
  return contractClient<typeof cloutgramContract>(app);
}
export type CloutgramApi = ReturnType<typeof cloutgramApi>;
