import { z } from 'zod';
import { action, defineContract } from '../contract';
import { HandsetError } from '../protocol/errors';
import { autoIncrementId, caseSensitive, createTable, DatabaseError, type Database, type Dialect } from './database';
import type { ContractHandlers } from './index';

/**
 * An account of a social app as the server passes it around: one per character (a server account has no phone).
 *
 * @example
 * const account: SocialAccount = await graph.mine(phone.phoneId);
 */
export interface SocialAccount {
  id: number;
  phoneId: number | null;
  handle: string;
  displayName: string;
  avatar: string | null;
  bio: string;
  verified: boolean;
  private: boolean;
  createdAt: number;
}

/**
 * An account as a post, a list row or a notification shows it.
 *
 * @example
 * const shown: SocialCard = graph.card(account); // { id: 4, handle: 'ana', displayName: 'Ana', avatar: null, verified: false }
 */
export interface SocialCard {
  id: number;
  handle: string;
  displayName: string;
  avatar: string | null;
  verified: boolean;
  /** A server account with no phone (a news bot posting through an export). */
  bot: boolean;
}

/**
 * How the caller stands with an account; all false for the caller's own.
 *
 * @example
 * if (relation.following === 'requested') showPending();
 */
export interface SocialRelation {
  /** 'requested': the account is private and has not answered the caller's follow request yet. */
  following: 'no' | 'requested' | 'yes';
  followsYou: boolean;
  blocking: boolean;
  muting: boolean;
}

/**
 * One page of accounts, each with the caller's relation to it.
 *
 * @example
 * const page: SocialAccountPage = await graph.followers(viewer, { id: 4, limit: 20 });
 */
export interface SocialAccountPage {
  accounts: (SocialCard & { relation: SocialRelation })[];
  /** Pass back for the next page; null at the end. */
  cursor: number | null;
}

/**
 * The owner's limits and rules a graph enforces.
 *
 * @example
 * const rules: SocialRules = { handlePattern: /^[a-z0-9_.]{3,20}$/, maxFollows: 2000, maxBlocks: 1000, blacklist: ['slur'] };
 */
export interface SocialRules {
  /** What a handle must match, lower case. */
  handlePattern: RegExp;
  /** Accounts one account may follow, and block. */
  maxFollows: number;
  maxBlocks: number;
  /** Words refused in handles, names and bios, lower case. */
  blacklist: readonly string[];
}

/**
 * A social app's tables of accounts, follows, blocks and mutes (`handset_<app>_accounts`, `_follows`, `_blocks`, `_mutes`), with
 * `accountColumns` of the app's own added to its accounts. Accounts go with their phone; the rest with the account.
 *
 * @example
 * up: (dialect) => [...socialTables(dialect, 'cloutgram'), createTable(dialect, 'handset_cloutgram_posts', [...])]
 */
export function socialTables(dialect: Dialect, app: string, accountColumns: readonly string[] = []): string[] {
  const prefix = `handset_${app}`;
  const account = (column: string) => `FOREIGN KEY (${column}) REFERENCES ${prefix}_accounts (id) ON DELETE CASCADE`;
  return [
    createTable(dialect, `${prefix}_accounts`, [
      autoIncrementId(dialect),
      'phone_id BIGINT NULL UNIQUE',
      `handle VARCHAR(24)${caseSensitive(dialect)} NOT NULL`,
      // The handle in lower case: unique however it is written.
      `handle_key VARCHAR(24)${caseSensitive(dialect)} NOT NULL UNIQUE`,
      'display_name VARCHAR(30) NOT NULL',
      'avatar VARCHAR(500) NULL',
      "bio VARCHAR(160) NOT NULL DEFAULT ''",
      'verified TINYINT(1) NOT NULL DEFAULT 0',
      'is_private TINYINT(1) NOT NULL DEFAULT 0',
      ...accountColumns,
      'created_at BIGINT NOT NULL',
      'FOREIGN KEY (phone_id) REFERENCES handset_core_phones (id) ON DELETE CASCADE',
    ]),
    createTable(dialect, `${prefix}_follows`, [
      'follower_id BIGINT NOT NULL',
      'followee_id BIGINT NOT NULL',
      // 1 once accepted; 0 while a private account has not answered the request.
      'accepted TINYINT(1) NOT NULL',
      'created_at BIGINT NOT NULL',
      'PRIMARY KEY (follower_id, followee_id)',
      account('follower_id'),
      account('followee_id'),
    ]),
    `CREATE INDEX IF NOT EXISTS ${prefix}_follows_followee ON ${prefix}_follows (followee_id, accepted, follower_id)`,
    createTable(dialect, `${prefix}_blocks`, [
      'blocker_id BIGINT NOT NULL',
      'blocked_id BIGINT NOT NULL',
      'created_at BIGINT NOT NULL',
      'PRIMARY KEY (blocker_id, blocked_id)',
      account('blocker_id'),
      account('blocked_id'),
    ]),
    `CREATE INDEX IF NOT EXISTS ${prefix}_blocks_blocked ON ${prefix}_blocks (blocked_id, blocker_id)`,
    createTable(dialect, `${prefix}_mutes`, [
      'muter_id BIGINT NOT NULL',
      'muted_id BIGINT NOT NULL',
      'created_at BIGINT NOT NULL',
      'PRIMARY KEY (muter_id, muted_id)',
      account('muter_id'),
      account('muted_id'),
    ]),
  ];
}

interface AccountRow extends Record<string, unknown> {
  id: number | string;
  phone_id: number | string | null;
  handle: string;
  display_name: string;
  avatar: string | null;
  bio: string;
  verified: number | boolean;
  is_private: number | boolean;
  created_at: number | string;
}

const ACCOUNT_COLUMNS = 'id, phone_id, handle, display_name, avatar, bio, verified, is_private, created_at';
const num = (value: unknown) => Number(value);

/**
 * `?, ?, ?` for `count` values of an `IN (...)`.
 *
 * @example
 * db.select(`SELECT id FROM t WHERE id IN (${placeholders(ids.length)})`, ids);
 */
export const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/**
 * The accounts, follows (with requests for private accounts) and blocks of a social app on the tables of
 * {@link socialTables}. Every read is as a viewer: an account blocked either way answers NOT_FOUND exactly as a
 * missing one, and a private account's followers, following and posts are shown only to accepted followers.
 *
 * @example
 * const graph = createSocialGraph({ db, app: 'cloutgram', label: 'Cloutgram', rules, imageAllowed });
 * const me = await graph.mine(phone.phoneId);
 * const relation = await graph.follow(me, 7);
 */
export function createSocialGraph<Extra extends object = object>({
  db,
  app,
  label,
  rules,
  imageAllowed,
  accountExtra,
  now = Date.now,
}: {
  db: Database;
  /** The app id: its tables are `handset_<app>_*`. */
  app: string;
  /** The app's name, as players read it in a refusal. */
  label: string;
  rules: SocialRules;
  imageAllowed(url: string): boolean;
  /** The app's own columns of its accounts (`accountColumns` of {@link socialTables}), read onto every account. */
  accountExtra?: { columns: readonly string[]; read(row: Record<string, unknown>): Extra };
  now?: () => number;
}) {
  type Account = SocialAccount & Extra;
  const accounts = `handset_${app}_accounts`;
  const follows = `handset_${app}_follows`;
  const blocks = `handset_${app}_blocks`;
  const mutes = `handset_${app}_mutes`;

  const columns = [ACCOUNT_COLUMNS, ...(accountExtra?.columns ?? [])].join(', ');
  const toAccount = (row: AccountRow): Account => ({
    ...(accountExtra?.read(row) as Extra),
    id: num(row.id),
    phoneId: row.phone_id === null ? null : num(row.phone_id),
    handle: row.handle,
    displayName: row.display_name,
    avatar: row.avatar,
    bio: row.bio,
    verified: Boolean(num(row.verified)),
    private: Boolean(num(row.is_private)),
    createdAt: num(row.created_at),
  });
  const card = (account: SocialAccount): SocialCard => ({
    id: account.id,
    handle: account.handle,
    displayName: account.displayName,
    avatar: account.avatar,
    verified: account.verified,
    bot: account.phoneId === null,
  });

  const banned = (text: string) => {
    const lower = text.toLowerCase();
    return rules.blacklist.some((word) => lower.includes(word));
  };
  const refuseBanned = (text: string, what: string) => {
    if (banned(text)) throw new HandsetError('INVALID_INPUT', `${what} uses a word this server does not allow`);
  };
  const checkImage = (url: string) => {
    if (!imageAllowed(url)) throw new HandsetError('INVALID_INPUT', 'images must be https links on a host the server allows');
  };

  const accountsWhere = async (where: string, values: unknown[]) => (await db.select<AccountRow>(`SELECT ${columns} FROM ${accounts} WHERE ${where}`, values)).map(toAccount);
  const accountById = async (id: number) => (await accountsWhere('id = ?', [id]))[0] ?? null;
  const accountByHandle = async (handle: string) => (await accountsWhere('handle_key = ?', [handle.toLowerCase()]))[0] ?? null;
  const accountOfPhone = async (phoneId: number) => (await accountsWhere('phone_id = ?', [phoneId]))[0] ?? null;
  const accountsByIds = async (ids: number[]) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map<number, Account>();
    return new Map((await accountsWhere(`id IN (${placeholders(unique.length)})`, unique)).map((account) => [account.id, account]));
  };

  const blockedBetween = async (a: number, b: number) =>
    (await db.select(`SELECT 1 AS x FROM ${blocks} WHERE (blocker_id = ? AND blocked_id = ?) OR (blocker_id = ? AND blocked_id = ?)`, [a, b, b, a])).length > 0;

  /** The relations of `viewer` with each of `ids`, in four queries however many. */
  const relationsOf = async (viewer: number, ids: number[]) => {
    const unique = [...new Set(ids)].filter((id) => id !== viewer);
    const relations = new Map<number, SocialRelation>();
    for (const id of ids) relations.set(id, { following: 'no', followsYou: false, blocking: false, muting: false });
    if (unique.length === 0) return relations;
    const list = placeholders(unique.length);
    for (const row of await db.select<{ followee_id: number; accepted: number }>(`SELECT followee_id, accepted FROM ${follows} WHERE follower_id = ? AND followee_id IN (${list})`, [viewer, ...unique])) {
      relations.get(num(row.followee_id))!.following = num(row.accepted) ? 'yes' : 'requested';
    }
    for (const row of await db.select<{ follower_id: number }>(`SELECT follower_id FROM ${follows} WHERE followee_id = ? AND accepted = 1 AND follower_id IN (${list})`, [viewer, ...unique])) {
      relations.get(num(row.follower_id))!.followsYou = true;
    }
    for (const row of await db.select<{ blocked_id: number }>(`SELECT blocked_id FROM ${blocks} WHERE blocker_id = ? AND blocked_id IN (${list})`, [viewer, ...unique])) {
      relations.get(num(row.blocked_id))!.blocking = true;
    }
    for (const row of await db.select<{ muted_id: number }>(`SELECT muted_id FROM ${mutes} WHERE muter_id = ? AND muted_id IN (${list})`, [viewer, ...unique])) {
      relations.get(num(row.muted_id))!.muting = true;
    }
    return relations;
  };
  const relationOf = async (viewer: number, id: number) => (await relationsOf(viewer, [id])).get(id)!;

  /** The accounts among `ids` that `viewer` may not see at all: blocked either way. */
  const hiddenAmong = async (viewer: number, ids: number[]) => {
    const unique = [...new Set(ids)].filter((id) => id !== viewer);
    if (unique.length === 0) return new Set<number>();
    const list = placeholders(unique.length);
    const rows = await db.select<{ id: number }>(
      `SELECT blocked_id AS id FROM ${blocks} WHERE blocker_id = ? AND blocked_id IN (${list}) UNION SELECT blocker_id FROM ${blocks} WHERE blocked_id = ? AND blocker_id IN (${list})`,
      [viewer, ...unique, viewer, ...unique],
    );
    return new Set(rows.map((row) => num(row.id)));
  };

  /** The private accounts among `authors` whose posts `viewer` may not read: not theirs, not followed. */
  const closedAmong = async (viewer: number, authors: SocialAccount[]) => {
    const closed = authors.filter((account) => account.private && account.id !== viewer).map((account) => account.id);
    if (closed.length === 0) return new Set<number>();
    const open = await db.select<{ followee_id: number }>(`SELECT followee_id FROM ${follows} WHERE follower_id = ? AND accepted = 1 AND followee_id IN (${placeholders(closed.length)})`, [
      viewer,
      ...closed,
    ]);
    const followed = new Set(open.map((row) => num(row.followee_id)));
    return new Set(closed.filter((id) => !followed.has(id)));
  };

  /** An account `viewer` may see; NOT_FOUND for a missing or blocked one. */
  const visibleAccount = async (viewer: number, id: number) => {
    const account = await accountById(id);
    if (!account || (await blockedBetween(viewer, id))) throw new HandsetError('NOT_FOUND', `no account ${id}`);
    return account;
  };
  /** Whether `viewer` may read what `author` posts. */
  const readable = async (viewer: number, author: SocialAccount) => !(await hiddenAmong(viewer, [author.id])).has(author.id) && !(await closedAmong(viewer, [author])).has(author.id);

  const accountPage = async (viewer: number, ids: number[], more: boolean): Promise<SocialAccountPage> => {
    const found = await accountsByIds(ids);
    const relations = await relationsOf(viewer, ids);
    const hidden = await hiddenAmong(viewer, ids);
    return {
      accounts: ids.filter((id) => found.has(id) && !hidden.has(id)).map((id) => ({ ...card(found.get(id)!), relation: relations.get(id)! })),
      cursor: more && ids.length > 0 ? ids.at(-1)! : null,
    };
  };

  /** A page of one column of `table` where `owner = id`, newest id first (ids are the cursor). */
  const idsPage = async (sql: string, id: number, cursor: number | undefined, limit: number, column: string) => {
    const rows = await db.select<Record<string, unknown>>(`${sql}${cursor === undefined ? '' : ` AND ${column} < ?`} ORDER BY ${column} DESC LIMIT ?`, cursor === undefined ? [id, limit + 1] : [id, cursor, limit + 1]);
    return { ids: rows.slice(0, limit).map((row) => num(row[column])), more: rows.length > limit };
  };
  const countOf = async (sql: string, values: unknown[]) => num((await db.select<{ n: number }>(sql, values))[0]!.n);

  return {
    card,
    refuseBanned,
    checkImage,
    accountById,
    accountByHandle,
    accountOfPhone,
    accountsByIds,
    blockedBetween,
    relationsOf,
    relationOf,
    hiddenAmong,
    closedAmong,
    visibleAccount,
    readable,
    accountPage,

    /**
     * SQL that keeps rows of `alias.author_id` (with `alias.author_private`) that `?` may read: no block either way,
     * and a private author only for their accepted followers. Its values: the viewer's id, four times.
     */
    readableSql: (alias: string) => [
      // Two lookups, one per direction: an OR of both makes MariaDB scan the whole blocks index for every row.
      `NOT EXISTS (SELECT 1 FROM ${blocks} b WHERE b.blocker_id = ? AND b.blocked_id = ${alias}.author_id)`,
      `NOT EXISTS (SELECT 1 FROM ${blocks} b WHERE b.blocker_id = ${alias}.author_id AND b.blocked_id = ?)`,
      `(${alias}.author_private = 0 OR ${alias}.author_id = ? OR EXISTS (SELECT 1 FROM ${follows} f WHERE f.follower_id = ? AND f.followee_id = ${alias}.author_id AND f.accepted = 1))`,
    ],
    /** SQL for the ids of the accounts `?` follows (accepted). */
    followedSql: `SELECT followee_id FROM ${follows} WHERE follower_id = ? AND accepted = 1`,
    /** SQL that keeps rows of `alias.author_id` that `?` has not muted. */
    unmutedSql: (alias: string) => `NOT EXISTS (SELECT 1 FROM ${mutes} m WHERE m.muter_id = ? AND m.muted_id = ${alias}.author_id)`,

    /** Those among `ids` who muted `authorId`. */
    async mutersOf(authorId: number, ids: number[]) {
      if (ids.length === 0) return new Set<number>();
      const rows = await db.select<{ muter_id: number }>(`SELECT muter_id FROM ${mutes} WHERE muted_id = ? AND muter_id IN (${placeholders(ids.length)})`, [authorId, ...ids]);
      return new Set(rows.map((row) => num(row.muter_id)));
    },

    /** The caller's account; FORBIDDEN until they claim a handle. */
    async mine(phoneId: number) {
      const account = await accountOfPhone(phoneId);
      if (!account) throw new HandsetError('FORBIDDEN', `choose a ${label} handle first`);
      return account;
    },

    /** Claims `handle` for the phone's character (or a server account when `phoneId` is null). */
    async claim(phoneId: number | null, { handle, displayName }: { handle: string; displayName: string }): Promise<Account> {
      const key = handle.toLowerCase();
      if (!rules.handlePattern.test(key)) throw new HandsetError('INVALID_INPUT', `@${handle} is not a handle this server allows`);
      refuseBanned(handle, 'the handle');
      refuseBanned(displayName, 'the display name');
      if (phoneId !== null && (await accountOfPhone(phoneId))) throw new HandsetError('ALREADY_EXISTS', `you already have a ${label} account`);
      try {
        await db.run(`INSERT INTO ${accounts} (phone_id, handle, handle_key, display_name, created_at) VALUES (?, ?, ?, ?, ?)`, [phoneId, handle, key, displayName, now()]);
      } catch (error) {
        if (error instanceof DatabaseError && error.kind === 'unique_violation') throw new HandsetError('ALREADY_EXISTS', `@${handle} is taken`);
        throw error;
      }
      return (await accountByHandle(key))!;
    },

    /** Changes the caller's profile; going public lets those who asked in. Answers the account as it now is. */
    async update(account: SocialAccount, input: { displayName?: string; avatar?: string | null; bio?: string; private?: boolean }): Promise<Account> {
      if (input.displayName !== undefined) refuseBanned(input.displayName, 'the display name');
      if (input.bio !== undefined) refuseBanned(input.bio, 'the bio');
      if (input.avatar) checkImage(input.avatar);
      const changes: [string, unknown][] = [];
      if (input.displayName !== undefined) changes.push(['display_name', input.displayName]);
      if (input.bio !== undefined) changes.push(['bio', input.bio.trim()]);
      if (input.avatar !== undefined) changes.push(['avatar', input.avatar]);
      if (input.private !== undefined) changes.push(['is_private', input.private ? 1 : 0]);
      if (changes.length > 0) await db.run(`UPDATE ${accounts} SET ${changes.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`, [...changes.map(([, value]) => value), account.id]);
      if (input.private === false) await db.run(`UPDATE ${follows} SET accepted = 1 WHERE followee_id = ? AND accepted = 0`, [account.id]);
      return (await accountById(account.id))!;
    },

    /** Accepted followers and followings of `id`. */
    async counts(id: number) {
      const [followers, following] = await Promise.all([
        countOf(`SELECT COUNT(*) AS n FROM ${follows} WHERE followee_id = ? AND accepted = 1`, [id]),
        countOf(`SELECT COUNT(*) AS n FROM ${follows} WHERE follower_id = ? AND accepted = 1`, [id]),
      ]);
      return { followers, following };
    },

    async followers(viewer: number, { id, cursor, limit }: { id: number; cursor?: number; limit: number }): Promise<SocialAccountPage> {
      if (!(await readable(viewer, await visibleAccount(viewer, id)))) return { accounts: [], cursor: null };
      const { ids, more } = await idsPage(`SELECT follower_id FROM ${follows} WHERE followee_id = ? AND accepted = 1`, id, cursor, limit, 'follower_id');
      return accountPage(viewer, ids, more);
    },

    async following(viewer: number, { id, cursor, limit }: { id: number; cursor?: number; limit: number }): Promise<SocialAccountPage> {
      if (!(await readable(viewer, await visibleAccount(viewer, id)))) return { accounts: [], cursor: null };
      const { ids, more } = await idsPage(`SELECT followee_id FROM ${follows} WHERE follower_id = ? AND accepted = 1`, id, cursor, limit, 'followee_id');
      return accountPage(viewer, ids, more);
    },

    /** Follows `id`, or asks to when it is private; `asked` tells which, null when nothing changed. */
    async follow(me: SocialAccount, id: number): Promise<{ relation: SocialRelation; asked: 'follow' | 'request' | null }> {
      if (id === me.id) throw new HandsetError('INVALID_INPUT', 'you cannot follow yourself');
      const account = await visibleAccount(me.id, id);
      let asked: 'follow' | 'request' | null = null;
      if ((await relationOf(me.id, id)).following === 'no') {
        if ((await countOf(`SELECT COUNT(*) AS n FROM ${follows} WHERE follower_id = ?`, [me.id])) >= rules.maxFollows) {
          throw new HandsetError('QUOTA_EXCEEDED', `you can follow at most ${rules.maxFollows} accounts`);
        }
        try {
          await db.run(`INSERT INTO ${follows} (follower_id, followee_id, accepted, created_at) VALUES (?, ?, ?, ?)`, [me.id, id, account.private ? 0 : 1, now()]);
          asked = account.private ? 'request' : 'follow';
        } catch (error) {
          if (!(error instanceof DatabaseError && error.kind === 'unique_violation')) throw error;
        }
      }
      return { relation: await relationOf(me.id, id), asked };
    },

    async unfollow(me: SocialAccount, id: number): Promise<SocialRelation> {
      await visibleAccount(me.id, id);
      await db.run(`DELETE FROM ${follows} WHERE follower_id = ? AND followee_id = ?`, [me.id, id]);
      return relationOf(me.id, id);
    },

    async requests(me: SocialAccount, { cursor, limit }: { cursor?: number; limit: number }): Promise<SocialAccountPage> {
      const { ids, more } = await idsPage(`SELECT follower_id FROM ${follows} WHERE followee_id = ? AND accepted = 0`, me.id, cursor, limit, 'follower_id');
      return accountPage(me.id, ids, more);
    },

    /** Accepts or declines the follow request of `id`; NOT_FOUND when there is none. */
    async answer(me: SocialAccount, id: number, accept: boolean): Promise<void> {
      const changed = accept
        ? await db.run(`UPDATE ${follows} SET accepted = 1 WHERE follower_id = ? AND followee_id = ? AND accepted = 0`, [id, me.id])
        : await db.run(`DELETE FROM ${follows} WHERE follower_id = ? AND followee_id = ? AND accepted = 0`, [id, me.id]);
      if (changed.affectedRows === 0) throw new HandsetError('NOT_FOUND', `no follow request from account ${id}`);
    },

    async removeFollower(me: SocialAccount, id: number): Promise<SocialRelation> {
      await db.run(`DELETE FROM ${follows} WHERE follower_id = ? AND followee_id = ?`, [id, me.id]);
      return relationOf(me.id, id);
    },

    /** Mutes `id` (its posts leave the caller's feeds) or unmutes it; muting counts against the block cap. */
    async mute(me: SocialAccount, id: number, muted: boolean): Promise<SocialRelation> {
      if (id === me.id) throw new HandsetError('INVALID_INPUT', 'you cannot mute yourself');
      await visibleAccount(me.id, id);
      if (muted) {
        if ((await countOf(`SELECT COUNT(*) AS n FROM ${mutes} WHERE muter_id = ?`, [me.id])) >= rules.maxBlocks) {
          throw new HandsetError('QUOTA_EXCEEDED', `you can mute at most ${rules.maxBlocks} accounts`);
        }
        try {
          await db.run(`INSERT INTO ${mutes} (muter_id, muted_id, created_at) VALUES (?, ?, ?)`, [me.id, id, now()]);
        } catch (error) {
          if (!(error instanceof DatabaseError && error.kind === 'unique_violation')) throw error;
        }
      } else {
        await db.run(`DELETE FROM ${mutes} WHERE muter_id = ? AND muted_id = ?`, [me.id, id]);
      }
      return relationOf(me.id, id);
    },

    /** Blocks `id`: follows both ways end, and neither sees the other from now on. */
    async block(me: SocialAccount, id: number): Promise<SocialRelation> {
      if (id === me.id) throw new HandsetError('INVALID_INPUT', 'you cannot block yourself');
      if (!(await accountById(id))) throw new HandsetError('NOT_FOUND', `no account ${id}`);
      if ((await db.select(`SELECT 1 AS x FROM ${blocks} WHERE blocker_id = ? AND blocked_id = ?`, [me.id, id])).length === 0) {
        if ((await countOf(`SELECT COUNT(*) AS n FROM ${blocks} WHERE blocker_id = ?`, [me.id])) >= rules.maxBlocks) {
          throw new HandsetError('QUOTA_EXCEEDED', `you can block at most ${rules.maxBlocks} accounts`);
        }
        await db.batch([
          { sql: `INSERT INTO ${blocks} (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)`, values: [me.id, id, now()] },
          { sql: `DELETE FROM ${follows} WHERE (follower_id = ? AND followee_id = ?) OR (follower_id = ? AND followee_id = ?)`, values: [me.id, id, id, me.id] },
        ]);
      }
      return relationOf(me.id, id);
    },

    async unblock(me: SocialAccount, id: number): Promise<SocialRelation> {
      await db.run(`DELETE FROM ${blocks} WHERE blocker_id = ? AND blocked_id = ?`, [me.id, id]);
      return relationOf(me.id, id);
    },

    /** The accounts the caller blocked, or muted. */
    async listOf(me: SocialAccount, list: 'blocks' | 'mutes', { cursor, limit }: { cursor?: number; limit: number }): Promise<SocialAccountPage> {
      const { ids, more } =
        list === 'blocks'
          ? await idsPage(`SELECT blocked_id FROM ${blocks} WHERE blocker_id = ?`, me.id, cursor, limit, 'blocked_id')
          : await idsPage(`SELECT muted_id FROM ${mutes} WHERE muter_id = ?`, me.id, cursor, limit, 'muted_id');
      const found = await accountsByIds(ids);
      const relations = await relationsOf(me.id, ids);
      return { accounts: ids.filter((id) => found.has(id)).map((id) => ({ ...card(found.get(id)!), relation: relations.get(id)! })), cursor: more ? ids.at(-1)! : null };
    },

    /** Accounts whose handle starts with `query`, in handle order (no block either way). */
    async search(me: SocialAccount, query: string, limit: number): Promise<SocialAccountPage> {
      // `!` escapes LIKE's wildcards: a backslash means something else in each database's string literals.
      const prefix = query.trim().replace(/^@/, '').toLowerCase().replace(/[!%_]/g, (char) => `!${char}`);
      const rows = await db.select<{ id: number }>(`SELECT id FROM ${accounts} WHERE handle_key LIKE ? ESCAPE '!' ORDER BY handle_key LIMIT ?`, [`${prefix}%`, limit]);
      return accountPage(me.id, rows.map((row) => num(row.id)), false);
    },

    async setVerified(handle: string, verified: boolean): Promise<boolean> {
      return (await db.run(`UPDATE ${accounts} SET verified = ? WHERE handle_key = ?`, [verified ? 1 : 0, handle.toLowerCase()])).affectedRows > 0;
    },
  };
}

/**
 * A social app's accounts, follows and blocks: what {@link createSocialGraph} answers.
 *
 * @example
 * function followingFeed(graph: SocialGraph, me: SocialAccount) { ... }
 */
export type SocialGraph = ReturnType<typeof createSocialGraph>;

/**
 * Where a social app's reports go besides its database: a Discord webhook, and Fivemanage's logs.
 *
 * @example
 * const to: ReportDestinations = { webhook: 'https://discord.com/api/webhooks/1/x', fivemanageToken: null, fivemanageUrl: 'https://api.fivemanage.com/api/v3/logs' };
 */
export interface ReportDestinations {
  webhook: string | null;
  fivemanageToken: string | null;
  /** Fivemanage's log ingestion (POST an array of `{ level, message, metadata, resource }`, the token as Authorization). */
  fivemanageUrl: string;
}

/**
 * Sends a player's report to the owner's destinations, best effort: a failure is logged, never thrown.
 *
 * @example
 * sendReport('Cloutgram', destinations, { line: 'Cloutgram report by @ben: spam — @ana post 7', text: 'caption', details: '' });
 */
export function sendReport(app: string, to: ReportDestinations, report: { line: string; text: string | null; details: string; metadata?: Record<string, unknown> }): void {
  const send = (url: string, init: RequestInit) =>
    fetch(url, { ...init, method: 'POST', signal: AbortSignal.timeout(5000) })
      .then((response) => {
        if (!response.ok) console.warn(`Handset ${app.toLowerCase()}: a report was not accepted by ${new URL(url).host} (HTTP ${response.status})`);
      })
      .catch((error: unknown) => console.warn(`Handset ${app.toLowerCase()}: a report could not be sent to ${new URL(url).host}: ${String(error)}`));
  if (to.webhook) {
    // Discord's webhook body: a short line and one embed; mentions are switched off so a report pings no one.
    void send(to.webhook, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        content: report.line,
        allowed_mentions: { parse: [] },
        embeds: [{ title: `${app} report`, description: (report.text ?? '').slice(0, 2000), fields: [{ name: 'Details', value: report.details || '—' }] }],
      }),
    });
  }
  if (to.fivemanageToken) {
    void send(to.fivemanageUrl, {
      headers: { 'content-type': 'application/json', authorization: to.fivemanageToken },
      body: JSON.stringify([{ level: 'warn', message: report.line, resource: 'handset', metadata: report.metadata ?? {} }]),
    });
  }
}

/**
 * Reads an app's settings (`handset:<app>:<name>`), each bad value replaced by its default with a warning naming it.
 *
 * @example
 * const read = settingsReader('cloutgram', context.setting, console.warn);
 * const maxPosts = read('max_posts', '5000', wholeNumber(1, 1_000_000), 'a whole number from 1 to 1000000');
 */
export function settingsReader(app: string, setting: (name: string, fallback: string) => string, warn: (message: string) => void) {
  return <T>(name: string, fallback: string, parse: (text: string) => T | undefined, expected: string): T => {
    const value = parse(setting(name, fallback).trim());
    if (value !== undefined) return value;
    warn(`handset:${app}:${name} must be ${expected}; using ${fallback || 'none'}`);
    return parse(fallback)!;
  };
}

/**
 * The report destinations of an app's settings: `report_webhook`, `fivemanage_logs_token` and `fivemanage_logs_url`.
 *
 * @example
 * const reports = readReportDestinations(settingsReader('cloutgram', context.setting, console.warn));
 */
export function readReportDestinations(read: ReturnType<typeof settingsReader>): ReportDestinations {
  return {
    webhook: read('report_webhook', '', webAddress, 'a URL (a Discord webhook)'),
    fivemanageToken: read('fivemanage_logs_token', '', (text) => text || null, 'a token'),
    fivemanageUrl: read('fivemanage_logs_url', 'https://api.fivemanage.com/api/v3/logs', (text) => webAddress(text) ?? undefined, 'a URL'),
  };
}

/**
 * A setting parser: a whole number from `min` to `max`, or undefined.
 *
 * @example
 * wholeNumber(1, 600)('30'); // 30
 */
export const wholeNumber = (min: number, max: number) => (text: string) => (/^\d{1,7}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined);

/**
 * A setting parser: an http(s) URL, null for none, or undefined.
 *
 * @example
 * webAddress('https://discord.com/api/webhooks/1/x'); // the URL
 */
export const webAddress = (text: string) => {
  if (text === '') return null;
  try {
    return ['https:', 'http:'].includes(new URL(text).protocol) ? text : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A setting parser: a regular expression, or undefined.
 *
 * @example
 * pattern('^[a-z0-9_]{3,20}$'); // /^[a-z0-9_]{3,20}$/
 */
export const pattern = (text: string) => {
  try {
    return new RegExp(text);
  } catch {
    return undefined;
  }
};

/**
 * A setting parser: lower-case words separated by commas.
 *
 * @example
 * wordList('Spam, scam'); // ['spam', 'scam']
 */
export const wordList = (text: string) => text.toLowerCase().split(',').map((word) => word.trim()).filter(Boolean);

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const cursor = id.optional();
const limit = z.number().int().min(1).max(50).default(20);
/** A handle's shape before the server owner's pattern is applied. */
const handle = z.string().trim().min(1, 'a handle is 1-24 characters').max(24, 'a handle is 1-24 characters');
const displayName = z.string().trim().min(1, 'a display name is 1-30 characters').max(30, 'a display name is 1-30 characters');

/**
 * The zod pieces a social app's contract is built from: ids and pages, a create's client id, and the inputs of
 * claiming, editing, naming and reporting an account.
 *
 * @example
 * const likeSchema = z.object({ id: socialSchemas.id, liked: z.boolean() }).strict();
 */
export const socialSchemas = {
  id,
  cursor,
  limit,
  paged: z.object({ cursor, limit }).strict(),
  clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'clientId must be 1-64 of A-Z, a-z, 0-9, _ and -'),
  empty: z.object({}).strict().nullish(),
  claim: z.object({ handle, displayName }).strict(),
  updateProfile: z
    .object({
      displayName: displayName.optional(),
      /** An https image on an allowed host, or null to remove. */
      avatar: z.string().max(500).nullable().optional(),
      bio: z.string().max(160, 'a bio is at most 160 characters').optional(),
      private: z.boolean().optional(),
    })
    .strict(),
  /** One account by id, or by handle (case-insensitive). */
  account: z.union([z.object({ id }).strict(), z.object({ handle }).strict()]),
  accountId: z.object({ id }).strict(),
  accountList: z.object({ id, cursor, limit }).strict(),
  report: z
    .object({
      postId: id.optional(),
      accountId: id.optional(),
      reason: z.enum(['spam', 'harassment', 'hate', 'violence', 'impersonation', 'other']),
      details: z.string().max(500).default(''),
    })
    .strict()
    .refine((report) => (report.postId === undefined) !== (report.accountId === undefined), 'report one post or one account'),
};

/**
 * The actions on accounts every social app answers alike, as the caller's own account: lists of followers and
 * followings, follows and requests, blocks, mutes and the search of handles. Spread them into the app's contract
 * and serve them with {@link serveSocialActions}.
 *
 * @example
 * export const cloutgramContract = defineContract({ ...socialActions, 'posts.get': action(postIdSchema).answers<Post>() });
 */
export const socialActions = defineContract({
  'profiles.followers': action(socialSchemas.accountList).answers<SocialAccountPage>(),
  'profiles.following': action(socialSchemas.accountList).answers<SocialAccountPage>(),
  'follows.follow': action(socialSchemas.accountId).answers<SocialRelation>(),
  'follows.unfollow': action(socialSchemas.accountId).answers<SocialRelation>(),
  'follows.requests': action(socialSchemas.paged).answers<SocialAccountPage>(),
  'follows.answer': action(z.object({ id, accept: z.boolean() }).strict()).answers<null>(),
  'follows.removeFollower': action(socialSchemas.accountId).answers<SocialRelation>(),
  'blocks.block': action(socialSchemas.accountId).answers<SocialRelation>(),
  'blocks.unblock': action(socialSchemas.accountId).answers<SocialRelation>(),
  'blocks.list': action(socialSchemas.paged).answers<SocialAccountPage>(),
  'mutes.mute': action(socialSchemas.accountId).answers<SocialRelation>(),
  'mutes.unmute': action(socialSchemas.accountId).answers<SocialRelation>(),
  'mutes.list': action(socialSchemas.paged).answers<SocialAccountPage>(),
  'search.accounts': action(z.object({ query: z.string().trim().min(1, 'type something to search').max(50), limit }).strict()).answers<SocialAccountPage>(),
});

/**
 * Handlers for {@link socialActions} over `graph`: `me` finds the caller's account from the request's source, and
 * `followed` hears each new follow or follow request (to notify its owner).
 *
 * @example
 * app.serve(cloutgramContract, { ...serveSocialActions(graph, me, notifyFollow), 'posts.get': getPost });
 */
export function serveSocialActions<Account extends SocialAccount>(
  graph: SocialGraph,
  me: (source: number) => Promise<Account>,
  followed: (follower: Account, id: number, asked: 'follow' | 'request') => Promise<void>,
): ContractHandlers<typeof socialActions> {
  return {
    'profiles.followers': async ({ source }, input) => graph.followers((await me(source)).id, input),
    'profiles.following': async ({ source }, input) => graph.following((await me(source)).id, input),
    'follows.follow': async ({ source }, { id }) => {
      const account = await me(source);
      const { relation, asked } = await graph.follow(account, id);
      if (asked) await followed(account, id, asked);
      return relation;
    },
    'follows.unfollow': async ({ source }, { id }) => graph.unfollow(await me(source), id),
    'follows.requests': async ({ source }, input) => graph.requests(await me(source), input),
    'follows.answer': async ({ source }, { id, accept }) => (await graph.answer(await me(source), id, accept), null),
    'follows.removeFollower': async ({ source }, { id }) => graph.removeFollower(await me(source), id),
    'blocks.block': async ({ source }, { id }) => graph.block(await me(source), id),
    'blocks.unblock': async ({ source }, { id }) => graph.unblock(await me(source), id),
    'blocks.list': async ({ source }, input) => graph.listOf(await me(source), 'blocks', input),
    'mutes.mute': async ({ source }, { id }) => graph.mute(await me(source), id, true),
    'mutes.unmute': async ({ source }, { id }) => graph.mute(await me(source), id, false),
    'mutes.list': async ({ source }, input) => graph.listOf(await me(source), 'mutes', input),
    'search.accounts': async ({ source }, { query, limit }) => graph.search(await me(source), query, limit),
  };
}
