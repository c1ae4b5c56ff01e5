import { z } from 'zod';
import { action, defineContract } from '@handset/sdk/contract';
import { socialActions, socialSchemas, type SocialAccountPage, type SocialCard, type SocialRelation } from '@handset/sdk/server/social';

export type AccountCard = SocialCard;
export type Relation = SocialRelation;
export type AccountPage = SocialAccountPage;

/** An account's profile page. A blocked or blocking account's profile answers NOT_FOUND. */
export interface Profile extends AccountCard {
  bio: string;
  private: boolean;
  followers: number;
  following: number;
  posts: number;
  /** Whether it is the caller's own account. */
  me: boolean;
  relation: Relation;
  /** False when the account is private and the caller does not follow it: its posts, stories and lists are not served. */
  visible: boolean;
  /** Whether it has a story the caller may watch now, and whether the caller has seen all of them. */
  story: 'none' | 'unseen' | 'seen';
}

/** A post as the caller may see it. Caption and location are the author's, unescaped: render them as text only. */
export interface Post {
  id: number;
  author: AccountCard;
  /** 1-10 image URLs on the server owner's allowed hosts, in the author's order. */
  photos: string[];
  caption: string;
  location: string | null;
  likes: number;
  comments: number;
  liked: boolean;
  saved: boolean;
  createdAt: number;
}

export interface PostPage {
  posts: Post[];
  /** Pass back for the next (older) page; null at the end. */
  cursor: number | null;
}

/** A comment on a post, or a reply to one (`parentId`); replies are one level deep, as players read them. */
export interface Comment {
  id: number;
  postId: number;
  parentId: number | null;
  author: AccountCard;
  text: string;
  likes: number;
  liked: boolean;
  /** Replies to it (0 for a reply). */
  replies: number;
  createdAt: number;
}

export interface CommentPage {
  comments: Comment[];
  /** Pass back for the next page (comments oldest first); null at the end. */
  cursor: number | null;
}

/** A photo story, served only until it expires (24 hours after it was posted). */
export interface Story {
  id: number;
  author: AccountCard;
  photo: string;
  seen: boolean;
  createdAt: number;
  expiresAt: number;
  /** How many have watched it: the author's only, null for anyone else. */
  views: number | null;
}

/** An account in the stories tray: whose stories the caller may watch now, unseen ones first. */
export interface StoryRing {
  account: AccountCard;
  /** Whether the caller has watched every one of them. */
  seen: boolean;
  latestAt: number;
}

export type NotificationKind = 'like' | 'comment' | 'reply' | 'comment_like' | 'follow' | 'request';

/**
 * Notifications grouped as players read them: "ana and 3 others liked your post". One group per kind and post (per
 * kind and comment for comment likes, per kind for follows and requests), newest activity first; comments and
 * replies are one each.
 */
export interface NotificationGroup {
  /** The group's newest notification id: the paging cursor. */
  id: number;
  kind: NotificationKind;
  /** The latest actors first, at most 3. */
  actors: AccountCard[];
  /** All actors in the group. */
  count: number;
  /** The post it is about, or null for follows and requests (or a post since deleted). */
  postId: number | null;
  /** The post's first photo, for the row's thumbnail. */
  thumbnail: string | null;
  /** The comment or reply itself for comments and replies, the liked comment for comment likes. */
  text: string | null;
  read: boolean;
  at: number;
}

export interface NotificationPage {
  groups: NotificationGroup[];
  cursor: number | null;
}

const { id, cursor, limit, paged, clientId, empty } = socialSchemas;
const photo = z.string().min(1).max(500);

export const reportSchema = socialSchemas.report;

export const postIdSchema = z.object({ id }).strict();
export const createPostSchema = z
  .object({
    clientId,
    photos: z.array(photo).min(1, 'a post has 1-10 photos').max(10, 'a post has 1-10 photos'),
    /** Checked against the server owner's limit (`handset:cloutgram:caption_length`, default 2200) on the server. */
    caption: z.string().max(2200, 'a caption is at most 2200 characters').default(''),
    location: z.string().trim().max(60, 'a location is at most 60 characters').default(''),
  })
  .strict();
export const likeSchema = z.object({ id, liked: z.boolean() }).strict();
export const saveSchema = z.object({ id, saved: z.boolean() }).strict();
export const commentsSchema = z.object({ postId: id, parentId: id.optional(), cursor, limit }).strict();
export const createCommentSchema = z
  .object({ clientId, postId: id, parentId: id.optional(), text: z.string().trim().min(1, 'write a comment').max(500, 'a comment is at most 500 characters') })
  .strict();
export const commentIdSchema = z.object({ id }).strict();
export const createStorySchema = z.object({ clientId, photo }).strict();
export const storyIdSchema = z.object({ id }).strict();
export const storiesOfSchema = z.object({ accountId: id }).strict();
export const storyReplySchema = z.object({ id, text: z.string().trim().min(1, 'write a reply').max(500, 'a reply is at most 500 characters') }).strict();

/**
 * The Cloutgram page's actions, each as the caller's own account (from `source`, never the payload). Until the
 * character claims a handle (`profiles.claim`), `profiles.me` answers null and every other action answers
 * FORBIDDEN. Posts, comments, stories and accounts hidden from the caller (blocks either way, deleted, expired,
 * private and not followed) answer NOT_FOUND, as if they did not exist.
 */
export const cloutgramContract = defineContract({
  ...socialActions,
  'profiles.me': action(empty).answers<Profile | null>(),
  'profiles.claim': action(socialSchemas.claim).answers<Profile>(),
  'profiles.update': action(socialSchemas.updateProfile).answers<Profile>(),
  'profiles.get': action(socialSchemas.account).answers<Profile>(),
  'profiles.posts': action(socialSchemas.accountList).answers<PostPage>(),

  'feed.following': action(paged).answers<PostPage>(),
  'feed.explore': action(paged).answers<PostPage>(),

  'posts.create': action(createPostSchema).answers<Post>(),
  'posts.get': action(postIdSchema).answers<Post>(),
  'posts.like': action(likeSchema).answers<Post>(),
  'posts.save': action(saveSchema).answers<Post>(),
  'posts.saved': action(paged).answers<PostPage>(),
  'posts.delete': action(postIdSchema).answers<null>(),
  'posts.likedBy': action(socialSchemas.accountList).answers<AccountPage>(),

  'comments.list': action(commentsSchema).answers<CommentPage>(),
  'comments.create': action(createCommentSchema).answers<Comment>(),
  'comments.like': action(likeSchema).answers<Comment>(),
  'comments.delete': action(commentIdSchema).answers<null>(),

  'stories.tray': action(paged).answers<{ rings: StoryRing[]; cursor: number | null }>(),
  'stories.of': action(storiesOfSchema).answers<Story[]>(),
  'stories.create': action(createStorySchema).answers<Story>(),
  'stories.view': action(storyIdSchema).answers<null>(),
  'stories.viewers': action(socialSchemas.accountList).answers<AccountPage>(),
  'stories.reply': action(storyReplySchema).answers<null>(),
  'stories.delete': action(storyIdSchema).answers<null>(),

  'reports.create': action(reportSchema).answers<null>(),

  'notifications.list': action(paged).answers<NotificationPage>(),
  'notifications.read': action(empty).answers<null>(),
});
