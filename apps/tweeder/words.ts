import type { NotificationKind } from './contract';

/** What a notification says the actor did, by kind: the banner's text on the server and the page's list; no imports at run time. */
export const NOTIFICATION_VERBS: Record<NotificationKind, string> = {
  like: 'liked your post',
  repost: 'reposted your post',
  reply: 'replied to you',
  mention: 'mentioned you',
  quote: 'quoted your post',
  follow: 'followed you',
  request: 'asked to follow you',
};
