/**
 * Tweeder at scale: 10,000 accounts, 500,000 posts (a fifth of them replies), each account following 50 others,
 * likes, hashtags and words, seeded with multi-row INSERTs on MariaDB; then every screen of the page through
 * Tweeder's own service, as viewers spread over the table, at p50/p99 beside a primary-key lookup in the same run,
 * with MariaDB's EXPLAIN of every statement one call of each screen sent. The database is dropped at the end.
 *
 * Run: `npx tsx bench/tweeder.ts [--accounts 10000] [--posts 500000]`
 */
import { tweederMigrations } from '../apps/tweeder/server/tweeder.migrations';
import { createTweederService, type Account } from '../apps/tweeder/server/tweeder.service';
import { readTweederSettings } from '../apps/tweeder/server/tweeder.settings';
import { coreMigrations } from '../core/server/storage/core.migrations';
import { createDriverDatabase } from '../core/server/storage/driver-database';
import { migrate } from '../core/server/storage/migrations';
import type { Database } from '../sdk/server/database';
import { createMariadbDatabase } from '../tests/support/databases';
import { flag, insert, machine, mariadbServer, measureScreens, printSection, recording, ROWS_PER_INSERT, table } from './support';

const ACCOUNTS = flag('accounts', 10_000);
const POSTS = flag('posts', 500_000);
const FOLLOWS_EACH = 50;
const RUNS = 300;
const WARM_UP = 30;
const START = 1_700_000_000_000;
const TAGS = ['lossantos', 'traffic', 'weazel', 'pier', 'heist', 'vinewood', 'sandy', 'paleto'];
const WORDS = ['sunset', 'coffee', 'police', 'racing', 'party', 'beach', 'music', 'market'];

/** Post n's author; every fifth post is a reply to an earlier one. */
const authorOf = (n: number) => ((n * 7_919) % ACCOUNTS) + 1;
const isReply = (n: number) => n % 5 === 4;

async function seed(db: Database): Promise<void> {
  await insert(db, 'handset_core_phones', ['identifier', 'phone_number'], ACCOUNTS, (n) => [`license:tw${n + 1}`, String(5_550_000_000 + n + 1)]);
  await insert(db, 'handset_tweeder_accounts', ['phone_id', 'handle', 'handle_key', 'display_name', 'created_at'], ACCOUNTS, (n) => [n + 1, `user${n + 1}`, `user${n + 1}`, `User ${n + 1}`, START]);
  await insert(db, 'handset_tweeder_posts', ['id', 'author_id', 'top', 'text', 'has_media', 'reply_to', 'replies', 'likes', 'created_at'], POSTS, (n) => {
    const id = n + 1;
    const text = `${WORDS[n % WORDS.length]} at the ${WORDS[(n >> 3) % WORDS.length]} #${TAGS[n % TAGS.length]}`;
    return [id, authorOf(n), isReply(n) ? 0 : 1, text, n % 10 === 0 ? 1 : 0, isReply(n) ? Math.max(1, id - 97) : null, isReply(n + 1) ? 1 : 0, n % 7, START + id * 1000];
  });
  await insert(db, 'handset_tweeder_terms', ['term', 'post_id', 'is_tag', 'created_at'], POSTS * 2, (n) => {
    const post = Math.floor(n / 2);
    return n % 2 ? [TAGS[post % TAGS.length]!, post + 1, 1, START + (post + 1) * 1000] : [`${WORDS[post % WORDS.length]}`, post + 1, 0, START + (post + 1) * 1000];
  });
  await db.run(
    'INSERT INTO handset_tweeder_trends (hour, tag, posts) SELECT FLOOR(created_at / 3600000), term, COUNT(*) FROM handset_tweeder_terms WHERE is_tag = 1 GROUP BY FLOOR(created_at / 3600000), term',
  );
  await insert(db, 'handset_tweeder_follows', ['follower_id', 'followee_id', 'accepted', 'created_at'], ACCOUNTS * FOLLOWS_EACH, (n) => {
    const follower = Math.floor(n / FOLLOWS_EACH) + 1;
    return [follower, ((follower - 1 + (n % FOLLOWS_EACH) * 197 + 1) % ACCOUNTS) + 1, 1, START];
  });
  await insert(db, 'handset_tweeder_likes', ['account_id', 'post_id', 'created_at'], POSTS / 5, (n) => [((n * 31) % ACCOUNTS) + 1, (n * 5) % POSTS + 1, START + n]);
  await insert(db, 'handset_tweeder_notifications', ['recipient_id', 'kind', 'actor_id', 'post_id', 'created_at'], POSTS / 5, (n) => [
    ((n * 13) % ACCOUNTS) + 1,
    n % 3 ? 'like' : 'follow',
    ((n * 17) % ACCOUNTS) + 1,
    n % 3 ? (n * 5) % POSTS + 1 : null,
    START + n,
  ]);
}

const server = mariadbServer();
const target = await createMariadbDatabase('handset_bench_tweeder');
const driver = await createDriverDatabase(target.url);
const recorder = recording(driver);
const { db } = recorder;
try {
  const version = (await driver.select<{ v: string }>('SELECT VERSION() AS v'))[0]!.v;
  await migrate(driver, 'core', coreMigrations);
  await migrate(driver, 'tweeder', tweederMigrations);
  const seeding = performance.now();
  await seed(driver);
  const seedSeconds = (performance.now() - seeding) / 1000;
  await driver.select(
    'ANALYZE TABLE handset_tweeder_accounts, handset_tweeder_posts, handset_tweeder_terms, handset_tweeder_follows, handset_tweeder_likes, handset_tweeder_notifications',
  );

  // A minute and a bit a call, so trends are counted again each time.
  let clock = START + POSTS * 1000;
  const service = createTweederService({ db, settings: readTweederSettings((_name, fallback) => fallback, () => {}), imageAllowed: () => true, now: () => (clock += 61_000) });
  const accounts = new Map<number, Account>();
  const accountAt = async (n: number) => {
    const id = ((n * 7_919) % ACCOUNTS) + 1;
    if (!accounts.has(id)) accounts.set(id, (await service.accountById(id))!);
    return accounts.get(id)!;
  };
  const postAt = (n: number) => ((n * 104_729) % POSTS) + 1;
  const cases: [string, (n: number) => Promise<unknown>][] = [
    ['baseline: a post by primary key', (n) => db.select('SELECT * FROM handset_tweeder_posts WHERE id = ?', [postAt(n)])],
    ['Latest feed, first 20', async (n) => service.latestFeed(await accountAt(n), undefined, 20)],
    ['Latest feed, a page deep in', async (n) => service.latestFeed(await accountAt(n), POSTS - 20_000, 20)],
    ['Following feed, first 20', async (n) => service.followingFeed(await accountAt(n), undefined, 20)],
    ['a post’s thread', async (n) => service.thread((await accountAt(n)).id, postAt(n), 20).catch(() => null)],
    ['profile: posts tab', async (n) => service.profilePosts((await accountAt(n)).id, { id: (await accountAt(n + 1)).id, tab: 'posts', limit: 20 })],
    ['profile: likes tab', async (n) => service.profilePosts((await accountAt(n)).id, { id: (await accountAt(n + 1)).id, tab: 'likes', limit: 20 })],
    ['hashtag feed', async (n) => service.hashtag(await accountAt(n), TAGS[n % TAGS.length]!, undefined, 20)],
    ['search posts by word', async (n) => service.searchPosts(await accountAt(n), WORDS[n % WORDS.length]!, undefined, 20)],
    ['search accounts by handle', async (n) => service.graph.search(await accountAt(n), `user${(n % 90) + 10}`, 10)],
    ['notifications, grouped', async (n) => service.notifications(await accountAt(n), { limit: 20 })],
    ['trending hashtags (from hourly counts, at most once a minute)', () => service.trends()],
  ];
  const { rows, explains } = await measureScreens(driver, recorder, cases, { runs: RUNS, warmUp: WARM_UP });
  printSection(
    'Tweeder at scale',
    `MariaDB ${version} on ${new URL(server).host}; ${machine()}.
Seeded ${ACCOUNTS} accounts, ${POSTS} posts (${POSTS / 5} replies), ${ACCOUNTS * FOLLOWS_EACH} follows, ${POSTS / 5} likes, ${POSTS * 2} terms (a hashtag and a word a post)
and ${POSTS / 5} notifications with multi-row INSERTs of ${ROWS_PER_INSERT} rows in ${seedSeconds.toFixed(1)} s. Each screen ran ${RUNS} times (after ${WARM_UP}),
as viewers spread over the table, through Tweeder's own service: all it reads for the screen (the page's posts with
their authors, quotes, the viewer's likes and reposts, blocks and private accounts).

${table(['screen', 'statements', 'p50 ms', 'p99 ms'], rows)}

EXPLAIN (MariaDB) of every statement one call of each screen sent:

\`\`\`
${explains.join('\n')}
\`\`\``,
  );
} finally {
  await driver.close();
  await target.drop();
}
