import type { z } from 'zod';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { RateLimiter } from '@handset/sdk/server';
import { DatabaseError, type Database, type Statement } from '@handset/sdk/server/database';
import { createSocialGraph, placeholders, type SocialAccount } from '@handset/sdk/server/social';
import type {
  AccountPage,
  Comment,
  CommentPage,
  createCommentSchema,
  createPostSchema,
  NotificationGroup,
  NotificationKind,
  NotificationPage,
  Post,
  PostPage,
  Profile,
  reportSchema,
  Story,
  StoryRing,
} from '../contract';
import type { CloutgramSettings } from './cloutgram.settings';

interface PostRow extends Record<string, unknown> {
  id: number | string;
  author_id: number | string;
  photos: string;
  caption: string;
  location: string | null;
  likes: number | string;
  comments: number | string;
  deleted_at: number | string | null;
  created_at: number | string;
}

interface CommentRow extends Record<string, unknown> {
  id: number | string;
  post_id: number | string;
  parent_id: number | string;
  author_id: number | string;
  text: string;
  likes: number | string;
  replies: number | string;
  deleted_at: number | string | null;
  created_at: number | string;
}

interface StoryRow extends Record<string, unknown> {
  id: number | string;
  author_id: number | string;
  photo: string;
  created_at: number | string;
  expires_at: number | string;
}

/** A stored post, before it is shown to anyone. */
export interface StoredPost {
  id: number;
  authorId: number;
  photos: string[];
  caption: string;
  location: string | null;
  likes: number;
  comments: number;
  deleted: boolean;
  createdAt: number;
}

interface StoredComment {
  id: number;
  postId: number;
  parentId: number | null;
  authorId: number;
  text: string;
  likes: number;
  replies: number;
  deleted: boolean;
  createdAt: number;
}

interface StoredStory {
  id: number;
  authorId: number;
  photo: string;
  createdAt: number;
  expiresAt: number;
}

const POST_COLUMNS = 'id, author_id, photos, caption, location, likes, comments, deleted_at, created_at';
const COMMENT_COLUMNS = 'id, post_id, parent_id, author_id, text, likes, replies, deleted_at, created_at';
const STORY_COLUMNS = 'id, author_id, photo, created_at, expires_at';
/** Notification rows one page groups at most: a burst of likes on one post is one group. */
const NOTIFICATION_SCAN = 200;
/** Expired stories one prune statement deletes: a day's backlog goes in short statements, never one long lock. */
export const PRUNE_BATCH = 500;

const num = (value: unknown) => Number(value);
const toPost = (row: PostRow): StoredPost => ({
  id: num(row.id),
  authorId: num(row.author_id),
  photos: JSON.parse(row.photos) as string[],
  caption: row.caption,
  location: row.location,
  likes: num(row.likes),
  comments: num(row.comments),
  deleted: row.deleted_at !== null,
  createdAt: num(row.created_at),
});
const toComment = (row: CommentRow): StoredComment => ({
  id: num(row.id),
  postId: num(row.post_id),
  parentId: num(row.parent_id) === 0 ? null : num(row.parent_id),
  authorId: num(row.author_id),
  text: row.text,
  likes: num(row.likes),
  replies: num(row.replies),
  deleted: row.deleted_at !== null,
  createdAt: num(row.created_at),
});
const toStory = (row: StoryRow): StoredStory => ({ id: num(row.id), authorId: num(row.author_id), photo: row.photo, createdAt: num(row.created_at), expiresAt: num(row.expires_at) });

/** Whether `error` is a unique key refusing a row already there: a retried like, save or view. */
const duplicate = (error: unknown) => error instanceof DatabaseError && error.kind === 'unique_violation';

export interface CloutgramServiceOptions {
  db: Database;
  settings: CloutgramSettings;
  imageAllowed(url: string): boolean;
  now?: () => number;
}

/**
 * Cloutgram's rules, per account. Every read is as a viewer: an account blocked either way, a private account the
 * viewer does not follow, a deleted post or an expired story answer NOT_FOUND exactly as a missing one.
 */
export function createCloutgramService({ db, settings, imageAllowed, now = Date.now }: CloutgramServiceOptions) {
  const graph = createSocialGraph({ db, app: 'cloutgram', label: 'Cloutgram', rules: settings, imageAllowed, now });
  const postLimiter = new RateLimiter(settings.postsPerMinute / 60, settings.postsPerMinute, now);
  const commentLimiter = new RateLimiter(settings.commentsPerMinute / 60, settings.commentsPerMinute, now);
  const reportLimiter = new RateLimiter(settings.reportsPerHour / 3600, settings.reportsPerHour, now);
  const count = async (sql: string, values: unknown[]) => num((await db.select<{ n: number }>(sql, values))[0]!.n);

  // Posts

  const postsWhere = async (where: string, values: unknown[]) => (await db.select<PostRow>(`SELECT ${POST_COLUMNS} FROM handset_cloutgram_posts WHERE ${where}`, values)).map(toPost);
  const postById = async (id: number) => (await postsWhere('id = ?', [id]))[0] ?? null;
  const postsByIds = async (ids: number[]) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map<number, StoredPost>();
    return new Map((await postsWhere(`id IN (${placeholders(unique.length)})`, unique)).map((post) => [post.id, post]));
  };

  /** The ids among `ids` that `viewer` has a row for in `table` (likes, saves). */
  const marked = async (table: 'likes' | 'saves', viewer: number, ids: number[]) => {
    if (ids.length === 0) return new Set<number>();
    const rows = await db.select<{ post_id: number }>(`SELECT post_id FROM handset_cloutgram_${table} WHERE account_id = ? AND post_id IN (${placeholders(ids.length)})`, [viewer, ...ids]);
    return new Set(rows.map((row) => num(row.post_id)));
  };

  /** Posts as `viewer` sees them; those `viewer` may not read are left out. Authors, likes and saves: one query each. */
  const present = async (viewer: number, posts: StoredPost[]): Promise<Map<number, Post>> => {
    const live = posts.filter((post) => !post.deleted);
    const authors = await graph.accountsByIds(live.map((post) => post.authorId));
    const hidden = await graph.hiddenAmong(viewer, [...authors.keys()]);
    const closed = await graph.closedAmong(viewer, [...authors.values()]);
    const shown = live.filter((post) => authors.has(post.authorId) && !hidden.has(post.authorId) && !closed.has(post.authorId));
    const ids = shown.map((post) => post.id);
    const [liked, saved] = [await marked('likes', viewer, ids), await marked('saves', viewer, ids)];
    return new Map(
      shown.map((post) => [
        post.id,
        {
          id: post.id,
          author: graph.card(authors.get(post.authorId)!),
          photos: post.photos,
          caption: post.caption,
          location: post.location,
          likes: post.likes,
          comments: post.comments,
          liked: liked.has(post.id),
          saved: saved.has(post.id),
          createdAt: post.createdAt,
        },
      ]),
    );
  };

  /** A post `viewer` may read, shown; NOT_FOUND otherwise. */
  const visiblePost = async (viewer: number, id: number) => {
    const stored = await postById(id);
    const post = stored && (await present(viewer, [stored])).get(id);
    if (!stored || !post) throw new HandsetError('NOT_FOUND', `no post ${id}`);
    return { stored, post };
  };

  /** One page of posts newest first: `where` narrows them; authors hidden from `viewer` (and muted ones, for feeds) are left out in SQL. */
  const feedPage = async (viewer: number, where: string, values: unknown[], cursor: number | undefined, limit: number, muted = false): Promise<PostPage> => {
    const conditions = [
      where,
      'p.deleted_at IS NULL',
      ...graph.readableSql('p'),
      ...(muted ? [graph.unmutedSql('p')] : []),
      // Always a range on the key, the first page's too, so MariaDB walks an index backwards from it.
      'p.id < ?',
    ];
    const rows = (
      await db.select<PostRow>(`SELECT ${POST_COLUMNS.split(', ').map((column) => `p.${column}`).join(', ')} FROM handset_cloutgram_posts p WHERE ${conditions.join(' AND ')} ORDER BY p.id DESC LIMIT ?`, [
        ...values,
        viewer,
        viewer,
        viewer,
        viewer,
        ...(muted ? [viewer] : []),
        cursor ?? Number.MAX_SAFE_INTEGER,
        limit + 1,
      ])
    ).map(toPost);
    const page = rows.slice(0, limit);
    const shown = await present(viewer, page);
    return { posts: page.flatMap((row) => shown.get(row.id) ?? []), cursor: rows.length > limit ? page.at(-1)!.id : null };
  };

  // Comments

  const commentsWhere = async (where: string, values: unknown[]) =>
    (await db.select<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM handset_cloutgram_comments WHERE ${where}`, values)).map(toComment);
  const commentById = async (id: number) => (await commentsWhere('id = ?', [id]))[0] ?? null;

  const presentComments = async (viewer: number, rows: StoredComment[]): Promise<Comment[]> => {
    const authors = await graph.accountsByIds(rows.map((row) => row.authorId));
    const hidden = await graph.hiddenAmong(viewer, [...authors.keys()]);
    const shown = rows.filter((row) => !row.deleted && authors.has(row.authorId) && !hidden.has(row.authorId));
    const liked = new Set(
      shown.length === 0
        ? []
        : (
            await db.select<{ comment_id: number }>(`SELECT comment_id FROM handset_cloutgram_comment_likes WHERE account_id = ? AND comment_id IN (${placeholders(shown.length)})`, [
              viewer,
              ...shown.map((row) => row.id),
            ])
          ).map((row) => num(row.comment_id)),
    );
    return shown.map((row) => ({
      id: row.id,
      postId: row.postId,
      parentId: row.parentId,
      author: graph.card(authors.get(row.authorId)!),
      text: row.text,
      likes: row.likes,
      liked: liked.has(row.id),
      replies: row.replies,
      createdAt: row.createdAt,
    }));
  };

  /** A comment `viewer` may read (its post too), with its post; NOT_FOUND otherwise. */
  const visibleComment = async (viewer: number, id: number) => {
    const stored = await commentById(id);
    if (!stored || stored.deleted || (await graph.hiddenAmong(viewer, [stored.authorId])).has(stored.authorId)) throw new HandsetError('NOT_FOUND', `no comment ${id}`);
    const { stored: post } = await visiblePost(viewer, stored.postId);
    return { stored, post };
  };

  // Stories

  const liveStory = async (id: number) => {
    const [row] = await db.select<StoryRow>(`SELECT ${STORY_COLUMNS} FROM handset_cloutgram_stories WHERE id = ? AND expires_at > ?`, [id, now()]);
    return row ? toStory(row) : null;
  };
  /** A story `viewer` may watch: live, its author readable; NOT_FOUND otherwise. */
  const visibleStory = async (viewer: number, id: number) => {
    const story = await liveStory(id);
    const author = story && (await graph.accountById(story.authorId));
    if (!story || !author || !(await graph.readable(viewer, author))) throw new HandsetError('NOT_FOUND', `no story ${id}`);
    return { story, author };
  };

  // Notifications

  /** Stores a notification unless it is the actor's own or a block stands between them; answers whether it did. */
  const notifyRow = async (recipient: number, kind: NotificationKind, actor: number, postId: number | null, commentId: number | null) => {
    if (recipient === actor || (await graph.blockedBetween(recipient, actor))) return false;
    await db.batch([
      {
        sql: 'INSERT INTO handset_cloutgram_notifications (recipient_id, kind, actor_id, post_id, comment_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        values: [recipient, kind, actor, postId, commentId, now()],
      },
      // The account keeps its newest maxNotifications: the one past them goes (an indexed read of the account's own).
      {
        sql: `DELETE FROM handset_cloutgram_notifications WHERE recipient_id = ? AND id <= (
                SELECT id FROM (SELECT id FROM handset_cloutgram_notifications WHERE recipient_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?) AS oldest)`,
        values: [recipient, recipient, settings.maxNotifications],
      },
    ]);
    return true;
  };

  /** A create retried with the same client id: the row it stored the first time, or null. */
  const earlier = async <T>(table: 'posts' | 'comments' | 'stories', authorId: number, clientId: string, read: (id: number) => Promise<T | null>) => {
    const [row] = await db.select<{ id: number }>(`SELECT id FROM handset_cloutgram_${table} WHERE author_id = ? AND client_id = ?`, [authorId, clientId]);
    return row ? read(num(row.id)) : null;
  };

  const takeOrRefuse = (limiter: RateLimiter, me: SocialAccount, perMinute: number, what: string) => {
    if (!limiter.take(String(me.id))) throw new HandsetError('RATE_LIMITED', `at most ${perMinute} ${what} a minute`);
  };

  /** An account's profile as `viewer` sees it, with whether it has a story for them. */
  const profileOf = async (viewer: number, account: SocialAccount): Promise<Profile> => {
    const [{ followers, following }, posts, relation] = await Promise.all([
      graph.counts(account.id),
      count('SELECT COUNT(*) AS n FROM handset_cloutgram_posts WHERE author_id = ? AND deleted_at IS NULL', [account.id]),
      graph.relationOf(viewer, account.id),
    ]);
    const me = viewer === account.id;
    const visible = me || !account.private || relation.following === 'yes';
    let story: Profile['story'] = 'none';
    if (visible) {
      const [row] = await db.select<{ n: number; seen: number }>(
        `SELECT COUNT(*) AS n, COUNT(v.id) AS seen FROM handset_cloutgram_stories s
         LEFT JOIN handset_cloutgram_story_views v ON v.story_id = s.id AND v.viewer_id = ?
         WHERE s.author_id = ? AND s.expires_at > ?`,
        [viewer, account.id, now()],
      );
      if (num(row!.n) > 0) story = num(row!.seen) >= num(row!.n) ? 'seen' : 'unseen';
    }
    return { ...graph.card(account), bio: account.bio, private: account.private, followers, following, posts, me, relation, visible, story };
  };

  return {
    settings,
    profileOf,
    graph,
    present,
    postById,

    async me(phoneId: number): Promise<Profile | null> {
      const account = await graph.accountOfPhone(phoneId);
      return account && profileOf(account.id, account);
    },

    async profile(viewer: number, by: { id: number } | { handle: string }): Promise<Profile> {
      const account = 'id' in by ? await graph.accountById(by.id) : await graph.accountByHandle(by.handle);
      if (!account || (await graph.blockedBetween(viewer, account.id))) throw new HandsetError('NOT_FOUND', `no account ${'id' in by ? by.id : `@${by.handle}`}`);
      return profileOf(viewer, account);
    },

    /** An account's posts, newest first: the profile grid. */
    async profilePosts(viewer: number, { id, cursor, limit }: { id: number; cursor?: number; limit: number }): Promise<PostPage> {
      const account = await graph.visibleAccount(viewer, id);
      if (!(await graph.readable(viewer, account))) return { posts: [], cursor: null };
      return feedPage(viewer, 'p.author_id = ?', [id], cursor, limit);
    },

    /** Posts of the accounts `me` follows, and their own. */
    followingFeed: (me: SocialAccount, cursor: number | undefined, limit: number) =>
      feedPage(me.id, `(p.author_id = ? OR p.author_id IN (${graph.followedSql}))`, [me.id, me.id], cursor, limit, true),

    /** Recent posts of public accounts: the Explore grid. */
    exploreFeed: (me: SocialAccount, cursor: number | undefined, limit: number) => feedPage(me.id, 'p.author_private = 0', [], cursor, limit, true),

    /** Stores a post of 1-10 photos; a retried create with the same client id answers the first. */
    async create(author: SocialAccount, input: z.output<typeof createPostSchema>): Promise<{ stored: StoredPost; created: boolean }> {
      const first = await earlier('posts', author.id, input.clientId, postById);
      if (first) return { stored: first, created: false };
      const caption = input.caption.trim();
      if ([...caption].length > settings.captionLength) throw new HandsetError('INVALID_INPUT', `a caption is at most ${settings.captionLength} characters`);
      graph.refuseBanned(caption, 'the caption');
      graph.refuseBanned(input.location, 'the location');
      input.photos.forEach(graph.checkImage);
      if ((await count('SELECT COUNT(*) AS n FROM handset_cloutgram_posts WHERE author_id = ? AND deleted_at IS NULL', [author.id])) >= settings.maxPosts) {
        throw new HandsetError('QUOTA_EXCEEDED', `an account keeps at most ${settings.maxPosts} posts`);
      }
      takeOrRefuse(postLimiter, author, settings.postsPerMinute, 'posts and stories');
      try {
        const { insertId } = await db.run(
          'INSERT INTO handset_cloutgram_posts (author_id, photos, caption, location, author_private, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [author.id, JSON.stringify(input.photos), caption, input.location || null, author.private ? 1 : 0, input.clientId, now()],
        );
        return { stored: (await postById(insertId))!, created: true };
      } catch (error) {
        // The same client id raced in: the first one stands.
        const stored = duplicate(error) ? await earlier('posts', author.id, input.clientId, postById) : null;
        if (stored) return { stored, created: false };
        throw error;
      }
    },

    visiblePost,

    async like(me: SocialAccount, id: number, liked: boolean): Promise<{ post: Post; notify: boolean }> {
      const { stored } = await visiblePost(me.id, id);
      let notify = false;
      if (liked) {
        try {
          // One statement each: a repeated like is refused by the unique key before the count moves (oxmysql's batch would not say why).
          await db.run('INSERT INTO handset_cloutgram_likes (account_id, post_id, created_at) VALUES (?, ?, ?)', [me.id, id, now()]);
          await db.run('UPDATE handset_cloutgram_posts SET likes = likes + 1 WHERE id = ?', [id]);
          notify = await notifyRow(stored.authorId, 'like', me.id, id, null);
        } catch (error) {
          if (!duplicate(error)) throw error;
        }
      } else if ((await db.run('DELETE FROM handset_cloutgram_likes WHERE account_id = ? AND post_id = ?', [me.id, id])).affectedRows > 0) {
        await db.run('UPDATE handset_cloutgram_posts SET likes = likes - 1 WHERE id = ? AND likes > 0', [id]);
      }
      return { post: (await visiblePost(me.id, id)).post, notify };
    },

    async save(me: SocialAccount, id: number, saved: boolean): Promise<Post> {
      await visiblePost(me.id, id);
      if (saved) {
        if ((await count('SELECT COUNT(*) AS n FROM handset_cloutgram_saves WHERE account_id = ?', [me.id])) >= settings.maxSaves) {
          throw new HandsetError('QUOTA_EXCEEDED', `you can save at most ${settings.maxSaves} posts`);
        }
        try {
          await db.run('INSERT INTO handset_cloutgram_saves (account_id, post_id, created_at) VALUES (?, ?, ?)', [me.id, id, now()]);
        } catch (error) {
          if (!duplicate(error)) throw error;
        }
      } else {
        await db.run('DELETE FROM handset_cloutgram_saves WHERE account_id = ? AND post_id = ?', [me.id, id]);
      }
      return (await visiblePost(me.id, id)).post;
    },

    /** The caller's saved posts, the latest saved first (the save's id is the cursor). */
    async saved(me: SocialAccount, { cursor, limit }: { cursor?: number; limit: number }): Promise<PostPage> {
      const rows = await db.select<{ id: number; post_id: number }>(
        `SELECT id, post_id FROM handset_cloutgram_saves WHERE account_id = ?${cursor === undefined ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
        cursor === undefined ? [me.id, limit + 1] : [me.id, cursor, limit + 1],
      );
      const page = rows.slice(0, limit);
      const shown = await present(me.id, [...(await postsByIds(page.map((row) => num(row.post_id)))).values()]);
      return { posts: page.flatMap((row) => shown.get(num(row.post_id)) ?? []), cursor: rows.length > limit ? num(page.at(-1)!.id) : null };
    },

    /** Soft-deletes a post; `authorId` null: any author's (the server owner's export). Answers the post as it was. */
    async remove(authorId: number | null, id: number): Promise<StoredPost> {
      const post = await postById(id);
      if (!post || post.deleted || (authorId !== null && post.authorId !== authorId)) throw new HandsetError('NOT_FOUND', `no post ${id}${authorId === null ? '' : ' of yours'}`);
      await db.run('UPDATE handset_cloutgram_posts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [now(), id]);
      return post;
    },

    async likedBy(viewer: number, { id, cursor, limit }: { id: number; cursor?: number; limit: number }): Promise<AccountPage> {
      await visiblePost(viewer, id);
      const rows = await db.select<{ id: number; account_id: number }>(
        `SELECT id, account_id FROM handset_cloutgram_likes WHERE post_id = ?${cursor === undefined ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
        cursor === undefined ? [id, limit + 1] : [id, cursor, limit + 1],
      );
      const page = rows.slice(0, limit);
      const shown = await graph.accountPage(viewer, page.map((row) => num(row.account_id)), false);
      return { accounts: shown.accounts, cursor: rows.length > limit ? num(page.at(-1)!.id) : null };
    },

    /** A post's comments (or one comment's replies), oldest first. */
    async comments(viewer: number, { postId, parentId, cursor, limit }: { postId: number; parentId?: number; cursor?: number; limit: number }): Promise<CommentPage> {
      await visiblePost(viewer, postId);
      const rows = await commentsWhere(`post_id = ? AND parent_id = ? AND deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?`, [postId, parentId ?? 0, cursor ?? 0, limit + 1]);
      const page = rows.slice(0, limit);
      return { comments: await presentComments(viewer, page), cursor: rows.length > limit ? page.at(-1)!.id : null };
    },

    /** Comments on a post, or replies to one of its comments; answers the comment and whom to notify. */
    async comment(me: SocialAccount, input: z.output<typeof createCommentSchema>): Promise<{ comment: Comment; created: boolean; notices: [number, NotificationKind][]; postId: number }> {
      const first = await earlier('comments', me.id, input.clientId, commentById);
      if (first) return { comment: (await presentComments(me.id, [first]))[0]!, created: false, notices: [], postId: first.postId };
      const { stored: post } = await visiblePost(me.id, input.postId);
      const parent = input.parentId === undefined ? null : (await visibleComment(me.id, input.parentId)).stored;
      if (parent && (parent.postId !== post.id || parent.parentId !== null)) throw new HandsetError('NOT_FOUND', `no comment ${input.parentId} on post ${post.id}`);
      graph.refuseBanned(input.text, 'the comment');
      if ((await count('SELECT COUNT(*) AS n FROM handset_cloutgram_comments WHERE post_id = ? AND deleted_at IS NULL', [post.id])) >= settings.maxComments) {
        throw new HandsetError('QUOTA_EXCEEDED', `a post takes at most ${settings.maxComments} comments`);
      }
      takeOrRefuse(commentLimiter, me, settings.commentsPerMinute, 'comments');
      const at = now();
      const statements: Statement[] = [
        {
          sql: 'INSERT INTO handset_cloutgram_comments (post_id, parent_id, author_id, text, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          values: [post.id, parent?.id ?? 0, me.id, input.text, input.clientId, at],
        },
        { sql: 'UPDATE handset_cloutgram_posts SET comments = comments + 1 WHERE id = ?', values: [post.id] },
      ];
      if (parent) statements.push({ sql: 'UPDATE handset_cloutgram_comments SET replies = replies + 1 WHERE id = ?', values: [parent.id] });
      try {
        await db.batch(statements);
      } catch (error) {
        const stored = duplicate(error) ? await earlier('comments', me.id, input.clientId, commentById) : null;
        if (stored) return { comment: (await presentComments(me.id, [stored]))[0]!, created: false, notices: [], postId: stored.postId };
        throw error;
      }
      const stored = (await earlier('comments', me.id, input.clientId, commentById))!;
      const notices: [number, NotificationKind][] = [];
      if (parent && (await notifyRow(parent.authorId, 'reply', me.id, post.id, stored.id))) notices.push([parent.authorId, 'reply']);
      if (!notices.some(([recipient]) => recipient === post.authorId) && (await notifyRow(post.authorId, 'comment', me.id, post.id, stored.id))) notices.push([post.authorId, 'comment']);
      return { comment: (await presentComments(me.id, [stored]))[0]!, created: true, notices, postId: post.id };
    },

    async likeComment(me: SocialAccount, id: number, liked: boolean): Promise<{ comment: Comment; notify: boolean }> {
      const { stored } = await visibleComment(me.id, id);
      let notify = false;
      if (liked) {
        try {
          await db.run('INSERT INTO handset_cloutgram_comment_likes (account_id, comment_id, created_at) VALUES (?, ?, ?)', [me.id, id, now()]);
          await db.run('UPDATE handset_cloutgram_comments SET likes = likes + 1 WHERE id = ?', [id]);
          notify = await notifyRow(stored.authorId, 'comment_like', me.id, stored.postId, id);
        } catch (error) {
          if (!duplicate(error)) throw error;
        }
      } else if ((await db.run('DELETE FROM handset_cloutgram_comment_likes WHERE account_id = ? AND comment_id = ?', [me.id, id])).affectedRows > 0) {
        await db.run('UPDATE handset_cloutgram_comments SET likes = likes - 1 WHERE id = ? AND likes > 0', [id]);
      }
      return { comment: (await presentComments(me.id, [(await commentById(id))!]))[0]!, notify };
    },

    /** Deletes a comment of the caller's, or any comment on the caller's post; answers its post. */
    async deleteComment(me: SocialAccount, id: number): Promise<number> {
      const { stored, post } = await visibleComment(me.id, id);
      if (stored.authorId !== me.id && post.authorId !== me.id) throw new HandsetError('NOT_FOUND', `no comment ${id} you may delete`);
      const statements: Statement[] = [
        { sql: 'UPDATE handset_cloutgram_comments SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', values: [now(), id] },
        { sql: 'UPDATE handset_cloutgram_posts SET comments = comments - 1 WHERE id = ? AND comments > 0', values: [post.id] },
      ];
      if (stored.parentId !== null) statements.push({ sql: 'UPDATE handset_cloutgram_comments SET replies = replies - 1 WHERE id = ? AND replies > 0', values: [stored.parentId] });
      await db.batch(statements);
      return post.id;
    },

    /** Posts a story, served for the owner's story hours; a retried create with the same client id answers the first. */
    async createStory(me: SocialAccount, { clientId, photo }: { clientId: string; photo: string }): Promise<{ story: Story; created: boolean }> {
      const shown = (story: StoredStory): Story => ({ id: story.id, author: graph.card(me), photo: story.photo, seen: true, createdAt: story.createdAt, expiresAt: story.expiresAt, views: 0 });
      const readStory = async (id: number) => {
        const [row] = await db.select<StoryRow>(`SELECT ${STORY_COLUMNS} FROM handset_cloutgram_stories WHERE id = ?`, [id]);
        return row ? toStory(row) : null;
      };
      const first = await earlier('stories', me.id, clientId, readStory);
      if (first) return { story: shown(first), created: false };
      graph.checkImage(photo);
      const at = now();
      if ((await count('SELECT COUNT(*) AS n FROM handset_cloutgram_stories WHERE author_id = ? AND expires_at > ?', [me.id, at])) >= settings.maxStories) {
        throw new HandsetError('QUOTA_EXCEEDED', `at most ${settings.maxStories} stories at a time`);
      }
      takeOrRefuse(postLimiter, me, settings.postsPerMinute, 'posts and stories');
      try {
        const { insertId } = await db.run('INSERT INTO handset_cloutgram_stories (author_id, photo, author_private, client_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
          me.id,
          photo,
          me.private ? 1 : 0,
          clientId,
          at,
          at + settings.storyHours * 3_600_000,
        ]);
        return { story: shown((await readStory(insertId))!), created: true };
      } catch (error) {
        const stored = duplicate(error) ? await earlier('stories', me.id, clientId, readStory) : null;
        if (stored) return { story: shown(stored), created: false };
        throw error;
      }
    },

    /** The accounts with stories the caller may watch now (their own and those they follow, not muted), the latest first. */
    async tray(me: SocialAccount, { cursor, limit }: { cursor?: number; limit: number }): Promise<{ rings: StoryRing[]; cursor: number | null }> {
      const rows = await db.select<{ author_id: number; latest: number; latest_at: number; n: number; seen: number }>(
        // Driven by the caller's follows (a derived table first), each author's live stories on (author_id, expires_at):
        // a filter on expires_at alone made MariaDB read every live story of the server.
        `SELECT s.author_id, MAX(s.id) AS latest, MAX(s.created_at) AS latest_at, COUNT(*) AS n, COUNT(v.id) AS seen
         FROM (${graph.followedSql} UNION ALL SELECT ?) AS a
         JOIN handset_cloutgram_stories s ON s.author_id = a.followee_id AND s.expires_at > ?
         LEFT JOIN handset_cloutgram_story_views v ON v.story_id = s.id AND v.viewer_id = ?
         WHERE ${graph.unmutedSql('s')}
         GROUP BY s.author_id HAVING MAX(s.id) < ? ORDER BY latest DESC LIMIT ?`,
        [me.id, me.id, now(), me.id, me.id, cursor ?? Number.MAX_SAFE_INTEGER, limit + 1],
      );
      const page = rows.slice(0, limit);
      const authors = await graph.accountsByIds(page.map((row) => num(row.author_id)));
      return {
        rings: page.flatMap((row) => {
          const author = authors.get(num(row.author_id));
          return author ? [{ account: graph.card(author), seen: num(row.seen) >= num(row.n), latestAt: num(row.latest_at) }] : [];
        }),
        cursor: rows.length > limit ? num(page.at(-1)!.latest) : null,
      };
    },

    /** An account's live stories, oldest first (bounded by the owner's max_stories). */
    async storiesOf(viewer: number, accountId: number): Promise<Story[]> {
      const author = await graph.visibleAccount(viewer, accountId);
      if (!(await graph.readable(viewer, author))) return [];
      const rows = await db.select<StoryRow & { seen: number | string; views: number | string }>(
        `SELECT s.id, s.author_id, s.photo, s.created_at, s.expires_at,
                (SELECT COUNT(*) FROM handset_cloutgram_story_views v WHERE v.story_id = s.id AND v.viewer_id = ?) AS seen,
                (SELECT COUNT(*) FROM handset_cloutgram_story_views v WHERE v.story_id = s.id) AS views
         FROM handset_cloutgram_stories s WHERE s.author_id = ? AND s.expires_at > ? ORDER BY s.id LIMIT ?`,
        [viewer, accountId, now(), settings.maxStories],
      );
      const own = viewer === accountId;
      return rows.map((row) => ({ ...toStory(row), author: graph.card(author), seen: own || num(row.seen) > 0, views: own ? num(row.views) : null })).map(({ authorId: _, ...story }) => story);
    },

    /** Marks a story watched by the caller (the author's own views are not counted). */
    async view(me: SocialAccount, id: number): Promise<void> {
      const { story } = await visibleStory(me.id, id);
      if (story.authorId === me.id) return;
      try {
        await db.run('INSERT INTO handset_cloutgram_story_views (story_id, viewer_id, created_at) VALUES (?, ?, ?)', [id, me.id, now()]);
      } catch (error) {
        if (!duplicate(error)) throw error;
      }
    },

    /** Who watched the caller's story, the latest first. */
    async viewers(me: SocialAccount, { id, cursor, limit }: { id: number; cursor?: number; limit: number }): Promise<AccountPage> {
      const story = await liveStory(id);
      if (!story || story.authorId !== me.id) throw new HandsetError('NOT_FOUND', `no story ${id} of yours`);
      const rows = await db.select<{ id: number; viewer_id: number }>(
        `SELECT id, viewer_id FROM handset_cloutgram_story_views WHERE story_id = ?${cursor === undefined ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
        cursor === undefined ? [id, limit + 1] : [id, cursor, limit + 1],
      );
      const page = rows.slice(0, limit);
      const shown = await graph.accountPage(me.id, page.map((row) => num(row.viewer_id)), false);
      return { accounts: shown.accounts, cursor: rows.length > limit ? num(page.at(-1)!.id) : null };
    },

    /** Checks a reply to a story may go: answers the story's author, to whom Messages carries it. */
    async replyTo(me: SocialAccount, id: number, text: string): Promise<SocialAccount> {
      const { story, author } = await visibleStory(me.id, id);
      if (story.authorId === me.id) throw new HandsetError('INVALID_INPUT', 'you cannot reply to your own story');
      graph.refuseBanned(text, 'the reply');
      takeOrRefuse(commentLimiter, me, settings.commentsPerMinute, 'comments and replies');
      return author;
    },

    async deleteStory(me: SocialAccount, id: number): Promise<void> {
      if ((await db.run('DELETE FROM handset_cloutgram_stories WHERE id = ? AND author_id = ?', [id, me.id])).affectedRows === 0) throw new HandsetError('NOT_FOUND', `no story ${id} of yours`);
    },

    /** Deletes expired stories (their views go with them), `PRUNE_BATCH` at a time; answers how many. */
    async pruneStories(): Promise<number> {
      let pruned = 0;
      for (;;) {
        const { affectedRows } = await db.run(
          `DELETE FROM handset_cloutgram_stories WHERE id IN (
             SELECT id FROM (SELECT id FROM handset_cloutgram_stories WHERE expires_at <= ? ORDER BY expires_at LIMIT ?) AS expired)`,
          [now(), PRUNE_BATCH],
        );
        pruned += affectedRows;
        if (affectedRows < PRUNE_BATCH) return pruned;
      }
    },

    async report(me: SocialAccount, input: z.output<typeof reportSchema>): Promise<{ post: StoredPost | null; account: SocialAccount }> {
      const post = input.postId === undefined ? null : (await visiblePost(me.id, input.postId)).stored;
      const account = post ? await graph.accountById(post.authorId) : await graph.visibleAccount(me.id, input.accountId!);
      if (!account) throw new HandsetError('NOT_FOUND', `no account ${input.accountId}`);
      if (!reportLimiter.take(String(me.id))) throw new HandsetError('RATE_LIMITED', `at most ${settings.reportsPerHour} reports an hour`);
      await db.run('INSERT INTO handset_cloutgram_reports (reporter_id, post_id, account_id, reason, details, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        me.id,
        post?.id ?? null,
        account.id,
        input.reason,
        input.details,
        now(),
      ]);
      return { post, account };
    },

    /** `me` followed `id` or asked to: its owner's notification is stored; answers whether it was. */
    followed: (me: SocialAccount, id: number, asked: 'follow' | 'request') => notifyRow(id, asked, me.id, null, null),

    /** Notifications grouped as players read them: per kind and post for likes, per comment for comment likes. */
    async notifications(me: SocialAccount, { cursor, limit }: { cursor?: number; limit: number }): Promise<NotificationPage> {
      const rows = await db.select<{ id: number; kind: NotificationKind; actor_id: number; post_id: number | null; comment_id: number | null; is_read: number; created_at: number }>(
        `SELECT id, kind, actor_id, post_id, comment_id, is_read, created_at FROM handset_cloutgram_notifications WHERE recipient_id = ?${cursor === undefined ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
        cursor === undefined ? [me.id, NOTIFICATION_SCAN + 1] : [me.id, cursor, NOTIFICATION_SCAN + 1],
      );
      const scanned = rows.slice(0, NOTIFICATION_SCAN);
      const hidden = await graph.hiddenAmong(me.id, scanned.map((row) => num(row.actor_id)));
      type Group = { id: number; kind: NotificationKind; actors: number[]; postId: number | null; commentId: number | null; read: boolean; at: number };
      const groups = new Map<string, Group>();
      let last: number | null = null;
      for (const row of scanned) {
        if (hidden.has(num(row.actor_id))) continue;
        const key = row.kind === 'like' ? `like:${row.post_id}` : row.kind === 'comment_like' ? `comment_like:${row.comment_id}` : ['follow', 'request'].includes(row.kind) ? row.kind : `${row.kind}:${row.id}`;
        const group = groups.get(key);
        if (group) {
          if (!group.actors.includes(num(row.actor_id))) group.actors.push(num(row.actor_id));
          group.read &&= Boolean(num(row.is_read));
          continue;
        }
        if (groups.size === limit) break;
        const postId = row.post_id === null ? null : num(row.post_id);
        groups.set(key, { id: num(row.id), kind: row.kind, actors: [num(row.actor_id)], postId, commentId: row.comment_id === null ? null : num(row.comment_id), read: Boolean(num(row.is_read)), at: num(row.created_at) });
        last = num(row.id);
      }
      const list = [...groups.values()];
      const actors = await graph.accountsByIds(list.flatMap((group) => group.actors.slice(0, 3)));
      const posts = await present(me.id, [...(await postsByIds(list.flatMap((group) => (group.postId === null ? [] : [group.postId])))).values()]);
      const commentIds = list.flatMap((group) => (group.commentId === null ? [] : [group.commentId]));
      const texts = new Map(
        commentIds.length === 0
          ? []
          : (await commentsWhere(`id IN (${placeholders(commentIds.length)}) AND deleted_at IS NULL`, commentIds)).map((comment) => [comment.id, comment.text] as const),
      );
      const groupsShown: NotificationGroup[] = list.map((group) => {
        const post = group.postId === null ? undefined : posts.get(group.postId);
        return {
          id: group.id,
          kind: group.kind,
          actors: group.actors.slice(0, 3).flatMap((id) => (actors.has(id) ? [graph.card(actors.get(id)!)] : [])),
          count: group.actors.length,
          postId: post ? post.id : null,
          thumbnail: post?.photos[0] ?? null,
          text: group.commentId === null ? null : (texts.get(group.commentId) ?? null),
          read: group.read,
          at: group.at,
        };
      });
      const more = rows.length > NOTIFICATION_SCAN || groups.size === limit;
      return { groups: groupsShown, cursor: more && last !== null ? last : null };
    },

    async unread(accountId: number): Promise<number> {
      return count('SELECT COUNT(*) AS n FROM handset_cloutgram_notifications WHERE recipient_id = ? AND is_read = 0', [accountId]);
    },

    /** Unread likes of one post: more than one means a burst already announced. */
    async unreadLikes(accountId: number, postId: number): Promise<number> {
      return count("SELECT COUNT(*) AS n FROM handset_cloutgram_notifications WHERE recipient_id = ? AND is_read = 0 AND kind = 'like' AND post_id = ?", [accountId, postId]);
    },

    async markRead(me: SocialAccount): Promise<void> {
      await db.run('UPDATE handset_cloutgram_notifications SET is_read = 1 WHERE recipient_id = ? AND is_read = 0', [me.id]);
    },

    /** Changes the caller's profile; a change of privacy is kept on their posts and stories too. */
    async update(me: SocialAccount, input: Parameters<typeof graph.update>[1]): Promise<SocialAccount> {
      const account = await graph.update(me, input);
      if (input.private !== undefined) {
        await db.batch([
          { sql: 'UPDATE handset_cloutgram_posts SET author_private = ? WHERE author_id = ?', values: [input.private ? 1 : 0, me.id] },
          { sql: 'UPDATE handset_cloutgram_stories SET author_private = ? WHERE author_id = ?', values: [input.private ? 1 : 0, me.id] },
        ]);
      }
      return account;
    },
  };
}

export type CloutgramService = ReturnType<typeof createCloutgramService>;
