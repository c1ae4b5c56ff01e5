import type { z } from 'zod';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { RateLimiter } from '@handset/sdk/server';
import { DatabaseError, type Database } from '@handset/sdk/server/database';
import { createSocialGraph, placeholders, type SocialAccount } from '@handset/sdk/server/social';
import type {
  AccountCard,
  AccountPage,
  claimSchema,
  createPostSchema,
  FeedItem,
  FeedPage,
  NotificationGroup,
  NotificationKind,
  NotificationPage,
  Post,
  PostPart,
  Profile,
  QuotedPost,
  Relation,
  reportSchema,
  Thread,
  Trend,
  TweederSettings as PlayerSettings,
  updateProfileSchema,
} from '../contract';
import type { TweederSettings } from './tweeder.settings';

interface PostRow extends Record<string, unknown> {
  id: number | string;
  author_id: number | string;
  top: number | boolean;
  text: string;
  photos: string;
  reply_to: number | string | null;
  quote_of: number | string | null;
  repost_of: number | string | null;
  likes: number | string;
  reposts: number | string;
  replies: number | string;
  deleted_at: number | string | null;
  created_at: number | string;
}

/** An account as the service passes it around: the social graph's, with Tweeder's pinned post and notification switches. */
export interface Account extends SocialAccount {
  pinnedPostId: number | null;
  notify: PlayerSettings['notify'];
}

/** A stored post row, before it is shown to anyone. */
export interface StoredPost {
  id: number;
  authorId: number;
  top: boolean;
  text: string;
  photos: string[];
  replyTo: number | null;
  quoteOf: number | null;
  repostOf: number | null;
  likes: number;
  reposts: number;
  replies: number;
  deleted: boolean;
  createdAt: number;
}

/** What a veto hook sees of a post before it is stored. */
export interface PostDraft {
  handle: string;
  text: string;
  photos: string[];
  replyTo: number | null;
  quote: number | null;
}

const POST_COLUMNS = 'id, author_id, top, text, photos, reply_to, quote_of, repost_of, likes, reposts, replies, deleted_at, created_at';
const ALL_NOTIFY: PlayerSettings['notify'] = { likes: true, reposts: true, replies: true, mentions: true, follows: true };
const MAX_TERMS = 20;
const NOTIFICATION_SCAN = 200;
const TRENDS_FOR_MS = 60_000;
const hourOf = (at: number) => Math.floor(at / 3_600_000);

const num = (value: unknown) => Number(value);
const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** The player's notification switches as stored (JSON; NULL or unreadable: all on). */
function notifyOf(stored: unknown): PlayerSettings['notify'] {
  try {
    if (typeof stored === 'string') return { ...ALL_NOTIFY, ...(JSON.parse(stored) as Partial<PlayerSettings['notify']>) };
  } catch {
    // A value that no longer reads is the default.
  }
  return ALL_NOTIFY;
}

function toPost(row: PostRow): StoredPost {
  return {
    id: num(row.id),
    authorId: num(row.author_id),
    top: Boolean(num(row.top)),
    text: row.text,
    photos: JSON.parse(row.photos) as string[],
    replyTo: numOrNull(row.reply_to),
    quoteOf: numOrNull(row.quote_of),
    repostOf: numOrNull(row.repost_of),
    likes: num(row.likes),
    reposts: num(row.reposts),
    replies: num(row.replies),
    deleted: row.deleted_at !== null,
    createdAt: num(row.created_at),
  };
}


const MENTION = /@([A-Za-z0-9_]{1,24})/g;
const HASHTAG = /#([\p{L}\p{N}_]{1,50})/gu;
const TOKEN = /(@[A-Za-z0-9_]{1,24}|#[\p{L}\p{N}_]{1,50})/u;

/** The lower-case handles a text mentions. */
export const mentionsIn = (text: string) => [...new Set([...text.matchAll(MENTION)].map((match) => match[1]!.toLowerCase()))];
/** The lower-case hashtags of a text, without `#`. */
export const hashtagsIn = (text: string) => [...new Set([...text.matchAll(HASHTAG)].map((match) => match[1]!.toLowerCase()))];
/** The lower-case words of a text that search finds it by. */
const wordsIn = (text: string) =>
  [...new Set(text.toLowerCase().replace(/[@#]\S*/g, ' ').split(/[^\p{L}\p{N}_]+/u).filter((word) => word.length >= 3 && word.length <= 50))];

/** A text in pieces: mentions of existing accounts and hashtags as links, the rest as it is. */
export function partsOf(text: string, existing: ReadonlySet<string>): PostPart[] {
  const parts: PostPart[] = [];
  for (const piece of text.split(TOKEN)) {
    if (piece === '') continue;
    const last = parts.at(-1);
    if (piece.startsWith('@') && existing.has(piece.slice(1).toLowerCase())) parts.push({ text: piece, mention: piece.slice(1).toLowerCase() });
    else if (piece.startsWith('#') && /^#[\p{L}\p{N}_]{1,50}$/u.test(piece)) parts.push({ text: piece, hashtag: piece.slice(1).toLowerCase() });
    else if (last && !('mention' in last) && !('hashtag' in last)) last.text += piece;
    else parts.push({ text: piece });
  }
  return parts;
}

export interface TweederServiceOptions {
  db: Database;
  settings: TweederSettings;
  imageAllowed(url: string): boolean;
  now?: () => number;
}

/**
 * Tweeder's rules, per account. Every read is as a viewer: an account blocked either way, a private account the
 * viewer does not follow, a deleted post, and a post of any of those answer NOT_FOUND exactly as a missing one.
 */
export function createTweederService({ db, settings, imageAllowed, now = Date.now }: TweederServiceOptions) {
  const postLimiter = new RateLimiter(settings.postsPerMinute / 60, settings.postsPerMinute, now);
  const reportLimiter = new RateLimiter(settings.reportsPerHour / 3600, settings.reportsPerHour, now);
  let trending: { at: number; trends: Trend[] } | null = null;
  const vetoes: ((draft: PostDraft) => unknown)[] = [];

  const graph = createSocialGraph({
    db,
    app: 'tweeder',
    label: 'Tweeder',
    rules: settings,
    imageAllowed,
    accountExtra: { columns: ['pinned_post_id', 'notify'], read: (row) => ({ pinnedPostId: numOrNull(row.pinned_post_id), notify: notifyOf(row.notify) }) },
    now,
  });
  const { card, refuseBanned, checkImage, blockedBetween, relationsOf, hiddenAmong, closedAmong, visibleAccount, readable } = graph;

  // Accounts

  const { accountById, accountByHandle, accountsByIds, accountOfPhone } = graph;

  /** The caller's account; FORBIDDEN until they claim a handle. */
  const mine = async (phoneId: number) => {
    const account = await accountOfPhone(phoneId);
    if (!account) throw new HandsetError('FORBIDDEN', 'choose a Tweeder handle first');
    return account;
  };

  const profileOf = async (viewer: number, account: Account): Promise<Profile> => {
    const [{ followers, following }, [posts]] = await Promise.all([
      graph.counts(account.id),
      db.select<{ n: number }>('SELECT COUNT(*) AS n FROM handset_tweeder_posts WHERE author_id = ? AND deleted_at IS NULL', [account.id]),
    ]);
    const relation = (await relationsOf(viewer, [account.id])).get(account.id)!;
    const me = viewer === account.id;
    return {
      ...card(account),
      bio: account.bio,
      private: account.private,
      followers,
      following,
      posts: num(posts!.n),
      pinnedPostId: account.pinnedPostId,
      me,
      relation,
      visible: me || !account.private || relation.following === 'yes',
      createdAt: account.createdAt,
    };
  };

  // Posts

  const postsWhere = async (where: string, values: unknown[]) =>
    (await db.select<PostRow>(`SELECT ${POST_COLUMNS} FROM handset_tweeder_posts WHERE ${where}`, values)).map(toPost);
  const postById = async (id: number) => (await postsWhere('id = ?', [id]))[0] ?? null;
  const postsByIds = async (ids: number[]) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map<number, StoredPost>();
    return new Map((await postsWhere(`id IN (${placeholders(unique.length)})`, unique)).map((post) => [post.id, post]));
  };

  /**
   * Posts as `viewer` sees them, in the order given; those `viewer` may not read are left out. The quoted posts,
   * the replied-to handles, the viewer's likes and reposts and the mentioned accounts are read in one query each.
   */
  const present = async (viewer: number, posts: StoredPost[]): Promise<Map<number, Post>> => {
    const live = posts.filter((post) => !post.deleted);
    const quoted = await postsByIds(live.flatMap((post) => (post.quoteOf === null ? [] : [post.quoteOf])));
    const parents = await postsByIds(live.flatMap((post) => (post.replyTo === null ? [] : [post.replyTo])));
    const authors = await accountsByIds([...live, ...quoted.values(), ...parents.values()].map((post) => post.authorId));
    const hidden = await hiddenAmong(viewer, [...authors.keys()]);
    const closed = await closedAmong(viewer, [...authors.values()]);
    const shown = (post: StoredPost | undefined) => post !== undefined && !post.deleted && !hidden.has(post.authorId) && !closed.has(post.authorId);
    const ids = live.map((post) => post.id);
    const liked = new Set<number>();
    const reposted = new Set<number>();
    if (ids.length > 0) {
      const list = placeholders(ids.length);
      for (const row of await db.select<{ post_id: number }>(`SELECT post_id FROM handset_tweeder_likes WHERE account_id = ? AND post_id IN (${list})`, [viewer, ...ids])) {
        liked.add(num(row.post_id));
      }
      for (const row of await db.select<{ repost_of: number }>(
        `SELECT repost_of FROM handset_tweeder_posts WHERE author_id = ? AND deleted_at IS NULL AND repost_of IN (${list})`,
        [viewer, ...ids],
      )) {
        reposted.add(num(row.repost_of));
      }
    }
    const texts = [...live, ...quoted.values()].map((post) => post.text);
    const mentioned = [...new Set(texts.flatMap(mentionsIn))];
    const existing = new Set(
      mentioned.length === 0
        ? []
        : (await db.select<{ handle_key: string }>(`SELECT handle_key FROM handset_tweeder_accounts WHERE handle_key IN (${placeholders(mentioned.length)})`, mentioned)).map(
            (row) => row.handle_key,
          ),
    );
    const pinned = new Set([...authors.values()].map((account) => account.pinnedPostId));
    const result = new Map<number, Post>();
    for (const post of live) {
      if (!shown(post)) continue;
      const quote = post.quoteOf === null ? null : quoted.get(post.quoteOf);
      const parent = post.replyTo === null ? undefined : parents.get(post.replyTo);
      result.set(post.id, {
        id: post.id,
        author: card(authors.get(post.authorId)!),
        text: post.text,
        parts: partsOf(post.text, existing),
        photos: post.photos,
        replyTo: post.replyTo === null ? null : { id: post.replyTo, handle: shown(parent) ? authors.get(parent!.authorId)!.handle : null },
        quote:
          post.quoteOf === null
            ? null
            : shown(quote ?? undefined)
              ? ({
                  id: quote!.id,
                  author: card(authors.get(quote!.authorId)!),
                  text: quote!.text,
                  parts: partsOf(quote!.text, existing),
                  photos: quote!.photos,
                  createdAt: quote!.createdAt,
                } satisfies QuotedPost)
              : { id: post.quoteOf, unavailable: true },
        likes: post.likes,
        reposts: post.reposts,
        replies: post.replies,
        liked: liked.has(post.id),
        reposted: reposted.has(post.id),
        pinned: pinned.has(post.id),
        createdAt: post.createdAt,
      });
    }
    return result;
  };

  /** A post `viewer` may read, shown; NOT_FOUND otherwise. */
  const visiblePost = async (viewer: number, id: number) => {
    const stored = await postById(id);
    const post = stored && stored.repostOf === null ? (await present(viewer, [stored])).get(id) : undefined;
    if (!stored || !post) throw new HandsetError('NOT_FOUND', `no post ${id}`);
    return { stored, post };
  };

  /** Feed rows as items: a repost shows its original with who reposted it; rows whose post is hidden are left out. */
  const itemsOf = async (viewer: number, rows: StoredPost[]): Promise<FeedItem[]> => {
    const originals = await postsByIds(rows.flatMap((row) => (row.repostOf === null ? [] : [row.repostOf])));
    const shown = await present(viewer, [...rows.filter((row) => row.repostOf === null), ...originals.values()]);
    const reposters = await accountsByIds(rows.filter((row) => row.repostOf !== null).map((row) => row.authorId));
    return rows.flatMap((row) => {
      const post = shown.get(row.repostOf ?? row.id);
      if (!post || row.deleted) return [];
      return [{ id: row.id, post, repostedBy: row.repostOf === null ? null : card(reposters.get(row.authorId)!) }];
    });
  };

  /** One page of feed rows, newest first: `where` narrows them; hidden authors (blocked, private, muted) are left out in SQL. */
  const feedPage = async (viewer: number, where: string, values: unknown[], cursor: number | undefined, limit: number, muted: boolean): Promise<FeedPage> => {
    const conditions = [
      where,
      'p.deleted_at IS NULL',
      ...graph.readableSql('p'),
      // Always a range on the key, the first page's too: with nothing to start from, MariaDB drove from the accounts (1.3 s at 500,000 posts).
      'p.id < ?',
    ];
    const params = [...values, viewer, viewer, viewer, viewer, cursor ?? Number.MAX_SAFE_INTEGER];
    if (muted) (conditions.push(graph.unmutedSql('p')), params.push(viewer));
    const rows = (
      await db.select<PostRow>(`SELECT ${POST_COLUMNS.split(', ').map((column) => `p.${column}`).join(', ')} FROM handset_tweeder_posts p WHERE ${conditions.join(' AND ')} ORDER BY p.id DESC LIMIT ?`, [
        ...params,
        limit + 1,
      ])
    ).map(toPost);
    const page = rows.slice(0, limit);
    return { items: await itemsOf(viewer, page), cursor: rows.length > limit ? page.at(-1)!.id : null };
  };

  // Notifications

  const notifyRow = async (recipient: number, kind: NotificationKind, actor: number, postId: number | null) => {
    if (recipient === actor) return false;
    if (await blockedBetween(recipient, actor)) return false;
    await db.batch([
      { sql: 'INSERT INTO handset_tweeder_notifications (recipient_id, kind, actor_id, post_id, created_at) VALUES (?, ?, ?, ?, ?)', values: [recipient, kind, actor, postId, now()] },
      // The account keeps its newest maxNotifications: the one past them goes (an indexed read of the account's own).
      {
        sql: `DELETE FROM handset_tweeder_notifications WHERE recipient_id = ? AND id <= (
                SELECT id FROM (SELECT id FROM handset_tweeder_notifications WHERE recipient_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?) AS oldest)`,
        values: [recipient, recipient, settings.maxNotifications],
      },
    ]);
    return true;
  };

  const repliesOf = async (viewer: number, id: number, cursor: number | undefined, limit: number): Promise<{ replies: Post[]; cursor: number | null }> => {
    await visiblePost(viewer, id);
    const rows = await postsWhere(`reply_to = ? AND deleted_at IS NULL${cursor === undefined ? '' : ' AND id > ?'} ORDER BY id LIMIT ?`, cursor === undefined ? [id, limit + 1] : [id, cursor, limit + 1]);
    const page = rows.slice(0, limit);
    const shown = await present(viewer, page);
    return { replies: page.flatMap((row) => shown.get(row.id) ?? []), cursor: rows.length > limit ? page.at(-1)!.id : null };
  };

  /** Adds `by` to the hashtag's count in the hour of `at`. */
  const countTag = (tag: string, at: number, by: 1 | -1) =>
    by < 0
      ? db.run('UPDATE handset_tweeder_trends SET posts = posts - 1 WHERE hour = ? AND tag = ? AND posts > 0', [hourOf(at), tag])
      : db.run(
          db.dialect === 'sqlite'
            ? 'INSERT INTO handset_tweeder_trends (hour, tag, posts) VALUES (?, ?, 1) ON CONFLICT (hour, tag) DO UPDATE SET posts = posts + 1'
            : 'INSERT INTO handset_tweeder_trends (hour, tag, posts) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE posts = posts + 1',
          [hourOf(at), tag],
        );

  const terms = (post: { id: number; text: string; createdAt: number }) => [
    ...hashtagsIn(post.text).slice(0, MAX_TERMS).map((term) => [term, true] as const),
    ...wordsIn(post.text).slice(0, MAX_TERMS).map((term) => [term, false] as const),
  ];

  return {
    settings,
    graph,

    /** A hook other resources register: it may refuse a post (a string is the reason the player sees). */
    addVeto(hook: (draft: PostDraft) => unknown) {
      vetoes.push(hook);
    },

    accountOfPhone,
    mine,
    accountById,
    accountByHandle,
    profileOf,
    present,
    postById,
    relationsOf,
    hiddenAmong,
    itemsFor: itemsOf,

    mutersOf: graph.mutersOf,

    async me(phoneId: number): Promise<Profile | null> {
      const account = await accountOfPhone(phoneId);
      return account && profileOf(account.id, account);
    },

    /** Claims `handle` for the phone's character (or a server account when `phoneId` is null). */
    claim: (phoneId: number | null, input: z.output<typeof claimSchema>): Promise<Account> => graph.claim(phoneId, input),

    async update(account: Account, input: z.output<typeof updateProfileSchema>): Promise<Account> {
      const updated = await graph.update(account, input);
      if (input.private !== undefined) await db.run('UPDATE handset_tweeder_posts SET author_private = ? WHERE author_id = ?', [input.private ? 1 : 0, account.id]);
      return updated;
    },

    async profile(viewer: number, by: { id: number } | { handle: string }): Promise<Profile> {
      const account = 'id' in by ? await accountById(by.id) : await accountByHandle(by.handle);
      const what = 'id' in by ? String(by.id) : `@${by.handle}`;
      if (!account || (await blockedBetween(viewer, account.id))) throw new HandsetError('NOT_FOUND', `no account ${what}`);
      return profileOf(viewer, account);
    },

    async profilePosts(viewer: number, { id, tab, cursor, limit }: { id: number; tab: 'posts' | 'replies' | 'media' | 'likes'; cursor?: number; limit: number }): Promise<FeedPage> {
      const account = await visibleAccount(viewer, id);
      if (!(await readable(viewer, account))) return { items: [], cursor: null };
      if (tab === 'likes') {
        const rows = await db.select<{ id: number; post_id: number }>(
          `SELECT id, post_id FROM handset_tweeder_likes WHERE account_id = ?${cursor === undefined ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
          cursor === undefined ? [id, limit + 1] : [id, cursor, limit + 1],
        );
        const page = rows.slice(0, limit);
        const stored = await postsByIds(page.map((row) => num(row.post_id)));
        const shown = await present(viewer, [...stored.values()]);
        return {
          items: page.flatMap((row) => {
            const post = shown.get(num(row.post_id));
            return post ? [{ id: num(row.id), post, repostedBy: null }] : [];
          }),
          cursor: rows.length > limit ? num(page.at(-1)!.id) : null,
        };
      }
      const where = tab === 'posts' ? 'p.author_id = ? AND p.top = 1' : tab === 'replies' ? 'p.author_id = ? AND p.top = 0' : 'p.author_id = ? AND p.has_media = 1';
      return feedPage(viewer, where, [id], cursor, limit, false);
    },

    /** `me` followed `id` or asked to: its owner's notification is stored; answers whether it was. */
    followed: (me: Account, id: number, asked: 'follow' | 'request') => notifyRow(id, asked, me.id, null),

    /** Posts and reposts of the accounts `me` follows, and their own. */
    followingFeed: (me: Account, cursor: number | undefined, limit: number) =>
      feedPage(
        me.id,
        'p.top = 1 AND (p.author_id = ? OR p.author_id IN (SELECT followee_id FROM handset_tweeder_follows WHERE follower_id = ? AND accepted = 1))',
        [me.id, me.id],
        cursor,
        limit,
        true,
      ),

    latestFeed: (me: Account, cursor: number | undefined, limit: number) => feedPage(me.id, 'p.top = 1', [], cursor, limit, true),

    hashtag: (me: Account, tag: string, cursor: number | undefined, limit: number) =>
      feedPage(me.id, 'p.id IN (SELECT post_id FROM handset_tweeder_terms WHERE term = ? AND is_tag = 1)', [tag.replace(/^#/, '').toLowerCase()], cursor, limit, true),

    searchPosts: (me: Account, query: string, cursor: number | undefined, limit: number) => {
      const term = query.trim().replace(/^#/, '').toLowerCase().split(/\s+/)[0]!;
      return feedPage(me.id, 'p.id IN (SELECT post_id FROM handset_tweeder_terms WHERE term = ?)', [term], cursor, limit, true);
    },

    /** The window's top hashtags from the hourly counts, read at most once a minute. */
    async trends(): Promise<Trend[]> {
      const at = now();
      if (trending && at - trending.at < TRENDS_FOR_MS) return trending.trends;
      const since = hourOf(at) - settings.trendingHours + 1;
      // Hours past every window are let go here, once a minute at most.
      await db.run('DELETE FROM handset_tweeder_trends WHERE hour < ?', [since]);
      const rows = await db.select<{ tag: string; n: number }>(
        'SELECT tag, SUM(posts) AS n FROM handset_tweeder_trends WHERE hour >= ? GROUP BY tag HAVING SUM(posts) > 0 ORDER BY n DESC, tag LIMIT 10',
        [since],
      );
      trending = { at, trends: rows.map((row) => ({ tag: row.tag, posts: num(row.n) })) };
      return trending.trends;
    },

    /**
     * Stores a post, reply or quote of `author` (a player's or a server account); a retried create with the same
     * client id answers the first. Answers the stored post and whom to notify.
     */
    async create(author: Account, input: z.output<typeof createPostSchema>, limited = true): Promise<{ stored: StoredPost; created: boolean; notices: [number, NotificationKind][] }> {
      if (input.clientId) {
        const [earlier] = await postsWhere('author_id = ? AND client_id = ?', [author.id, input.clientId]);
        if (earlier) return { stored: earlier, created: false, notices: [] };
      }
      const text = input.text.trim();
      if (text === '' && input.photos.length === 0) throw new HandsetError('INVALID_INPUT', 'write something or add a photo');
      if ([...text].length > settings.maxLength) throw new HandsetError('INVALID_INPUT', `a post is at most ${settings.maxLength} characters`);
      refuseBanned(text, 'the post');
      input.photos.forEach(checkImage);
      const parent = input.replyTo === undefined ? null : await visiblePost(author.id, input.replyTo);
      const quoted = input.quote === undefined ? null : await visiblePost(author.id, input.quote);
      for (const veto of vetoes) {
        const reason = await Promise.race([
          Promise.resolve()
            .then(() => veto({ handle: author.handle, text, photos: input.photos, replyTo: input.replyTo ?? null, quote: input.quote ?? null }))
            .catch((error: unknown) => (console.warn(`Handset tweeder: a post veto hook failed: ${String(error)}`), undefined)),
          new Promise((resolve) => setTimeout(resolve, 500)),
        ]);
        if (typeof reason === 'string' && reason !== '') throw new HandsetError('INVALID_INPUT', reason.slice(0, 200));
        if (reason === false) throw new HandsetError('INVALID_INPUT', 'this post was refused');
      }
      const [count] = await db.select<{ n: number }>('SELECT COUNT(*) AS n FROM handset_tweeder_posts WHERE author_id = ? AND deleted_at IS NULL', [author.id]);
      if (num(count!.n) >= settings.maxPosts) throw new HandsetError('QUOTA_EXCEEDED', `an account keeps at most ${settings.maxPosts} posts`);
      if (limited && !postLimiter.take(String(author.id))) throw new HandsetError('RATE_LIMITED', `at most ${settings.postsPerMinute} posts a minute`);
      const createdAt = now();
      let id: number;
      try {
        ({ insertId: id } = await db.run(
          'INSERT INTO handset_tweeder_posts (author_id, top, text, photos, has_media, author_private, reply_to, quote_of, client_id, created_at) VALUES (?, ?, ?, ?, ?, (SELECT is_private FROM handset_tweeder_accounts WHERE id = ?), ?, ?, ?, ?)',
          [author.id, parent ? 0 : 1, text, JSON.stringify(input.photos), input.photos.length > 0 ? 1 : 0, author.id, parent?.stored.id ?? null, quoted?.stored.id ?? null, input.clientId ?? null, createdAt],
        ));
      } catch (error) {
        // The same client id raced in: the first one stands.
        if (error instanceof DatabaseError && error.kind === 'unique_violation' && input.clientId) {
          return { stored: (await postsWhere('author_id = ? AND client_id = ?', [author.id, input.clientId]))[0]!, created: false, notices: [] };
        }
        throw error;
      }
      for (const [term, tag] of terms({ id, text, createdAt })) {
        await db.run('INSERT INTO handset_tweeder_terms (term, post_id, is_tag, created_at) VALUES (?, ?, ?, ?)', [term, id, tag ? 1 : 0, createdAt]);
        if (tag) await countTag(term, createdAt, 1);
      }
      const notices: [number, NotificationKind][] = [];
      if (parent) {
        await db.run('UPDATE handset_tweeder_posts SET replies = replies + 1 WHERE id = ?', [parent.stored.id]);
        if (await notifyRow(parent.stored.authorId, 'reply', author.id, id)) notices.push([parent.stored.authorId, 'reply']);
      }
      if (quoted && (await notifyRow(quoted.stored.authorId, 'quote', author.id, id))) notices.push([quoted.stored.authorId, 'quote']);
      const mentioned = mentionsIn(text);
      if (mentioned.length > 0) {
        const accounts = await db.select<{ id: number }>(`SELECT id FROM handset_tweeder_accounts WHERE handle_key IN (${placeholders(mentioned.length)})`, mentioned);
        for (const account of accounts.map((row) => ({ id: num(row.id) }))) {
          if (notices.some(([recipient]) => recipient === account.id)) continue;
          if (await notifyRow(account.id, 'mention', author.id, id)) notices.push([account.id, 'mention']);
        }
      }
      return { stored: (await postById(id))!, created: true, notices };
    },

    async thread(viewer: number, id: number, limit: number): Promise<Thread> {
      const { stored, post } = await visiblePost(viewer, id);
      const ancestors: StoredPost[] = [];
      for (let parentId = stored.replyTo, depth = 0; parentId !== null && depth < 20; depth++) {
        const parent = await postById(parentId);
        if (!parent) break;
        ancestors.unshift(parent);
        parentId = parent.replyTo;
      }
      const shown = await present(viewer, ancestors);
      const replies = await repliesOf(viewer, id, undefined, limit);
      return { ancestors: ancestors.flatMap((ancestor) => shown.get(ancestor.id) ?? []), post, ...replies };
    },

    replies: repliesOf,

    async like(me: Account, id: number, liked: boolean): Promise<{ post: Post; notify: boolean }> {
      const { stored } = await visiblePost(me.id, id);
      let notify = false;
      if (liked) {
        try {
          await db.run('INSERT INTO handset_tweeder_likes (account_id, post_id, created_at) VALUES (?, ?, ?)', [me.id, id, now()]);
          await db.run('UPDATE handset_tweeder_posts SET likes = likes + 1 WHERE id = ?', [id]);
          notify = await notifyRow(stored.authorId, 'like', me.id, id);
        } catch (error) {
          if (!(error instanceof DatabaseError && error.kind === 'unique_violation')) throw error;
        }
      } else if ((await db.run('DELETE FROM handset_tweeder_likes WHERE account_id = ? AND post_id = ?', [me.id, id])).affectedRows > 0) {
        await db.run('UPDATE handset_tweeder_posts SET likes = likes - 1 WHERE id = ?', [id]);
      }
      return { post: (await visiblePost(me.id, id)).post, notify: notify && stored.authorId !== me.id };
    },

    /** Reposts `id` (a row of its own in feeds), or takes the repost back; answers the original and the row's change. */
    async repost(me: Account, id: number, reposted: boolean): Promise<{ post: Post; row: StoredPost | null; removed: number | null; notify: boolean }> {
      const { stored } = await visiblePost(me.id, id);
      const [existing] = await postsWhere('author_id = ? AND repost_of = ? AND deleted_at IS NULL', [me.id, id]);
      let row: StoredPost | null = null;
      let removed: number | null = null;
      let notify = false;
      if (reposted && !existing) {
        if (!postLimiter.take(String(me.id))) throw new HandsetError('RATE_LIMITED', `at most ${settings.postsPerMinute} posts a minute`);
        const { insertId } = await db.run('INSERT INTO handset_tweeder_posts (author_id, top, repost_of, author_private, created_at) VALUES (?, 1, ?, (SELECT is_private FROM handset_tweeder_accounts WHERE id = ?), ?)', [me.id, id, me.id, now()]);
        await db.run('UPDATE handset_tweeder_posts SET reposts = reposts + 1 WHERE id = ?', [id]);
        row = await postById(insertId);
        notify = await notifyRow(stored.authorId, 'repost', me.id, id);
      } else if (!reposted && existing) {
        await db.run('UPDATE handset_tweeder_posts SET deleted_at = ? WHERE id = ?', [now(), existing.id]);
        await db.run('UPDATE handset_tweeder_posts SET reposts = reposts - 1 WHERE id = ?', [id]);
        removed = existing.id;
      }
      return { post: (await visiblePost(me.id, id)).post, row, removed, notify };
    },

    async pin(me: Account, id: number | null): Promise<void> {
      if (id !== null) {
        const post = await postById(id);
        if (!post || post.deleted || post.authorId !== me.id || post.repostOf !== null) throw new HandsetError('NOT_FOUND', `no post ${id} of yours`);
      }
      await db.run('UPDATE handset_tweeder_accounts SET pinned_post_id = ? WHERE id = ?', [id, me.id]);
    },

    /** Soft-deletes a post (its reposts go with it); `authorId` null: any author's (the server owner's export). Answers the feed rows gone. */
    async remove(authorId: number | null, id: number): Promise<StoredPost & { rows: number[] }> {
      const post = await postById(id);
      if (!post || post.deleted || (authorId !== null && post.authorId !== authorId)) throw new HandsetError('NOT_FOUND', `no post ${id}${authorId === null ? '' : ' of yours'}`);
      const at = now();
      await db.run('UPDATE handset_tweeder_posts SET deleted_at = ? WHERE id = ?', [at, id]);
      const reposts = await postsWhere('repost_of = ? AND deleted_at IS NULL', [id]);
      if (reposts.length > 0) await db.run('UPDATE handset_tweeder_posts SET deleted_at = ? WHERE repost_of = ? AND deleted_at IS NULL', [at, id]);
      if (post.replyTo !== null) await db.run('UPDATE handset_tweeder_posts SET replies = replies - 1 WHERE id = ? AND replies > 0', [post.replyTo]);
      if (post.repostOf !== null) await db.run('UPDATE handset_tweeder_posts SET reposts = reposts - 1 WHERE id = ? AND reposts > 0', [post.repostOf]);
      await db.run('UPDATE handset_tweeder_accounts SET pinned_post_id = NULL WHERE pinned_post_id = ?', [id]);
      for (const tag of hashtagsIn(post.text).slice(0, MAX_TERMS)) await countTag(tag, post.createdAt, -1);
      return { ...post, rows: [id, ...reposts.map((repost) => repost.id)] };
    },

    async likedBy(viewer: number, { id, cursor, limit }: { id: number; cursor?: number; limit: number }): Promise<AccountPage> {
      await visiblePost(viewer, id);
      const rows = await db.select<{ id: number; account_id: number }>(
        `SELECT id, account_id FROM handset_tweeder_likes WHERE post_id = ?${cursor === undefined ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
        cursor === undefined ? [id, limit + 1] : [id, cursor, limit + 1],
      );
      const page = rows.slice(0, limit);
      const shown = await graph.accountPage(viewer, page.map((row) => num(row.account_id)), false);
      return { accounts: shown.accounts, cursor: rows.length > limit ? num(page.at(-1)!.id) : null };
    },

    async report(me: Account, input: z.output<typeof reportSchema>): Promise<{ reporter: Account; post: StoredPost | null; account: Account }> {
      const post = input.postId === undefined ? null : (await visiblePost(me.id, input.postId)).stored;
      const account = post ? (await accountById(post.authorId))! : await accountById(input.accountId!);
      if (!account) throw new HandsetError('NOT_FOUND', `no account ${input.accountId}`);
      if (!reportLimiter.take(String(me.id))) throw new HandsetError('RATE_LIMITED', `at most ${settings.reportsPerHour} reports an hour`);
      await db.run('INSERT INTO handset_tweeder_reports (reporter_id, post_id, account_id, reason, details, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        me.id,
        post?.id ?? null,
        account.id,
        input.reason,
        input.details,
        now(),
      ]);
      return { reporter: me, post, account };
    },

    /** Notifications grouped as players read them: per kind and post for likes, reposts and follows; one each otherwise. */
    async notifications(me: Account, { cursor, limit }: { cursor?: number; limit: number }): Promise<NotificationPage> {
      const rows = await db.select<{ id: number; kind: NotificationKind; actor_id: number; post_id: number | null; is_read: number; created_at: number }>(
        `SELECT id, kind, actor_id, post_id, is_read, created_at FROM handset_tweeder_notifications WHERE recipient_id = ?${cursor === undefined ? '' : ' AND id < ?'} ORDER BY id DESC LIMIT ?`,
        cursor === undefined ? [me.id, NOTIFICATION_SCAN + 1] : [me.id, cursor, NOTIFICATION_SCAN + 1],
      );
      const scanned = rows.slice(0, NOTIFICATION_SCAN);
      const hidden = await hiddenAmong(me.id, scanned.map((row) => num(row.actor_id)));
      const groups = new Map<string, { id: number; kind: NotificationKind; actors: number[]; postId: number | null; read: boolean; at: number }>();
      let last: number | null = null;
      for (const row of scanned) {
        if (hidden.has(num(row.actor_id))) continue;
        const grouped = ['like', 'repost', 'follow', 'request'].includes(row.kind);
        const key = grouped ? `${row.kind}:${row.post_id ?? ''}` : `${row.kind}:${row.id}`;
        const group = groups.get(key);
        if (group) {
          if (!group.actors.includes(num(row.actor_id))) group.actors.push(num(row.actor_id));
          group.read &&= Boolean(num(row.is_read));
          continue;
        }
        if (groups.size === limit) break;
        groups.set(key, { id: num(row.id), kind: row.kind, actors: [num(row.actor_id)], postId: numOrNull(row.post_id), read: Boolean(num(row.is_read)), at: num(row.created_at) });
        last = num(row.id);
      }
      const actors = await accountsByIds([...groups.values()].flatMap((group) => group.actors.slice(0, 3)));
      const posts = await postsByIds([...groups.values()].flatMap((group) => (group.postId === null ? [] : [group.postId])));
      const shown = await present(me.id, [...posts.values()]);
      const result: NotificationGroup[] = [...groups.values()].map((group) => ({
        id: group.id,
        kind: group.kind,
        actors: group.actors.slice(0, 3).flatMap((id) => (actors.has(id) ? [card(actors.get(id)!)] : [])),
        count: group.actors.length,
        post: group.postId === null ? null : (shown.get(group.postId) ?? null),
        read: group.read,
        at: group.at,
      }));
      const more = rows.length > NOTIFICATION_SCAN || groups.size === limit;
      return { groups: result, cursor: more && last !== null ? last : null };
    },

    async unread(accountId: number): Promise<number> {
      const [row] = await db.select<{ n: number }>('SELECT COUNT(*) AS n FROM handset_tweeder_notifications WHERE recipient_id = ? AND is_read = 0', [accountId]);
      return num(row!.n);
    },

    /** Unread notifications of `kind` about `postId`: more than one means a burst already announced. */
    async unreadAbout(accountId: number, kind: NotificationKind, postId: number): Promise<number> {
      const [row] = await db.select<{ n: number }>(
        'SELECT COUNT(*) AS n FROM handset_tweeder_notifications WHERE recipient_id = ? AND is_read = 0 AND kind = ? AND post_id = ?',
        [accountId, kind, postId],
      );
      return num(row!.n);
    },

    async markRead(me: Account): Promise<void> {
      await db.run('UPDATE handset_tweeder_notifications SET is_read = 1 WHERE recipient_id = ? AND is_read = 0', [me.id]);
    },

    async setNotify(me: Account, notify: PlayerSettings['notify']): Promise<PlayerSettings> {
      await db.run('UPDATE handset_tweeder_accounts SET notify = ? WHERE id = ?', [JSON.stringify(notify), me.id]);
      return { notify };
    },

    setVerified: graph.setVerified,
  };
}

export type TweederService = ReturnType<typeof createTweederService>;
