import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { createExecutor } from '../../core/server/storage/drivers';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { repoRoot } from '../support/handset';
import { eventually, manifest } from '../support/simulation';

/** A staff script written for 919PHONE, unchanged: it only knows amzn_smartphone's export. */
const moderation = {
  'fxmanifest.lua': manifest(`server_script 'server.lua'`),
  'server.lua': `
RegisterCommand('cloutgram_delete', function(_, args)
  CreateThread(function()
    print('deleted ' .. tostring(exports['amzn_smartphone']:deleteCloutgramPost(tonumber(args[1]))))
  end)
end, true)
`,
};

const CAPTION = 'Golden hour at the pier <img src=x onerror="xss=1">';
const PHOTOS = ['https://i.imgur.com/pier.png', 'https://i.imgur.com/wheel.png', 'https://i.imgur.com/sunset.png'];

describe.skipIf(!hasChromium)(`three players on Cloutgram, with a story, a block and a moderator, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;
  let c: PhoneScreen;
  let appA: Frame;
  let appB: Frame;
  let appC: Frame;
  let postId = 0;

  const open = async (screen: PhoneScreen) => {
    await screen.openPhone();
    await screen.unlock();
    return screen.openApp('Cloutgram', 'cloutgram');
  };
  const signUp = async (frame: Frame, handle: string, name: string) => {
    await frame.getByLabel('Handle').fill(handle);
    await frame.getByLabel('Name').fill(name);
    await frame.getByRole('button', { name: 'Sign up' }).click();
    await frame.getByRole('tab', { name: 'Home' }).waitFor();
  };
  const posts = (frame: Frame) => frame.locator('article.post');
  const messagesBetween = async (screen: PhoneScreen, other: PhoneScreen) => {
    const { threadId } = await screen.ask<{ threadId: string }>('messages', 'threads.direct', { number: other.number.replace(/\D/g, '') });
    const page = await screen.ask<{ messages: { body: string }[] }>('messages', 'messages.list', { threadId, limit: 20 });
    return page.messages.map((message) => message.body);
  };

  beforeAll(async () => {
    sandbox = await openSandbox({ convars: { 'handset:compat': 'amzn_smartphone' }, resources: { moderation } });
    [a, b, c] = [await sandbox.connect(), await sandbox.connect(), await sandbox.connect()];
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  it('signs three players up; B finds A and follows, and C blocks A', async () => {
    appA = await open(a);
    await appA.getByText('Join Cloutgram').waitFor();
    await signUp(appA, 'ana', 'Ana');
    appB = await open(b);
    await signUp(appB, 'ben', 'Ben');
    appC = await open(c);
    await signUp(appC, 'cal', 'Cal');

    await appB.getByRole('tab', { name: 'Explore' }).click();
    await appB.getByRole('searchbox', { name: 'Search Cloutgram' }).fill('an');
    await appB.getByRole('button', { name: '@ana' }).click();
    await appB.getByRole('button', { name: 'Follow', exact: true }).click();
    await appB.getByRole('button', { name: 'Following', exact: true }).waitFor();
    await appB.getByRole('button', { name: 'Back' }).click();
    await appB.getByRole('searchbox', { name: 'Search Cloutgram' }).fill('');
    await appB.getByRole('tab', { name: 'Home' }).click();

    const ana = await c.ask<{ accounts: { id: number }[] }>('cloutgram', 'search.accounts', { query: 'ana', limit: 1 });
    await c.ask('cloutgram', 'blocks.block', { id: ana.accounts[0]!.id });
    await appC.getByRole('tab', { name: 'Explore' }).click();
  }, 60_000);

  it('A posts three photos and a story; B sees both live, C sees nothing of A', async () => {
    for (const [index, url] of PHOTOS.entries()) await a.ask('photos', 'photos.add', { clientId: `p${index}`, url });
    await appA.getByRole('tab', { name: 'New post' }).click();
    for (const index of [1, 2, 3]) {
      await appA.getByRole('button', { name: 'Add photo' }).click();
      await a.shell.getByRole('dialog', { name: 'Choose a photo' }).getByRole('button', { name: `Photo ${index}`, exact: true }).click();
      await appA.locator('.compose-photos img').nth(index - 1).waitFor();
    }
    await appA.getByLabel('Caption').fill(CAPTION);
    await appA.getByLabel('Location').fill('Del Perro Pier');
    await appA.getByRole('button', { name: 'Share' }).click();
    await appA.getByRole('tab', { name: 'Home', selected: true }).waitFor();

    const post = posts(appB).first();
    await post.locator('.caption-text').waitFor();
    await expect(post.locator('.caption-text').textContent()).resolves.toBe(CAPTION);
    await expect(post.locator('.location').textContent()).resolves.toBe('Del Perro Pier');
    // The gallery lists the newest first: Photo 1 is the last one added.
    const shown = await post.getByRole('img', { name: 'Photo 1 of 3' }).getAttribute('src');
    await post.getByRole('button', { name: 'Next photo' }).click();
    await expect(post.getByRole('img', { name: 'Photo 2 of 3' }).getAttribute('src')).resolves.not.toBe(shown);
    expect(await appB.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();
    const feed = await b.ask<{ posts: { id: number; photos: string[] }[] }>('cloutgram', 'feed.following', { limit: 5 });
    postId = feed.posts[0]!.id;
    expect([...feed.posts[0]!.photos].sort()).toEqual([...PHOTOS].sort());

    await appA.getByRole('button', { name: 'Add to your story' }).click();
    await a.shell.getByRole('dialog', { name: 'Choose a photo' }).getByRole('button', { name: 'Photo 1', exact: true }).click();
    await appA.getByRole('button', { name: 'Your story', exact: true }).waitFor();
    await appB.getByRole('button', { name: 'Story of @ana' }).waitFor();

    // C, who blocked A: Explore, the stories tray and A's profile show nothing of A.
    await appC.waitForTimeout(300);
    await expect(appC.getByRole('button', { name: 'Post by @ana' }).count()).resolves.toBe(0);
    await expect(c.ask('cloutgram', 'feed.explore', { limit: 10 })).resolves.toEqual({ posts: [], cursor: null });
    await expect(c.ask('cloutgram', 'stories.tray', { limit: 10 })).resolves.toEqual({ rings: [], cursor: null });
    await expect(c.request('cloutgram', 'posts.get', { id: postId })).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `no post ${postId}` } });
  }, 60_000);

  it('B likes, comments, watches the story and replies; the reply is in both players’ Messages; A sees B among the viewers', async () => {
    const post = posts(appB).first();
    await post.getByRole('button', { name: 'Like, 0' }).click();
    await post.getByRole('button', { name: 'Like, 1', pressed: true }).waitFor();
    await post.getByRole('button', { name: 'Comments, 0' }).click();
    await appB.getByLabel('Add a comment').fill('Beautiful!');
    await appB.getByRole('button', { name: 'Post', exact: true }).click();
    await appB.locator('.comment-text').filter({ hasText: 'Beautiful!' }).waitFor();
    await appB.getByRole('button', { name: 'Back' }).click();

    await appB.getByRole('button', { name: 'Story of @ana' }).click();
    await appB.getByRole('img', { name: 'Story photo' }).waitFor();
    await appB.getByLabel('Reply to @ana').fill('Love this view');
    await appB.getByRole('button', { name: 'Send' }).click();
    await appB.getByText('Reply sent in Messages.').waitFor();
    await appB.getByRole('button', { name: 'Close' }).click();
    await eventually(async () => expect(await messagesBetween(b, a)).toEqual(['Replied to your story: Love this view']));
    await expect(messagesBetween(a, b)).resolves.toEqual(['Replied to your story: Love this view']);

    // The follow, the like and the comment: three unread, grouped.
    await appA.getByRole('tab', { name: 'Activity (3)' }).click();
    const rows = appA.locator('.notification-text');
    await eventually(async () => expect(await rows.allTextContents()).toEqual(['ben commented on your post', 'ben liked your post', 'ben started following you']));
    await appA.getByRole('tab', { name: 'Activity', exact: true }).waitFor();

    await appA.getByRole('tab', { name: 'Home' }).click();
    await appA.getByRole('button', { name: 'Your story', exact: true }).click();
    await appA.getByRole('button', { name: '1 viewer' }).click();
    await appA.getByRole('button', { name: '@ben' }).waitFor();
    await appA.getByRole('button', { name: 'Back' }).click();
    await appA.getByRole('button', { name: 'Close' }).click();
    await b.shell.locator('[data-phone]').screenshot({ path: path.join(repoRoot, 'docs/screenshots/cloutgram.png'), animations: 'disabled' });
  }, 60_000);

  it('a moderator’s deleteCloutgramPost, from a Lua resource, drops the post from every open feed', async () => {
    const { sim, printed } = sandbox.simulation;
    await posts(appA).first().waitFor();
    sim.executeCommand(`cloutgram_delete ${postId}`, 0);
    await eventually(() => expect(printed('moderation')).toEqual(['deleted true']));
    for (const frame of [appA, appB]) await posts(frame).first().waitFor({ state: 'detached' });
    sim.executeCommand(`cloutgram_delete ${postId}`, 0);
    await eventually(() => expect(printed('moderation')).toEqual(['deleted true', 'deleted false']));
    await expect(b.request('cloutgram', 'posts.get', { id: postId })).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `no post ${postId}` } });
  }, 60_000);

  it('a story older than 24 hours is gone from the tray and its account', async () => {
    const database = createExecutor(sandbox.simulation.database.connection);
    try {
      const day = 24 * 3_600_000;
      await database.query('UPDATE handset_cloutgram_stories SET created_at = created_at - ?, expires_at = expires_at - ?', [day + 60_000, day + 60_000]);
    } finally {
      await database.close();
    }
    // Leaving Home and coming back loads the tray anew.
    await appB.getByRole('tab', { name: 'Explore' }).waitFor();
    await appB.getByRole('tab', { name: 'Explore' }).click();
    await appB.getByRole('tab', { name: 'Home' }).click();
    await appB.getByRole('list', { name: 'Stories' }).waitFor();
    await expect(appB.getByRole('button', { name: 'Story of @ana' }).count()).resolves.toBe(0);
    const ana = await b.ask<{ accounts: { id: number }[] }>('cloutgram', 'search.accounts', { query: 'ana', limit: 1 });
    await expect(b.ask('cloutgram', 'stories.of', { accountId: ana.accounts[0]!.id })).resolves.toEqual([]);
    await expect(b.ask('cloutgram', 'profiles.get', { id: ana.accounts[0]!.id })).resolves.toMatchObject({ story: 'none' });
  }, 60_000);
  it('offers nothing no one can press: a tour of every screen, by B with A and C', async () => {
    const menu = (frame: Frame) => frame.getByRole('menu');
    const reasons = ['Spam', 'Harassment', 'Hate', 'Violence', 'Impersonation', 'Something else'];
    // A posts two photos (one from the camera) and two stories; B follows A again from A's profile later.
    await appA.getByRole('tab', { name: 'New post' }).click();
    await appA.getByRole('button', { name: 'Take photo' }).click();
    const camera = a.shell.getByRole('dialog', { name: 'Camera' });
    await camera.getByRole('button', { name: 'Take photo' }).click();
    await camera.waitFor({ state: 'detached' });
    for (const index of [1, 2]) {
      await appA.getByRole('button', { name: 'Add photo' }).click();
      await a.shell.getByRole('dialog', { name: 'Choose a photo' }).getByRole('button', { name: `Photo ${index}`, exact: true }).click();
      await appA.locator('.compose-photos img').nth(index).waitFor();
    }
    await appA.getByRole('button', { name: 'Remove photo' }).last().click();
    await appA.getByLabel('Caption').fill('Second round');
    await appA.getByRole('button', { name: 'Share' }).click();
    await appA.getByRole('tab', { name: 'Home', selected: true }).waitFor();
    await appA.getByRole('button', { name: 'Add to your story' }).click();
    await a.shell.getByRole('dialog', { name: 'Choose a photo' }).getByRole('button', { name: 'Photo 1', exact: true }).click();
    await appA.locator('.add-story').click();
    await a.shell.getByRole('dialog', { name: 'Choose a photo' }).getByRole('button', { name: 'Photo 2', exact: true }).click();
    await eventually(async () => expect(await a.ask<unknown[]>('cloutgram', 'stories.of', { accountId: (await a.ask<{ id: number }>('cloutgram', 'profiles.me', {})).id })).toHaveLength(2), 5000);

    // B: the post's photos, like and unlike, save, comments, a reply and its cancel, the menu and its report reasons.
    const post = posts(appB).filter({ hasText: 'Second round' });
    await post.waitFor();
    await post.getByRole('button', { name: 'Next photo' }).click();
    await post.getByRole('button', { name: 'Previous photo' }).click();
    await post.getByRole('button', { name: 'Like, 0' }).click();
    await post.getByRole('button', { name: 'Like, 1' }).click();
    await post.getByRole('button', { name: 'Like, 0' }).click();
    await post.getByRole('button', { name: 'Save' }).click();
    await post.getByRole('button', { name: 'Save', pressed: true }).waitFor();
    await post.getByRole('button', { name: 'Comments, 0' }).click();
    const screenOfPost = appB.getByRole('region', { name: 'Post' });
    await appB.getByLabel('Add a comment').fill('First!');
    await appB.getByRole('button', { name: 'Post', exact: true }).click();
    const comment = appB.locator('li.comment').filter({ hasText: 'First!' });
    await comment.getByRole('button', { name: 'Like comment, 0' }).click();
    await comment.getByRole('button', { name: 'Like comment, 1' }).waitFor();
    // The counts arrive pushed, a second after the change.
    await screenOfPost.getByRole('button', { name: 'Comments, 1' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await post.getByRole('button', { name: 'View 1 comment' }).click();
    await comment.getByRole('button', { name: 'Reply' }).click();
    await appB.getByRole('button', { name: 'Cancel reply' }).click();
    await comment.getByRole('button', { name: 'Reply' }).click();
    await appB.getByLabel('Add a comment').fill('@ben and again');
    await appB.getByRole('button', { name: 'Post', exact: true }).click();
    await comment.getByRole('button', { name: 'View 1 reply' }).click();
    await comment.locator('.comment-text').filter({ hasText: 'and again' }).waitFor();
    await screenOfPost.getByRole('button', { name: 'Comments, 2' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await post.getByRole('button', { name: 'View all 2 comments' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await post.getByRole('button', { name: 'More options' }).click();
    await menu(appB).getByRole('menuitem', { name: 'Liked by' }).click();
    await appB.getByRole('button', { name: '@ben' }).waitFor();
    await appB.getByRole('button', { name: 'Back' }).click();
    for (const reason of reasons) {
      await post.getByRole('button', { name: 'More options' }).click();
      await menu(appB).getByRole('menuitem', { name: 'Report post' }).click();
      await menu(appB).getByRole('menuitem', { name: reason }).click();
      await appB.getByText('Thanks. The server’s staff will look at it.').waitFor();
    }
    await post.getByRole('button', { name: 'More options' }).click();
    await menu(appB).getByRole('menuitem', { name: 'Block @ana' }).click();
    await b.shell.getByRole('dialog', { name: 'Block @ana?' }).getByRole('button', { name: 'Cancel' }).click();
    await post.getByRole('button', { name: 'More options' }).click();
    await menu(appB).getByRole('button', { name: 'Cancel' }).click();

    // B: A's stories one by one, then A's profile: its lists, unfollow and follow again, mute and unmute.
    await appB.getByRole('button', { name: 'Story of @ana' }).click();
    await appB.getByRole('button', { name: 'Next' }).click();
    await appB.getByRole('button', { name: 'Next' }).click();
    await appB.getByRole('list', { name: 'Stories' }).waitFor();
    await post.getByRole('button', { name: '@ana' }).click();
    const profile = appB.getByRole('region', { name: 'Profile' });
    await profile.getByRole('button', { name: 'Story of @ana' }).click();
    await appB.getByRole('button', { name: 'Close' }).click();
    await profile.getByRole('button', { name: '1 follower' }).click();
    await appB.getByRole('button', { name: '@ben' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await profile.getByRole('button', { name: '0 following' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await profile.getByRole('button', { name: 'Post by @ana' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await profile.getByRole('button', { name: 'Following', exact: true }).click();
    await profile.getByRole('button', { name: 'Follow', exact: true }).click();
    await profile.getByRole('button', { name: 'Following', exact: true }).waitFor();
    for (const action of ['Mute @ana', 'Unmute @ana', 'Report account']) {
      await profile.getByRole('button', { name: 'More options' }).click();
      await menu(appB).getByRole('menuitem', { name: action }).click();
    }
    await menu(appB).getByRole('menuitem', { name: 'Spam' }).click();
    await profile.getByRole('button', { name: 'More options' }).click();
    await menu(appB).getByRole('menuitem', { name: 'Block @ana' }).click();
    await b.shell.getByRole('dialog', { name: 'Block @ana?' }).getByRole('button', { name: 'Cancel' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();

    // B: Explore and its search, then B's own profile and every list and screen on it.
    await appB.getByRole('tab', { name: 'Explore' }).click();
    await appB.getByRole('button', { name: 'Post by @ana' }).first().click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await appB.getByRole('searchbox', { name: 'Search Cloutgram' }).fill('cal');
    await appB.getByRole('button', { name: 'Clear' }).click();
    await appB.getByRole('tab', { name: 'Profile' }).click();
    const mine = appB.getByRole('tabpanel');
    await mine.getByRole('button', { name: '0 followers' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await mine.getByRole('button', { name: '1 following' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    for (const list of ['Saved', 'Blocked', 'Muted']) {
      await mine.getByRole('button', { name: list, exact: true }).click();
      await appB.getByRole('button', { name: 'Back' }).click();
    }
    await mine.getByRole('button', { name: 'Edit profile' }).click();
    await appB.getByRole('button', { name: 'Change profile photo' }).click();
    await b.shell.getByRole('dialog', { name: 'Choose a photo' }).getByRole('button', { name: 'Cancel' }).click();
    await appB.getByRole('switch', { name: 'Private account' }).click();
    await appB.getByRole('switch', { name: 'Private account' }).click();
    await appB.getByLabel('Bio').fill('Photos of the pier');
    await appB.getByRole('button', { name: 'Done' }).click();
    await mine.getByText('Photos of the pier').waitFor();

    // Activity as its count rises: A follows B (one unread), then likes B's post and comments on it.
    await appB.getByRole('tab', { name: 'New post' }).click();
    await appB.getByRole('button', { name: 'Add photo' }).click();
    await b.shell.getByRole('dialog', { name: 'Choose a photo' }).getByRole('button', { name: 'Cancel' }).click();
    await appB.getByRole('tab', { name: 'Home' }).click();
    const ben = await a.ask<{ accounts: { id: number }[] }>('cloutgram', 'search.accounts', { query: 'ben', limit: 1 });
    await a.ask('cloutgram', 'follows.follow', { id: ben.accounts[0]!.id });
    await appB.getByRole('tab', { name: 'Activity (1)' }).click();
    await appB.getByRole('tab', { name: 'Activity', exact: true }).waitFor();
    await appB.getByRole('button', { name: 'ana started following you' }).click();
    await appB.getByRole('button', { name: 'Back' }).click();
    await appB.getByRole('tab', { name: 'Home' }).click();
    const benPost = await b.ask<{ id: number }>('cloutgram', 'posts.create', { clientId: 'b-tour', photos: ['https://i.imgur.com/ben.png'], caption: 'mine' });
    await a.ask('cloutgram', 'posts.like', { id: benPost.id, liked: true });
    await a.ask('cloutgram', 'comments.create', { clientId: 'a-tour', postId: benPost.id, text: 'Nice one' });
    await appB.getByRole('tab', { name: 'Activity (2)' }).click();
    await appB.getByRole('tab', { name: 'Activity', exact: true }).click();
    await appB.getByRole('button', { name: 'ana liked your post' }).click();
    const own = appB.getByRole('region', { name: 'Post' }).locator('article.post');
    await own.getByRole('button', { name: '@ben' }).click();
    await appB.getByRole('region', { name: 'Profile' }).getByRole('button', { name: '1 follower' }).waitFor();
    await appB.getByRole('button', { name: 'Back' }).click();
    await own.getByRole('button', { name: 'More options' }).click();
    await menu(appB).getByRole('menuitem', { name: 'Delete post' }).click();
    await b.shell.getByRole('dialog', { name: 'Delete this post?' }).getByRole('button', { name: 'Cancel' }).click();
    const theirs = appB.locator('li.comment').filter({ hasText: 'Nice one' });
    await theirs.getByRole('button', { name: 'Delete' }).click();
    await theirs.waitFor({ state: 'detached' });
    await appB.getByRole('button', { name: 'Back' }).click();

    // C, who blocked A, unblocks A from the Blocked list.
    await appC.getByRole('tab', { name: 'Profile' }).click();
    await appC.getByRole('button', { name: 'Blocked', exact: true }).click();
    await appC.getByRole('button', { name: 'Unblock', exact: true }).click();
    await appC.getByText('No one here.').waitFor();
    await appC.getByRole('button', { name: 'Back' }).click();
    expect(sandbox.buttons.unpressed('cloutgram')).toEqual([]);
  }, 120_000);
});
