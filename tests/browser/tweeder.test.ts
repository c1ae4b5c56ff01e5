import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { repoRoot } from '../support/handset';
import { eventually, manifest } from '../support/simulation';

/** A staff script written for 919PHONE, unchanged: it only knows amzn_smartphone's export. */
const moderation = {
  'fxmanifest.lua': manifest(`server_script 'server.lua'`),
  'server.lua': `
RegisterCommand('tweeder_delete', function(_, args)
  CreateThread(function()
    print('deleted ' .. tostring(exports['amzn_smartphone']:deleteTweederPost(tonumber(args[1]))))
  end)
end, true)
`,
};

/** What a stored XSS would try through a display name and a post: it must stay text. */
const NAME = '<img src=x onerror="xss=1">';
const TEXT = 'Sunset at the pier #LosSantos <script>xss=2</script>';

describe.skipIf(!hasChromium)(`three players on Tweeder, with a block and a moderator, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;
  let c: PhoneScreen;
  let tweederA: Frame;
  let tweederB: Frame;
  let tweederC: Frame;
  let postId = 0;

  /** Asks an app's server side as the shell does for the app's page. */
  const ask = <T>(screen: PhoneScreen, appId: string, action: string, payload: unknown) => screen.ask<T>(appId, action, payload);
  const open = async (screen: PhoneScreen) => {
    await screen.openPhone();
    await screen.unlock();
    return screen.openApp('Tweeder', 'tweeder');
  };
  const signUp = async (frame: Frame, handle: string, name: string) => {
    await frame.getByLabel('Handle').fill(handle);
    await frame.getByLabel('Name').fill(name);
    await frame.getByRole('button', { name: 'Sign up' }).click();
    await frame.getByRole('tab', { name: 'Following' }).waitFor();
  };
  const articles = (frame: Frame) => frame.locator('article.post');

  beforeAll(async () => {
    sandbox = await openSandbox({ convars: { 'handset:compat': 'amzn_smartphone' }, resources: { moderation } });
    [a, b, c] = [await sandbox.connect(), await sandbox.connect(), await sandbox.connect()];
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  it('signs three players up; B follows A, and C blocks A', async () => {
    tweederA = await open(a);
    await tweederA.getByText('Join Tweeder').waitFor();
    await signUp(tweederA, 'ana', NAME);
    tweederB = await open(b);
    await signUp(tweederB, 'ben', 'Ben');
    tweederC = await open(c);
    await signUp(tweederC, 'cal', 'Cal');

    // B finds A in Search and follows from the profile.
    await tweederB.getByRole('tab', { name: 'Search' }).click();
    await tweederB.getByRole('searchbox', { name: 'Search Tweeder' }).fill('an');
    await tweederB.getByRole('button', { name: '@ana' }).click();
    await tweederB.getByRole('button', { name: 'Follow', exact: true }).click();
    await tweederB.getByRole('button', { name: 'Following', exact: true }).waitFor();
    await tweederB.getByRole('button', { name: 'Back' }).click();
    await tweederB.getByRole('tab', { name: 'Home' }).click();

    // C blocks A from A's profile menu, after a confirm.
    const ana = await ask<{ accounts: { id: number }[] }>(c, 'tweeder', 'search.accounts', { query: 'ana', limit: 1 });
    await ask(c, 'tweeder', 'blocks.block', { id: ana.accounts[0]!.id });
    await tweederC.getByRole('tab', { name: 'Latest' }).click();
  }, 60_000);

  it('A posts with a photo; B sees it live in Following, as text; C, who blocked A, sees nothing', async () => {
    await ask(a, 'photos', 'photos.add', { clientId: 'pier', url: 'https://i.imgur.com/pier.png' });
    await tweederA.getByRole('button', { name: 'New post' }).click();
    await tweederA.getByLabel('Post text').fill(TEXT);
    await expect(tweederA.getByLabel('Characters left').textContent()).resolves.toBe(String(280 - [...TEXT].length));
    await tweederA.getByRole('button', { name: 'Add photo' }).click();
    await a.shell.getByRole('dialog', { name: 'Choose a photo' }).getByRole('button', { name: 'Photo 1' }).click();
    await tweederA.locator('.compose-photos img').waitFor();
    await tweederA.getByRole('button', { name: 'Post', exact: true }).click();
    await tweederA.getByRole('tab', { name: 'Following' }).waitFor();

    const post = articles(tweederB).first();
    await post.locator('.post-text').filter({ hasText: 'Sunset at the pier' }).waitFor();
    await expect(post.locator('.post-text').textContent()).resolves.toBe(TEXT);
    await expect(post.locator('.display-name').textContent()).resolves.toBe(NAME);
    await expect(post.locator('.post-photo img').getAttribute('src')).resolves.toBe('https://i.imgur.com/pier.png');
    await expect(post.getByRole('button', { name: '#LosSantos' }).count()).resolves.toBe(1);
    expect(await tweederB.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();
    const feed = await ask<{ items: { post: { id: number; text: string } }[] }>(b, 'tweeder', 'feed.following', { limit: 5 });
    postId = feed.items[0]!.post.id;

    await tweederC.waitForTimeout(300);
    await expect(articles(tweederC).count()).resolves.toBe(0);
    await expect(ask<{ items: unknown[] }>(c, 'tweeder', 'feed.latest', { limit: 5 })).resolves.toEqual({ items: [], cursor: null });
  }, 60_000);

  it('B likes and replies; A gets the notifications, grouped, with a badge', async () => {
    const post = articles(tweederB).first();
    await post.getByRole('button', { name: 'Like, 0' }).click();
    await post.getByRole('button', { name: 'Like, 1' }).waitFor();
    await post.getByRole('button', { name: /^Reply/ }).click();
    await tweederB.getByLabel('Post text').press('End');
    await tweederB.getByLabel('Post text').pressSequentially('Beautiful!');
    await tweederB.getByRole('button', { name: 'Post', exact: true }).click();
    await tweederB.getByRole('tab', { name: 'Following' }).waitFor();

    // The follow, the like and the reply: three unread.
    await tweederA.getByRole('tab', { name: /^Notifications \(3\)$/ }).click();
    const notifications = tweederA.locator('.notification-text');
    await eventually(async () => expect(await notifications.allTextContents()).toEqual(['Ben replied to you', 'Ben liked your post', 'Ben followed you']));
    await tweederA.getByRole('tab', { name: 'Notifications', exact: true }).waitFor();
    // The reply opens in its thread, under A's post.
    await tweederA.getByRole('button', { name: /Ben replied to you/ }).click();
    await tweederA.locator('.thread-main .post-text').filter({ hasText: 'Beautiful!' }).waitFor();
    await expect(tweederA.locator('.thread-main .post-text').textContent()).resolves.toBe('@ana Beautiful!');
    await expect(articles(tweederA).first().locator('.post-text').textContent()).resolves.toBe(TEXT);
    await tweederA.getByRole('button', { name: 'Back' }).click();
    await tweederA.getByRole('tab', { name: 'Home' }).click();
    await articles(tweederB).filter({ hasText: 'Sunset at the pier' }).getByRole('button', { name: 'Reply, 1' }).waitFor();
    await b.shell.locator('[data-phone]').screenshot({ path: path.join(repoRoot, 'docs/screenshots/tweeder.png'), animations: 'disabled' });
  }, 60_000);

  it('a moderator’s deleteTweederPost, from a Lua resource, drops the post from every open feed', async () => {
    const { sim, printed } = sandbox.simulation;
    await articles(tweederA).filter({ hasText: 'Sunset at the pier' }).first().waitFor();
    sim.executeCommand(`tweeder_delete ${postId}`, 0);
    await eventually(() => expect(printed('moderation')).toEqual(['deleted true']));
    for (const frame of [tweederA, tweederB]) await articles(frame).filter({ hasText: 'Sunset at the pier' }).waitFor({ state: 'detached' });
    sim.executeCommand(`tweeder_delete ${postId}`, 0);
    await eventually(() => expect(printed('moderation')).toEqual(['deleted true', 'deleted false']));
    await expect(ask(b, 'tweeder', 'posts.thread', { id: postId }).catch(() => 'refused')).resolves.toBe('refused');
  }, 60_000);
});
