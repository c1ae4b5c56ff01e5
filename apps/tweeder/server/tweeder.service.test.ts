import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { forEachDatabase, tableNames } from '../../../tests/core/storage/databases';
import { imageAllowedBy, migratePlugin } from '../../../tests/support/plugin-phones';
import { createPostSchema, type FeedPage } from '../contract';
import { tweederMigrations } from './tweeder.migrations';
import { createTweederService, partsOf, type Account, type TweederService } from './tweeder.service';
import { readTweederSettings } from './tweeder.settings';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof HandsetError ? `${error.code}: ${error.message}` : `not a HandsetError: ${String(error)}`),
  );
}

const post = (text: string, fields: Record<string, unknown> = {}) => createPostSchema.parse({ clientId: `c${Math.random().toString(36).slice(2)}`, text, ...fields });
const texts = (page: FeedPage) => page.items.map((item) => (item.repostedBy ? `${item.repostedBy.handle} reposted ${item.post.text}` : item.post.text));

/** A follow as the page makes it: the graph's, then its owner's notification. */
async function follow(service: TweederService, me: Account, id: number) {
  const { relation, asked } = await service.graph.follow(me, id);
  return { relation, notified: asked !== null && (await service.followed(me, id, asked)) ? asked : null };
}

forEachDatabase((current) => {
  /** The migrations, three phones (ana 1, ben 2, cal 3) with accounts, a clock a second a call, and the service. */
  async function setup(overrides: Record<string, string> = {}) {
    const db = current();
    await migratePlugin(db, 'tweeder', tweederMigrations);
    await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?), (?, ?), (?, ?)', ['license:a', '5550001', 'license:b', '5550002', 'license:c', '5550003']);
    let clock = Date.UTC(2026, 0, 1);
    const settings = readTweederSettings((name, fallback) => overrides[name] ?? fallback, () => {});
    const service = createTweederService({ db, settings, imageAllowed: imageAllowedBy(['i.imgur.com']), now: () => (clock += 1000) });
    const ana = await service.claim(1, { handle: 'Ana', displayName: 'Ana Ruiz' });
    const ben = await service.claim(2, { handle: 'ben', displayName: 'Ben' });
    const cal = await service.claim(3, { handle: 'cal', displayName: 'Cal' });
    return { db, service, ana, ben, cal, advance: (ms: number) => (clock += ms) };
  }

  it('claims unique handles in any case, by the server owner’s pattern, once per character', async () => {
    const { db, service, ana } = await setup({ blacklist: 'darn' });
    expect((await tableNames(db)).filter((name) => name.startsWith('handset_tweeder_')).length).toBe(10);
    expect(ana).toMatchObject({ handle: 'Ana', displayName: 'Ana Ruiz', phoneId: 1, verified: false, private: false });
    expect(await codeOf(service.claim(4, { handle: 'ANA', displayName: 'Copy' }))).toBe('ALREADY_EXISTS: @ANA is taken');
    expect(await codeOf(service.claim(1, { handle: 'other', displayName: 'Again' }))).toBe('ALREADY_EXISTS: you already have a Tweeder account');
    expect(await codeOf(service.claim(4, { handle: 'no spaces', displayName: 'X' }))).toBe('INVALID_INPUT: @no spaces is not a handle this server allows');
    expect(await codeOf(service.claim(4, { handle: 'darnit', displayName: 'X' }))).toBe('INVALID_INPUT: the handle uses a word this server does not allow');
    await expect(service.me(1)).resolves.toMatchObject({ handle: 'Ana', me: true, followers: 0, posts: 0, visible: true });
    await expect(service.me(4)).resolves.toBeNull();
    expect(await codeOf(service.mine(4))).toBe('FORBIDDEN: choose a Tweeder handle first');
  });

  it('posts, replies in threads, quotes, likes and reposts, with counts and a retried create posted once', async () => {
    const { service, ana, ben } = await setup();
    const first = await service.create(ana, post('Hello #LosSantos, @ben and @nobody', { clientId: 'one' }));
    expect(first.created).toBe(true);
    expect(first.notices).toEqual([[ben.id, 'mention']]);
    await expect(service.create(ana, post('Hello again', { clientId: 'one' }))).resolves.toMatchObject({ created: false, stored: { id: first.stored.id } });
    const shown = (await service.present(ben.id, [first.stored])).get(first.stored.id)!;
    expect(shown.parts).toEqual([{ text: 'Hello ' }, { text: '#LosSantos', hashtag: 'lossantos' }, { text: ', ' }, { text: '@ben', mention: 'ben' }, { text: ' and @nobody' }]);

    const reply = await service.create(ben, post('Hi Ana', { replyTo: first.stored.id }));
    expect(reply.notices).toEqual([[ana.id, 'reply']]);
    const nested = await service.create(ana, post('Hi Ben', { replyTo: reply.stored.id }));
    const thread = await service.thread(ben.id, nested.stored.id, 20);
    expect(thread.ancestors.map((ancestor) => ancestor.text)).toEqual(['Hello #LosSantos, @ben and @nobody', 'Hi Ana']);
    expect(thread.post.replyTo).toEqual({ id: reply.stored.id, handle: 'ben' });
    await expect(service.thread(ben.id, first.stored.id, 20)).resolves.toMatchObject({ replies: [{ text: 'Hi Ana', replies: 1 }], cursor: null });

    await expect(service.like(ben, first.stored.id, true)).resolves.toMatchObject({ post: { likes: 1, liked: true, replies: 1 }, notify: true });
    await expect(service.like(ben, first.stored.id, true)).resolves.toMatchObject({ post: { likes: 1 }, notify: false });
    const repost = await service.repost(ben, first.stored.id, true);
    expect(repost).toMatchObject({ post: { reposts: 1, reposted: true }, notify: true });
    const quote = await service.create(ben, post('So true', { quote: first.stored.id }));
    expect(quote.notices).toEqual([[ana.id, 'quote']]);
    expect(texts(await service.latestFeed(ana, undefined, 10))).toEqual(['So true', 'ben reposted Hello #LosSantos, @ben and @nobody', 'Hello #LosSantos, @ben and @nobody']);
    await expect(service.repost(ben, first.stored.id, false)).resolves.toMatchObject({ post: { reposts: 0 }, removed: repost.row!.id });
    expect(texts(await service.hashtag(ben, '#lossantos', undefined, 10))).toEqual(['Hello #LosSantos, @ben and @nobody']);
    expect(texts(await service.searchPosts(ben, 'HELLO', undefined, 10))).toEqual(['Hello #LosSantos, @ben and @nobody']);
    await expect(service.trends()).resolves.toEqual([{ tag: 'lossantos', posts: 1 }]);
  });

  it('pages feeds by keyset, newest first, each post once', async () => {
    const { service, ana, ben } = await setup({ posts_per_minute: '100' });
    for (let n = 1; n <= 7; n++) await service.create(ana, post(`post ${n}`));
    const first = await service.latestFeed(ben, undefined, 3);
    expect(texts(first)).toEqual(['post 7', 'post 6', 'post 5']);
    const second = await service.latestFeed(ben, first.cursor!, 3);
    expect(texts(second)).toEqual(['post 4', 'post 3', 'post 2']);
    await expect(service.latestFeed(ben, second.cursor!, 3).then(texts)).resolves.toEqual(['post 1']);
    expect((await service.latestFeed(ben, second.cursor!, 3)).cursor).toBeNull();
  });

  it('keeps a blocked account out both ways: feeds, threads, profiles, search, follows, replies and notifications', async () => {
    const { service, ana, ben, cal } = await setup();
    const anas = await service.create(ana, post('Ana speaks'));
    await follow(service, cal, ana.id);
    await follow(service, ana, cal.id);
    await service.graph.block(cal, ana.id);
    expect(texts(await service.latestFeed(cal, undefined, 10))).toEqual([]);
    expect(texts(await service.followingFeed(cal, undefined, 10))).toEqual([]);
    expect(texts(await service.latestFeed(ben, undefined, 10))).toEqual(['Ana speaks']);
    expect(await codeOf(service.thread(cal.id, anas.stored.id, 20))).toBe(`NOT_FOUND: no post ${anas.stored.id}`);
    expect(await codeOf(service.profile(ana.id, { id: cal.id }))).toBe(`NOT_FOUND: no account ${cal.id}`);
    expect(await codeOf(follow(service, ana, cal.id))).toBe(`NOT_FOUND: no account ${cal.id}`);
    const calsPost = await service.create(cal, post('Cal here'));
    expect(await codeOf(service.create(ana, post('reply', { replyTo: calsPost.stored.id })))).toBe(`NOT_FOUND: no post ${calsPost.stored.id}`);
    // Ana's mention of Cal notifies no one; the follows both ways ended with the block.
    expect((await service.create(ana, post('@cal are you there'))).notices).toEqual([]);
    await expect(service.relationsOf(cal.id, [ana.id])).resolves.toEqual(new Map([[ana.id, { following: 'no', followsYou: false, blocking: true, muting: false }]]));
    expect((await service.graph.search(cal, 'a', 10)).accounts.map((account) => account.handle)).toEqual([]);
    expect((await service.notifications(cal, { limit: 20 })).groups).toEqual([]);
    await service.graph.unblock(cal, ana.id);
    expect(texts(await service.latestFeed(cal, undefined, 10))).toEqual(['@cal are you there', 'Cal here', 'Ana speaks']);
  });

  it('shows a private account’s posts only to followers it accepted, and mutes hide an account from the muter’s feeds', async () => {
    const { service, ana, ben, cal } = await setup();
    await service.update(ana, { private: true, bio: ' Locked ' });
    await service.create(ana, post('for friends'));
    expect(texts(await service.latestFeed(ben, undefined, 10))).toEqual([]);
    await expect(service.profile(ben.id, { id: ana.id })).resolves.toMatchObject({ private: true, visible: false, bio: 'Locked', posts: 1 });
    await expect(service.profilePosts(ben.id, { id: ana.id, tab: 'posts', limit: 10 })).resolves.toEqual({ items: [], cursor: null });
    await expect(follow(service, ben, ana.id)).resolves.toMatchObject({ relation: { following: 'requested' }, notified: 'request' });
    expect((await service.graph.requests(ana, { limit: 10 })).accounts.map((account) => account.handle)).toEqual(['ben']);
    await service.graph.answer(ana, ben.id, true);
    expect(await codeOf(service.graph.answer(ana, ben.id, true))).toBe(`NOT_FOUND: no follow request from account ${ben.id}`);
    expect(texts(await service.followingFeed(ben, undefined, 10))).toEqual(['for friends']);
    expect(texts(await service.latestFeed(cal, undefined, 10))).toEqual([]);
    // Going public shows the posts made while private; going private again hides them.
    await service.update(ana, { private: false });
    expect(texts(await service.latestFeed(cal, undefined, 10))).toEqual(['for friends']);
    await service.update(ana, { private: true });
    expect(texts(await service.latestFeed(cal, undefined, 10))).toEqual([]);

    await service.create(cal, post('loud'));
    await service.graph.mute(ben, cal.id, true);
    expect(texts(await service.latestFeed(ben, undefined, 10))).toEqual(['for friends']);
    expect(texts(await service.profilePosts(ben.id, { id: cal.id, tab: 'posts', limit: 10 }))).toEqual(['loud']);
  });

  /** Five notifications for Ana, oldest first: Ben's and Cal's likes of her post, their follows, Ben's reply. */
  async function notifyAna({ service, ana, ben, cal }: Pick<Awaited<ReturnType<typeof setup>>, 'service' | 'ana' | 'ben' | 'cal'>) {
    const anas = await service.create(ana, post('like me'));
    await service.like(ben, anas.stored.id, true);
    await service.like(cal, anas.stored.id, true);
    await follow(service, ben, ana.id);
    await follow(service, cal, ana.id);
    await service.create(ben, post('nice', { replyTo: anas.stored.id }));
  }

  it('groups notifications as players read them, and counts what is unread', async () => {
    const { service, ana, ben, cal } = await setup();
    await notifyAna({ service, ana, ben, cal });
    const { groups } = await service.notifications(ana, { limit: 20 });
    expect(groups.map((group) => [group.kind, group.actors.map((actor) => actor.handle), group.count, group.post?.text ?? null, group.read])).toEqual([
      ['reply', ['ben'], 1, 'nice', false],
      ['follow', ['cal', 'ben'], 2, null, false],
      ['like', ['cal', 'ben'], 2, 'like me', false],
    ]);
    await expect(service.unread(ana.id)).resolves.toBe(5);
    await service.markRead(ana);
    await expect(service.unread(ana.id)).resolves.toBe(0);
  });

  it('keeps an account’s newest max_notifications notifications: each new one takes the oldest’s place', async () => {
    const { service, ana, ben, cal } = await setup({ max_notifications: '3' });
    await notifyAna({ service, ana, ben, cal });
    const { groups } = await service.notifications(ana, { limit: 20 });
    expect(groups.map((group) => [group.kind, group.actors.map((actor) => actor.handle), group.count])).toEqual([
      ['reply', ['ben'], 1],
      ['follow', ['cal', 'ben'], 2],
    ]);
    await expect(service.unread(ana.id)).resolves.toBe(3);
    // Another account's are its own.
    await follow(service, ana, ben.id);
    await expect(service.unread(ben.id)).resolves.toBe(1);
  });

  it('refuses too long, empty, blacklisted and off-host posts, past the rate and the cap, and a veto with its reason', async () => {
    const { service, ana, ben } = await setup({ max_length: '10', posts_per_minute: '3', blacklist: 'darn', max_posts: '3' });
    expect(await codeOf(service.create(ana, post('x'.repeat(11))))).toBe('INVALID_INPUT: a post is at most 10 characters');
    expect(await codeOf(service.create(ana, post('  ')))).toBe('INVALID_INPUT: write something or add a photo');
    expect(await codeOf(service.create(ana, post('oh DARN')))).toBe('INVALID_INPUT: the post uses a word this server does not allow');
    expect(await codeOf(service.create(ana, post('pic', { photos: ['https://evil.example/x.png'] })))).toBe('INVALID_INPUT: images must be https links on a host the server allows');
    service.addVeto((draft) => ((draft as { text: string }).text.includes('heist') ? 'no heists here' : undefined));
    expect(await codeOf(service.create(ana, post('heist?')))).toBe('INVALID_INPUT: no heists here');
    for (const n of [1, 2, 3]) await service.create(ana, post(`ok ${n}`));
    expect(await codeOf(service.create(ana, post('four')))).toBe('QUOTA_EXCEEDED: an account keeps at most 3 posts');
    await service.create(ben, post('b1'));
    await service.create(ben, post('b2'));
    await service.create(ben, post('b3'));
    await service.remove(ben.id, (await service.latestFeed(ben, undefined, 1)).items[0]!.id);
    expect(await codeOf(service.create(ben, post('b4')))).toBe('RATE_LIMITED: at most 3 posts a minute');
  });

  it('soft-deletes a post with its reposts, by its author or by anyone’s id for the server owner, and verifies handles', async () => {
    const { db, service, ana, ben } = await setup();
    const anas = await service.create(ana, post('delete me'));
    const repost = await service.repost(ben, anas.stored.id, true);
    expect(await codeOf(service.remove(ben.id, anas.stored.id))).toBe(`NOT_FOUND: no post ${anas.stored.id} of yours`);
    await expect(service.remove(null, anas.stored.id)).resolves.toMatchObject({ rows: [anas.stored.id, repost.row!.id] });
    expect(await codeOf(service.remove(null, anas.stored.id))).toBe(`NOT_FOUND: no post ${anas.stored.id}`);
    expect(texts(await service.latestFeed(ben, undefined, 10))).toEqual([]);
    await expect(db.select('SELECT COUNT(*) AS n FROM handset_tweeder_posts WHERE deleted_at IS NOT NULL')).resolves.toEqual([{ n: 2 }]);
    await expect(service.setVerified('ANA', true)).resolves.toBe(true);
    await expect(service.setVerified('nobody', true)).resolves.toBe(false);
    await expect(service.me(1)).resolves.toMatchObject({ verified: true });
  });

  it('counts trending hashtags by the hour over the owner’s window, read at most once a minute, less deleted posts', async () => {
    const { service, ana, ben, advance } = await setup({ trending_hours: '2', posts_per_minute: '100' });
    await service.create(ana, post('#Pier at dusk'));
    const gone = await service.create(ben, post('#pier #heist'));
    await service.create(ben, post('#heist again'));
    await service.create(ana, post('#Pier, always #pier'));
    await expect(service.trends()).resolves.toEqual([
      { tag: 'pier', posts: 3 },
      { tag: 'heist', posts: 2 },
    ]);
    await service.remove(ben.id, gone.stored.id);
    // Still the minute's answer.
    await expect(service.trends()).resolves.toEqual([
      { tag: 'pier', posts: 3 },
      { tag: 'heist', posts: 2 },
    ]);
    advance(61_000);
    await expect(service.trends()).resolves.toEqual([
      { tag: 'pier', posts: 2 },
      { tag: 'heist', posts: 1 },
    ]);
    // Two hours on, the window has moved past them.
    advance(2 * 3_600_000);
    await expect(service.trends()).resolves.toEqual([]);
  });

  it('stores reports of posts and accounts, up to the owner’s reports an hour', async () => {
    const { db, service, ana, ben } = await setup({ reports_per_hour: '2' });
    const bens = await service.create(ben, post('spam spam'));
    await expect(service.report(ana, { postId: bens.stored.id, reason: 'spam', details: 'ads' })).resolves.toMatchObject({ account: { handle: 'ben' }, post: { id: bens.stored.id } });
    await expect(service.report(ana, { accountId: ben.id, reason: 'impersonation', details: '' })).resolves.toMatchObject({ account: { handle: 'ben' }, post: null });
    expect(await codeOf(service.report(ana, { accountId: ben.id, reason: 'other', details: '' }))).toBe('RATE_LIMITED: at most 2 reports an hour');
    expect(await codeOf(service.report(ana, { accountId: 999, reason: 'other', details: '' }))).toBe('NOT_FOUND: no account 999');
    await expect(db.select('SELECT reporter_id, post_id, account_id, reason, details FROM handset_tweeder_reports ORDER BY id')).resolves.toEqual([
      { reporter_id: ana.id, post_id: bens.stored.id, account_id: ben.id, reason: 'spam', details: 'ads' },
      { reporter_id: ana.id, post_id: null, account_id: ben.id, reason: 'impersonation', details: '' },
    ]);
  });

  it('goes with its phone: deleting the character deletes their account, posts and follows', async () => {
    const { db, service, ana, ben } = await setup();
    await service.create(ana, post('bye'));
    await follow(service, ben, ana.id);
    await db.run('DELETE FROM handset_core_phones WHERE id = 1');
    await expect(db.select('SELECT COUNT(*) AS n FROM handset_tweeder_posts')).resolves.toEqual([{ n: 0 }]);
    await expect(db.select('SELECT COUNT(*) AS n FROM handset_tweeder_follows')).resolves.toEqual([{ n: 0 }]);
    await expect(service.accountByHandle('ana')).resolves.toBeNull();
  });
});

it('links only mentions of existing accounts and well-formed hashtags, keeping everything else as text', () => {
  expect(partsOf('<img src=x onerror=alert(1)> @ana #tag_1 # @', new Set(['ana']))).toEqual([
    { text: '<img src=x onerror=alert(1)> ' },
    { text: '@ana', mention: 'ana' },
    { text: ' ' },
    { text: '#tag_1', hashtag: 'tag_1' },
    { text: ' # @' },
  ]);
});
