import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { forEachDatabase, tableNames } from '../../../tests/core/storage/databases';
import { imageAllowedBy, migratePlugin } from '../../../tests/support/plugin-phones';
import { createCommentSchema, createPostSchema, type PostPage } from '../contract';
import { cloutgramMigrations } from './cloutgram.migrations';
import { createCloutgramService, PRUNE_BATCH } from './cloutgram.service';
import { readCloutgramSettings } from './cloutgram.settings';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof HandsetError ? `${error.code}: ${error.message}` : `not a HandsetError: ${String(error)}`),
  );
}

let made = 0;
const photo = (name: string) => `https://i.imgur.com/${name}.png`;
const post = (caption: string, fields: Record<string, unknown> = {}) => createPostSchema.parse({ clientId: `p${(made += 1)}`, photos: [photo(caption.split(' ')[0]!)], caption, ...fields });
const comment = (postId: number, text: string, fields: Record<string, unknown> = {}) => createCommentSchema.parse({ clientId: `c${(made += 1)}`, postId, text, ...fields });
const captions = (page: PostPage) => page.posts.map((shown) => shown.caption);
const HOUR = 3_600_000;

forEachDatabase((current) => {
  /** The migrations, three phones (ana 1, ben 2, cal 3) with accounts, a clock a second a call, and the service. */
  async function setup(overrides: Record<string, string> = {}) {
    const db = current();
    await migratePlugin(db, 'cloutgram', cloutgramMigrations);
    await db.run('INSERT INTO handset_core_phones (identifier, phone_number) VALUES (?, ?), (?, ?), (?, ?)', ['license:a', '5550001', 'license:b', '5550002', 'license:c', '5550003']);
    let clock = Date.UTC(2026, 0, 1);
    const settings = readCloutgramSettings((name, fallback) => overrides[name] ?? fallback, () => {});
    const service = createCloutgramService({ db, settings, imageAllowed: imageAllowedBy(['i.imgur.com']), now: () => (clock += 1000) });
    const ana = await service.graph.claim(1, { handle: 'Ana', displayName: 'Ana Ruiz' });
    const ben = await service.graph.claim(2, { handle: 'ben', displayName: 'Ben' });
    const cal = await service.graph.claim(3, { handle: 'cal', displayName: 'Cal' });
    return { db, service, ana, ben, cal, advance: (ms: number) => (clock += ms) };
  }

  it('claims unique handles by the server owner’s pattern, and shows profiles with their counts', async () => {
    const { db, service, ana, ben } = await setup({ blacklist: 'darn' });
    expect((await tableNames(db)).filter((name) => name.startsWith('handset_cloutgram_')).length).toBe(13);
    expect(await codeOf(service.graph.claim(4, { handle: 'ANA', displayName: 'Copy' }))).toBe('ALREADY_EXISTS: @ANA is taken');
    expect(await codeOf(service.graph.claim(1, { handle: 'other', displayName: 'Again' }))).toBe('ALREADY_EXISTS: you already have a Cloutgram account');
    expect(await codeOf(service.graph.claim(4, { handle: 'no spaces', displayName: 'X' }))).toBe('INVALID_INPUT: @no spaces is not a handle this server allows');
    expect(await codeOf(service.graph.claim(4, { handle: 'darnit', displayName: 'X' }))).toBe('INVALID_INPUT: the handle uses a word this server does not allow');
    expect(await codeOf(service.graph.mine(4))).toBe('FORBIDDEN: choose a Cloutgram handle first');
    await service.graph.follow(ben, ana.id);
    await service.create(ana, post('pier at dusk'));
    await expect(service.profile(ben.id, { handle: 'ana' })).resolves.toEqual({
      id: ana.id,
      handle: 'Ana',
      displayName: 'Ana Ruiz',
      avatar: null,
      verified: false,
      bot: false,
      bio: '',
      private: false,
      followers: 1,
      following: 0,
      posts: 1,
      me: false,
      relation: { following: 'yes', followsYou: false, blocking: false, muting: false },
      visible: true,
      story: 'none',
    });
  });

  it('posts 1-10 photos on allowed hosts once per client id, feeds them keyset-paged, and hides private and blocked authors', async () => {
    const { service, ana, ben, cal } = await setup({ caption_length: '20' });
    expect(await codeOf(service.create(ana, post('x', { photos: ['https://evil.example/x.png'] })))).toBe('INVALID_INPUT: images must be https links on a host the server allows');
    expect(await codeOf(service.create(ana, post('a caption far too long for this')))).toBe('INVALID_INPUT: a caption is at most 20 characters');
    expect(createPostSchema.safeParse({ clientId: 'x', photos: [] }).error?.issues[0]?.message).toBe('a post has 1-10 photos');
    const first = await service.create(ana, post('one', { clientId: 'same', photos: [photo('a'), photo('b'), photo('c')], location: 'Vespucci Beach' }));
    await expect(service.create(ana, post('again', { clientId: 'same' }))).resolves.toMatchObject({ created: false, stored: { id: first.stored.id } });
    expect(first.stored).toMatchObject({ photos: [photo('a'), photo('b'), photo('c')], caption: 'one', location: 'Vespucci Beach' });
    for (const caption of ['two', 'three']) await service.create(ana, post(caption));
    await service.create(cal, post('cal here'));

    await service.graph.follow(ben, ana.id);
    const page1 = await service.followingFeed(ben, undefined, 2);
    expect(captions(page1)).toEqual(['three', 'two']);
    expect(captions(await service.followingFeed(ben, page1.cursor!, 2))).toEqual(['one']);
    expect(captions(await service.exploreFeed(ben, undefined, 10))).toEqual(['cal here', 'three', 'two', 'one']);

    // Private: Explore and the grid drop Ana for Cal, who asks and is let in.
    await service.update(ana, { private: true });
    expect(captions(await service.exploreFeed(cal, undefined, 10))).toEqual(['cal here']);
    await expect(service.profilePosts(cal.id, { id: ana.id, limit: 10 })).resolves.toEqual({ posts: [], cursor: null });
    expect(await codeOf(service.visiblePost(cal.id, first.stored.id))).toBe(`NOT_FOUND: no post ${first.stored.id}`);
    await expect(service.graph.follow(cal, ana.id)).resolves.toMatchObject({ relation: { following: 'requested' }, asked: 'request' });
    await service.graph.answer(ana, cal.id, true);
    expect(captions(await service.profilePosts(cal.id, { id: ana.id, limit: 10 }))).toEqual(['three', 'two', 'one']);

    // A block either way: nothing of the other is served, and the follows end.
    await service.graph.block(ben, ana.id);
    expect(captions(await service.followingFeed(ben, undefined, 10))).toEqual([]);
    expect(await codeOf(service.profile(ana.id, { id: ben.id }))).toBe(`NOT_FOUND: no account ${ben.id}`);
    expect(await codeOf(service.like(ben, first.stored.id, true))).toBe(`NOT_FOUND: no post ${first.stored.id}`);
  });

  it('likes and saves once however often asked, comments with replies one level deep, and groups notifications', async () => {
    const { service, ana, ben, cal } = await setup();
    const { stored } = await service.create(ana, post('sunset'));
    await expect(service.like(ben, stored.id, true)).resolves.toMatchObject({ post: { likes: 1, liked: true }, notify: true });
    await expect(service.like(ben, stored.id, true)).resolves.toMatchObject({ post: { likes: 1, liked: true }, notify: false });
    await expect(service.like(cal, stored.id, true)).resolves.toMatchObject({ post: { likes: 2 }, notify: true });
    await expect(service.like(ana, stored.id, true)).resolves.toMatchObject({ post: { likes: 3 }, notify: false });
    await expect(service.save(ben, stored.id, true)).resolves.toMatchObject({ saved: true });
    await expect(service.save(ben, stored.id, true)).resolves.toMatchObject({ saved: true });
    expect(captions(await service.saved(ben, { limit: 10 }))).toEqual(['sunset']);

    const top = await service.comment(ben, comment(stored.id, 'Beautiful!', { clientId: 'ben-1' }));
    expect(top).toMatchObject({ created: true, notices: [[ana.id, 'comment']], comment: { text: 'Beautiful!', parentId: null, replies: 0 } });
    await expect(service.comment(ben, comment(stored.id, 'Beautiful!', { clientId: 'ben-1' }))).resolves.toMatchObject({ created: false, comment: { id: top.comment.id } });
    const reply = await service.comment(cal, comment(stored.id, 'Agreed', { parentId: top.comment.id }));
    expect(reply.notices).toEqual([[ben.id, 'reply'], [ana.id, 'comment']]);
    expect(await codeOf(service.comment(ana, comment(stored.id, 'deeper', { parentId: reply.comment.id })))).toBe(`NOT_FOUND: no comment ${reply.comment.id} on post ${stored.id}`);
    await expect(service.likeComment(ana, top.comment.id, true)).resolves.toMatchObject({ comment: { likes: 1, liked: true }, notify: true });
    await expect(service.comments(ana.id, { postId: stored.id, limit: 10 })).resolves.toMatchObject({ comments: [{ text: 'Beautiful!', replies: 1, likes: 1 }], cursor: null });
    await expect(service.comments(ana.id, { postId: stored.id, parentId: top.comment.id, limit: 10 })).resolves.toMatchObject({ comments: [{ text: 'Agreed', author: { handle: 'cal' } }] });
    expect((await service.visiblePost(ana.id, stored.id)).post.comments).toBe(2);

    const groups = (await service.notifications(ana, { limit: 10 })).groups.map((group) => [group.kind, group.actors.map((actor) => actor.handle), group.count, group.text]);
    expect(groups).toEqual([
      ['comment', ['cal'], 1, 'Agreed'],
      ['comment', ['ben'], 1, 'Beautiful!'],
      ['like', ['cal', 'ben'], 2, null],
    ]);
    await expect(service.unread(ana.id)).resolves.toBe(4);
    await service.markRead(ana);
    await expect(service.unread(ana.id)).resolves.toBe(0);

    // The post's author may delete anyone's comment on it; others only their own.
    expect(await codeOf(service.deleteComment(cal, top.comment.id))).toBe(`NOT_FOUND: no comment ${top.comment.id} you may delete`);
    await service.deleteComment(ana, top.comment.id);
    expect((await service.visiblePost(ben.id, stored.id)).post.comments).toBe(1);
    await service.remove(ana.id, stored.id);
    expect(captions(await service.saved(ben, { limit: 10 }))).toEqual([]);
    expect(await codeOf(service.remove(ana.id, stored.id))).toBe(`NOT_FOUND: no post ${stored.id} of yours`);
  });

  it('serves stories for the owner’s hours to followers only, with viewers for the author, and prunes them in batches', async () => {
    const { db, service, ana, ben, cal, advance } = await setup();
    await service.graph.follow(ben, ana.id);
    const { story } = await service.createStory(ana, { clientId: 's1', photo: photo('story') });
    await expect(service.createStory(ana, { clientId: 's1', photo: photo('story') })).resolves.toMatchObject({ created: false, story: { id: story.id } });
    await expect(service.tray(ben, { limit: 10 })).resolves.toMatchObject({ rings: [{ account: { handle: 'Ana' }, seen: false }], cursor: null });
    await expect(service.tray(cal, { limit: 10 })).resolves.toEqual({ rings: [], cursor: null });
    await expect(service.profile(ben.id, { id: ana.id })).resolves.toMatchObject({ story: 'unseen' });
    await service.view(ben, story.id);
    await service.view(ben, story.id);
    await service.view(ana, story.id);
    await expect(service.tray(ben, { limit: 10 })).resolves.toMatchObject({ rings: [{ seen: true }] });
    // A mute takes the account out of the tray, and out of the feeds.
    await service.create(ana, post('muted'));
    await expect(service.graph.mute(ben, ana.id, true)).resolves.toMatchObject({ following: 'yes', muting: true });
    await expect(service.tray(ben, { limit: 10 })).resolves.toEqual({ rings: [], cursor: null });
    expect(captions(await service.followingFeed(ben, undefined, 10))).toEqual([]);
    expect(captions(await service.exploreFeed(ben, undefined, 10))).toEqual([]);
    await service.graph.mute(ben, ana.id, false);
    expect(captions(await service.followingFeed(ben, undefined, 10))).toEqual(['muted']);
    await expect(service.storiesOf(ana.id, ana.id)).resolves.toMatchObject([{ id: story.id, views: 1 }]);
    await expect(service.storiesOf(ben.id, ana.id)).resolves.toMatchObject([{ id: story.id, views: null, seen: true }]);
    await expect(service.viewers(ana, { id: story.id, limit: 10 })).resolves.toMatchObject({ accounts: [{ handle: 'ben' }], cursor: null });
    expect(await codeOf(service.viewers(ben, { id: story.id, limit: 10 }))).toBe(`NOT_FOUND: no story ${story.id} of yours`);
    await expect(service.replyTo(ben, story.id, 'Nice!')).resolves.toMatchObject({ id: ana.id });
    expect(await codeOf(service.replyTo(ana, story.id, 'Me'))).toBe('INVALID_INPUT: you cannot reply to your own story');

    // A day later it is never served, and the prune deletes it with its views, PRUNE_BATCH at a time.
    advance(24 * HOUR);
    await expect(service.tray(ben, { limit: 10 })).resolves.toEqual({ rings: [], cursor: null });
    await expect(service.storiesOf(ben.id, ana.id)).resolves.toEqual([]);
    expect(await codeOf(service.view(ben, story.id))).toBe(`NOT_FOUND: no story ${story.id}`);
    expect(await codeOf(service.replyTo(ben, story.id, 'late'))).toBe(`NOT_FOUND: no story ${story.id}`);
    const expired = Array.from({ length: PRUNE_BATCH + 20 }, (_, index) => [ana.id, photo(`old${index}`), 0, 1, 2]);
    await db.run(`INSERT INTO handset_cloutgram_stories (author_id, photo, author_private, created_at, expires_at) VALUES ${expired.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, expired.flat());
    await expect(service.pruneStories()).resolves.toBe(PRUNE_BATCH + 21);
    await expect(db.select('SELECT COUNT(*) AS n FROM handset_cloutgram_stories')).resolves.toEqual([{ n: 0 }]);
    await expect(db.select('SELECT COUNT(*) AS n FROM handset_cloutgram_story_views')).resolves.toEqual([{ n: 0 }]);
  });

  it('holds each account to the owner’s caps and rates, refusing with nothing stored', async () => {
    const { db, service, ana, ben, advance } = await setup({ max_posts: '2', max_saves: '1', max_stories: '1', max_comments: '1', posts_per_minute: '2', comments_per_minute: '600', max_notifications: '2' });
    const a = await service.create(ana, post('a'));
    const b = await service.create(ana, post('b'));
    expect(await codeOf(service.create(ana, post('c')))).toBe('QUOTA_EXCEEDED: an account keeps at most 2 posts');
    await service.save(ben, a.stored.id, true);
    expect(await codeOf(service.save(ben, b.stored.id, true))).toBe('QUOTA_EXCEEDED: you can save at most 1 posts');
    advance(60_000);
    await service.createStory(ana, { clientId: 's1', photo: photo('s') });
    expect(await codeOf(service.createStory(ana, { clientId: 's2', photo: photo('s') }))).toBe('QUOTA_EXCEEDED: at most 1 stories at a time');
    await service.comment(ben, comment(a.stored.id, 'first'));
    expect(await codeOf(service.comment(ben, comment(a.stored.id, 'second')))).toBe('QUOTA_EXCEEDED: a post takes at most 1 comments');
    await service.remove(ana.id, b.stored.id);
    expect(await codeOf(service.create(ben, post('x')))).toBe('resolved');
    expect(await codeOf(service.create(ben, post('y')))).toBe('resolved');
    expect(await codeOf(service.createStory(ben, { clientId: 'bs', photo: photo('s') }))).toBe('RATE_LIMITED: at most 2 posts and stories a minute');
    await expect(db.select('SELECT COUNT(*) AS n FROM handset_cloutgram_posts WHERE author_id = ?', [ben.id])).resolves.toEqual([{ n: 2 }]);
    // Notifications: Ana keeps her newest two.
    await service.like(ben, a.stored.id, true);
    await expect(db.select('SELECT kind FROM handset_cloutgram_notifications WHERE recipient_id = ? ORDER BY id', [ana.id])).resolves.toEqual([{ kind: 'comment' }, { kind: 'like' }]);
  });
});
