/**
 * Cloutgram at scale: 10,000 accounts, 500,000 posts, each account following 50 others, likes, saves, comments with
 * replies, live and expired stories with views, and notifications, seeded with multi-row INSERTs on MariaDB; then
 * every screen of the page through Cloutgram's own service, as viewers spread over the table, at p50/p99 beside a
 * primary-key lookup in the same run, with MariaDB's EXPLAIN of every statement one call of each screen sent. The
 * database is dropped at the end.
 *
 * Run: `npx tsx bench/cloutgram.ts [--accounts 10000] [--posts 500000]`
 */
import { cloutgramMigrations } from '../apps/cloutgram/server/cloutgram.migrations';
import { createCloutgramService, PRUNE_BATCH } from '../apps/cloutgram/server/cloutgram.service';
import { readCloutgramSettings } from '../apps/cloutgram/server/cloutgram.settings';
import { coreMigrations } from '../core/server/storage/core.migrations';
import { createDriverDatabase } from '../core/server/storage/driver-database';
import { migrate } from '../core/server/storage/migrations';
import type { Database } from '../sdk/server/database';
import type { SocialAccount } from '../sdk/server/social';
import { createMariadbDatabase } from '../tests/support/databases';
import { flag, insert, machine, mariadbServer, measureScreens, planText, printSection, recording, ROWS_PER_INSERT, table } from './support';

const ACCOUNTS = flag('accounts', 10_000);
const POSTS = flag('posts', 500_000);
const FOLLOWS_EACH = 50;
const RUNS = 300;
const WARM_UP = 30;
const START = 1_700_000_000_000;
const NOW = START + POSTS * 1000;
const DAY = 24 * 3_600_000;
/** Two stories an account: one live, one expired and waiting for the prune. */
const STORIES = ACCOUNTS * 2;

const authorOf = (n: number) => ((n * 7_919) % ACCOUNTS) + 1;
const photo = (n: number) => `https://r2.fivemanage.com/cg/${n}.webp`;

async function seed(db: Database): Promise<void> {
  await insert(db, 'handset_core_phones', ['identifier', 'phone_number'], ACCOUNTS, (n) => [`license:cg${n + 1}`, String(5_560_000_000 + n + 1)]);
  await insert(db, 'handset_cloutgram_accounts', ['phone_id', 'handle', 'handle_key', 'display_name', 'is_private', 'created_at'], ACCOUNTS, (n) => [
    n + 1,
    `user${n + 1}`,
    `user${n + 1}`,
    `User ${n + 1}`,
    n % 10 === 0 ? 1 : 0,
    START,
  ]);
  await insert(db, 'handset_cloutgram_posts', ['id', 'author_id', 'photos', 'caption', 'author_private', 'likes', 'comments', 'created_at'], POSTS, (n) => [
    n + 1,
    authorOf(n),
    JSON.stringify(Array.from({ length: (n % 3) + 1 }, (_, index) => photo(n * 3 + index))),
    `Shot ${n} at the pier`,
    (authorOf(n) - 1) % 10 === 0 ? 1 : 0,
    n % 7,
    n % 5 === 0 ? 2 : 0,
    START + (n + 1) * 1000,
  ]);
  await insert(db, 'handset_cloutgram_follows', ['follower_id', 'followee_id', 'accepted', 'created_at'], ACCOUNTS * FOLLOWS_EACH, (n) => {
    const follower = Math.floor(n / FOLLOWS_EACH) + 1;
    return [follower, ((follower - 1 + (n % FOLLOWS_EACH) * 197 + 1) % ACCOUNTS) + 1, 1, START];
  });
  await insert(db, 'handset_cloutgram_likes', ['account_id', 'post_id', 'created_at'], POSTS / 5, (n) => [((n * 31) % ACCOUNTS) + 1, ((n * 5) % POSTS) + 1, START + n]);
  await insert(db, 'handset_cloutgram_saves', ['account_id', 'post_id', 'created_at'], POSTS / 10, (n) => [((n * 37) % ACCOUNTS) + 1, ((n * 11) % POSTS) + 1, START + n]);
  // A comment and a reply to it on every fifth post.
  await insert(db, 'handset_cloutgram_comments', ['id', 'post_id', 'parent_id', 'author_id', 'text', 'replies', 'created_at'], (POSTS / 5) * 2, (n) => {
    const post = Math.floor(n / 2) * 5 + 1;
    return [n + 1, post, n % 2 ? n : 0, ((n * 13) % ACCOUNTS) + 1, n % 2 ? 'Agreed' : 'Beautiful!', n % 2 ? 0 : 1, START + post * 1000 + n];
  });
  await insert(db, 'handset_cloutgram_stories', ['id', 'author_id', 'photo', 'author_private', 'created_at', 'expires_at'], STORIES, (n) => {
    const live = n % 2 === 0;
    const author = Math.floor(n / 2) + 1;
    const at = live ? NOW - 3_600_000 : NOW - 2 * DAY;
    return [n + 1, author, photo(n), (author - 1) % 10 === 0 ? 1 : 0, at, at + DAY];
  });
  await insert(db, 'handset_cloutgram_story_views', ['story_id', 'viewer_id', 'created_at'], STORIES * 5, (n) => [(n % STORIES) + 1, ((Math.floor(n / STORIES) * 211 + n) % ACCOUNTS) + 1, NOW - 1000]);
  await insert(db, 'handset_cloutgram_notifications', ['recipient_id', 'kind', 'actor_id', 'post_id', 'created_at'], POSTS / 5, (n) => [
    ((n * 13) % ACCOUNTS) + 1,
    n % 3 ? 'like' : 'follow',
    ((n * 17) % ACCOUNTS) + 1,
    n % 3 ? ((n * 5) % POSTS) + 1 : null,
    START + n,
  ]);
}

const server = mariadbServer();
const target = await createMariadbDatabase('handset_bench_cloutgram');
const driver = await createDriverDatabase(target.url);
const recorder = recording(driver);
try {
  const version = (await driver.select<{ v: string }>('SELECT VERSION() AS v'))[0]!.v;
  await migrate(driver, 'core', coreMigrations);
  await migrate(driver, 'cloutgram', cloutgramMigrations);
  const seeding = performance.now();
  await seed(driver);
  const seedSeconds = (performance.now() - seeding) / 1000;
  await driver.select(
    'ANALYZE TABLE handset_cloutgram_accounts, handset_cloutgram_posts, handset_cloutgram_follows, handset_cloutgram_likes, handset_cloutgram_saves, handset_cloutgram_comments, handset_cloutgram_stories, handset_cloutgram_story_views, handset_cloutgram_notifications',
  );

  const service = createCloutgramService({ db: recorder.db, settings: readCloutgramSettings((_name, fallback) => fallback, () => {}), imageAllowed: () => true, now: () => NOW });
  const accounts = new Map<number, SocialAccount>();
  const accountAt = async (n: number) => {
    // Public accounts: a tenth are private, and a viewer reads their own screens.
    const id = (((n * 7_919) % (ACCOUNTS / 10)) * 10 + 2) % ACCOUNTS || 2;
    if (!accounts.has(id)) accounts.set(id, (await service.graph.accountById(id))!);
    return accounts.get(id)!;
  };
  const postAt = (n: number) => ((n * 104_729) % (POSTS / 5)) * 5 + 1;
  const liveStoryOf = (account: SocialAccount) => (account.id - 1) * 2 + 1;
  const cases: [string, (n: number) => Promise<unknown>][] = [
    ['baseline: a post by primary key', (n) => recorder.db.select('SELECT * FROM handset_cloutgram_posts WHERE id = ?', [postAt(n)])],
    ['Following feed, first 10', async (n) => service.followingFeed(await accountAt(n), undefined, 10)],
    ['Explore grid, first 24', async (n) => service.exploreFeed(await accountAt(n), undefined, 24)],
    ['Explore grid, a page deep in', async (n) => service.exploreFeed(await accountAt(n), POSTS - 20_000, 24)],
    ['profile grid, first 18', async (n) => service.profilePosts((await accountAt(n)).id, { id: (await accountAt(n + 1)).id, limit: 18 })],
    ['profile header (counts, story ring)', async (n) => service.profile((await accountAt(n)).id, { id: (await accountAt(n + 1)).id })],
    ['a post’s comments', async (n) => service.comments((await accountAt(n)).id, { postId: postAt(n), limit: 20 }).catch(() => null)],
    ['saved posts', async (n) => service.saved(await accountAt(n), { limit: 24 })],
    ['stories tray', async (n) => service.tray(await accountAt(n), { limit: 30 })],
    ['an account’s stories', async (n) => service.storiesOf((await accountAt(n)).id, (await accountAt(n + 1)).id)],
    ['a story’s viewers (its author)', async (n) => service.viewers(await accountAt(n), { id: liveStoryOf(await accountAt(n)), limit: 20 })],
    ['notifications, grouped', async (n) => service.notifications(await accountAt(n), { limit: 20 })],
  ];
  const { rows, explains } = await measureScreens(driver, recorder, cases, { runs: RUNS, warmUp: WARM_UP });

  // The prune: expired stories go PRUNE_BATCH at a time; the plan of one batch, and the whole backlog's time.
  const pruneSql = 'SELECT id FROM handset_cloutgram_stories WHERE expires_at <= ? ORDER BY expires_at LIMIT ?';
  const prunePlan = await driver.select<Record<string, unknown>>(`EXPLAIN ${pruneSql}`, [NOW, PRUNE_BATCH]);
  const pruning = performance.now();
  const pruned = await service.pruneStories();
  const pruneMs = performance.now() - pruning;

  printSection(
    'Cloutgram at scale',
    `MariaDB ${version} on ${new URL(server).host}; ${machine()}.
Seeded ${ACCOUNTS} accounts (a tenth private), ${POSTS} posts of 1-3 photos, ${ACCOUNTS * FOLLOWS_EACH} follows, ${POSTS / 5} likes, ${POSTS / 10} saves,
${(POSTS / 5) * 2} comments (half of them replies), ${STORIES} stories (half live, half expired) with ${STORIES * 5} views and ${POSTS / 5} notifications
with multi-row INSERTs of ${ROWS_PER_INSERT} rows in ${seedSeconds.toFixed(1)} s. Each screen ran ${RUNS} times (after ${WARM_UP}), as viewers spread over the
table, through Cloutgram's own service: all it reads for the screen (the posts with their authors, the viewer's
likes and saves, blocks and private accounts).

${table(['screen', 'statements', 'p50 ms', 'p99 ms'], rows)}

Pruning the ${STORIES / 2} expired stories (and their views) ${PRUNE_BATCH} at a time: ${pruned} deleted in ${(pruneMs / 1000).toFixed(2)} s.

EXPLAIN (MariaDB) of every statement one call of each screen sent, and of the prune's batch:

\`\`\`
${explains.join('\n')}
-- prune, one batch
${pruneSql}
${planText(prunePlan)}
\`\`\``,
  );
} finally {
  await driver.close();
  await target.drop();
}
