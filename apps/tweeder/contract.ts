import { z } from 'zod';
import { action, defineContract } from '@handset/sdk/contract';
import { socialActions, socialSchemas, type SocialAccountPage, type SocialCard, type SocialRelation } from '@handset/sdk/server/social';

/** An account as a post, a list row or a notification shows it; `bot`: a server account with no phone (a news bot posting through `tweederPostAs`). */
export type AccountCard = SocialCard;

/** How the caller stands with an account; all false for the caller's own. */
export type Relation = SocialRelation;

/** An account's profile page. A blocked or blocking account's profile answers NOT_FOUND. */
export interface Profile extends AccountCard {
  bio: string;
  private: boolean;
  followers: number;
  following: number;
  posts: number;
  pinnedPostId: number | null;
  /** Whether it is the caller's own account. */
  me: boolean;
  relation: Relation;
  /** False when the account is private and the caller does not follow it: its posts and lists are not served. */
  visible: boolean;
  createdAt: number;
}

/** One piece of a post's text, parsed on the server: plain text, a mention of an existing account, or a hashtag. */
export type PostPart = { text: string } | { text: string; mention: string } | { text: string; hashtag: string };

/** A post as the caller may see it. Text is the author's, unescaped: render it as text only. */
export interface Post {
  id: number;
  author: AccountCard;
  text: string;
  parts: PostPart[];
  /** Up to 4 image URLs on the server owner's allowed hosts. */
  photos: string[];
  /** The post this one answers, or null; `handle` is null when that post is deleted or hidden from the caller. */
  replyTo: { id: number; handle: string | null } | null;
  /** The quoted post, null when none; `{ id, unavailable: true }` when it is deleted or hidden from the caller. */
  quote: QuotedPost | { id: number; unavailable: true } | null;
  likes: number;
  reposts: number;
  replies: number;
  liked: boolean;
  reposted: boolean;
  pinned: boolean;
  createdAt: number;
}

export type QuotedPost = Pick<Post, 'id' | 'author' | 'text' | 'parts' | 'photos' | 'createdAt'>;

/** One row of a feed: a post, or a post someone the feed follows reposted. */
export interface FeedItem {
  /** The row's own id (the repost's id for a repost): feeds are ordered and paged by it. */
  id: number;
  post: Post;
  repostedBy: AccountCard | null;
}

export interface FeedPage {
  items: FeedItem[];
  /** Pass back for the next (older) page; null at the end. */
  cursor: number | null;
}

export type AccountPage = SocialAccountPage;

/** A post with the posts above it (oldest first) and its first page of replies (oldest first). */
export interface Thread {
  ancestors: Post[];
  post: Post;
  replies: Post[];
  /** Pass to `post.replies` for the next page; null at the end. */
  cursor: number | null;
}

export interface Trend {
  tag: string;
  /** Posts using the tag within the server owner's trending window. */
  posts: number;
}

export type NotificationKind = 'like' | 'repost' | 'reply' | 'mention' | 'quote' | 'follow' | 'request';

/**
 * Notifications grouped as players read them: "ana and 3 others liked your post". One group per kind and post
 * (per kind for follows and requests), newest activity first; replies, mentions and quotes are one each.
 */
export interface NotificationGroup {
  /** The group's newest notification id: the paging cursor, and what `notifications.read` marks up to. */
  id: number;
  kind: NotificationKind;
  /** The latest actors first, at most 3. */
  actors: AccountCard[];
  /** All actors in the group. */
  count: number;
  /** The post liked/reposted/quoted, or the reply/mention itself; null for follows and requests. */
  post: Post | null;
  read: boolean;
  at: number;
}

export interface NotificationPage {
  groups: NotificationGroup[];
  cursor: number | null;
}

/** Which kinds of activity notify the player (banner and center); the list in the app always has all. */
export interface TweederSettings {
  notify: Record<'likes' | 'reposts' | 'replies' | 'mentions' | 'follows', boolean>;
}

const { id, cursor, limit, paged, clientId, empty } = socialSchemas;

export const claimSchema = socialSchemas.claim;
export const updateProfileSchema = socialSchemas.updateProfile;
export const reportSchema = socialSchemas.report;
export const profileTabSchema = z.object({ id, tab: z.enum(['posts', 'replies', 'media', 'likes']), cursor, limit }).strict();
export const postIdSchema = z.object({ id }).strict();
export const repliesSchema = z.object({ id, cursor, limit }).strict();
export const createPostSchema = z
  .object({
    clientId,
    /** Checked against the server owner's limit (`handset:tweeder:max_length`, default 280) on the server. */
    text: z.string().max(1000),
    photos: z.array(z.string().max(500)).max(4, 'a post has at most 4 photos').default([]),
    replyTo: id.optional(),
    quote: id.optional(),
  })
  .strict();
export const likeSchema = z.object({ id, liked: z.boolean() }).strict();
export const repostSchema = z.object({ id, reposted: z.boolean() }).strict();
export const pinSchema = z.object({ id: id.nullable() }).strict();
export const searchSchema = z.object({ query: z.string().trim().min(1, 'type something to search').max(50), cursor, limit }).strict();
export const hashtagSchema = z.object({ tag: z.string().trim().min(1).max(50), cursor, limit }).strict();
export const settingsSchema = z
  .object({ notify: z.object({ likes: z.boolean(), reposts: z.boolean(), replies: z.boolean(), mentions: z.boolean(), follows: z.boolean() }).strict() })
  .strict();

/**
 * The Tweeder page's actions, each as the caller's own account (from `source`, never the payload). Until the
 * character claims a handle (`profiles.claim`), `profiles.me` answers null and every other action answers
 * FORBIDDEN. Posts and accounts hidden from the caller (blocks either way, deleted, private
 * and not followed) answer NOT_FOUND, as if they did not exist.
 */
export const tweederContract = defineContract({
  ...socialActions,
  'profiles.me': action(empty).answers<Profile | null>(),
  'profiles.claim': action(claimSchema).answers<Profile>(),
  'profiles.update': action(updateProfileSchema).answers<Profile>(),
  'profiles.get': action(socialSchemas.account).answers<Profile>(),
  'profiles.posts': action(profileTabSchema).answers<FeedPage>(),

  'feed.following': action(paged).answers<FeedPage>(),
  'feed.latest': action(paged).answers<FeedPage>(),
  'feed.hashtag': action(hashtagSchema).answers<FeedPage>(),

  'posts.create': action(createPostSchema).answers<Post>(),
  'posts.thread': action(postIdSchema).answers<Thread>(),
  'posts.replies': action(repliesSchema).answers<{ replies: Post[]; cursor: number | null }>(),
  'posts.like': action(likeSchema).answers<Post>(),
  'posts.repost': action(repostSchema).answers<Post>(),
  'posts.pin': action(pinSchema).answers<null>(),
  'posts.delete': action(postIdSchema).answers<null>(),
  'posts.likedBy': action(socialSchemas.accountList).answers<AccountPage>(),

  'search.posts': action(searchSchema).answers<FeedPage>(),
  'trends.list': action(empty).answers<Trend[]>(),

  'reports.create': action(reportSchema).answers<null>(),

  'notifications.list': action(paged).answers<NotificationPage>(),
  'notifications.read': action(empty).answers<null>(),

  'settings.get': action(empty).answers<TweederSettings>(),
  'settings.set': action(settingsSchema).answers<TweederSettings>(),
});
