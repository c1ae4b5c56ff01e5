import { z } from 'zod';
import { action, defineContract } from '@handset/sdk/contract';
import type { SocialAccountPage, SocialCard, SocialRelation } from '@handset/sdk/server/social';

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

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const cursor = id.optional();
const limit = z.number().int().min(1).max(50).default(20);
const paged = z.object({ cursor, limit }).strict();
const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'clientId must be 1-64 of A-Z, a-z, 0-9, _ and -');
/** A handle's shape before the server owner's pattern (`handset:tweeder:handle_pattern`) is applied. */
const handle = z.string().trim().min(1, 'a handle is 1-24 characters').max(24, 'a handle is 1-24 characters');
const displayName = z.string().trim().min(1, 'a display name is 1-30 characters').max(30, 'a display name is 1-30 characters');
const empty = z.object({}).strict().nullish();

export const claimSchema = z.object({ handle, displayName }).strict();
export const updateProfileSchema = z
  .object({
    displayName: displayName.optional(),
    /** An https image on an allowed host, or null to remove. */
    avatar: z.string().max(500).nullable().optional(),
    bio: z.string().max(160, 'a bio is at most 160 characters').optional(),
    private: z.boolean().optional(),
  })
  .strict();
/** One account by id, or by handle (case-insensitive). */
export const accountSchema = z.union([z.object({ id }).strict(), z.object({ handle }).strict()]);
export const accountIdSchema = z.object({ id }).strict();
export const accountListSchema = z.object({ id, cursor, limit }).strict();
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
export const answerRequestSchema = z.object({ id, accept: z.boolean() }).strict();
export const reportSchema = z
  .object({
    postId: id.optional(),
    accountId: id.optional(),
    reason: z.enum(['spam', 'harassment', 'hate', 'violence', 'impersonation', 'other']),
    details: z.string().max(500).default(''),
  })
  .strict()
  .refine((report) => (report.postId === undefined) !== (report.accountId === undefined), 'report one post or one account');
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
  'profiles.me': action(empty).answers<Profile | null>(),
  'profiles.claim': action(claimSchema).answers<Profile>(),
  'profiles.update': action(updateProfileSchema).answers<Profile>(),
  'profiles.get': action(accountSchema).answers<Profile>(),
  'profiles.posts': action(profileTabSchema).answers<FeedPage>(),
  'profiles.followers': action(accountListSchema).answers<AccountPage>(),
  'profiles.following': action(accountListSchema).answers<AccountPage>(),

  'follows.follow': action(accountIdSchema).answers<Relation>(),
  'follows.unfollow': action(accountIdSchema).answers<Relation>(),
  'follows.requests': action(paged).answers<AccountPage>(),
  'follows.answer': action(answerRequestSchema).answers<null>(),
  'follows.removeFollower': action(accountIdSchema).answers<Relation>(),

  'blocks.block': action(accountIdSchema).answers<Relation>(),
  'blocks.unblock': action(accountIdSchema).answers<Relation>(),
  'blocks.list': action(paged).answers<AccountPage>(),
  'mutes.mute': action(accountIdSchema).answers<Relation>(),
  'mutes.unmute': action(accountIdSchema).answers<Relation>(),
  'mutes.list': action(paged).answers<AccountPage>(),

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
  'posts.likedBy': action(accountListSchema).answers<AccountPage>(),

  'search.accounts': action(searchSchema).answers<AccountPage>(),
  'search.posts': action(searchSchema).answers<FeedPage>(),
  'trends.list': action(empty).answers<Trend[]>(),

  'reports.create': action(reportSchema).answers<null>(),

  'notifications.list': action(paged).answers<NotificationPage>(),
  'notifications.read': action(empty).answers<null>(),

  'settings.get': action(empty).answers<TweederSettings>(),
  'settings.set': action(settingsSchema).answers<TweederSettings>(),
});
