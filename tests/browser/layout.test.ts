import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { eventually, manifest } from '../support/simulation';

// Another resource that notifies a player, as a bank script would.
const notifier = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `RegisterCommand('notice', async (_source, [player, index]) => {
  console.log('notify ' + JSON.stringify(await exports.handset.notify(Number(player), { title: 'Notice ' + index, body: 'Something happened.' })));
}, true);`,
};

type Box = { x: number; y: number; width: number; height: number };
type Rgb = [number, number, number];

const boxOf = async (locator: Locator): Promise<Box> => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('the element is not on screen');
  return box;
};
const centreX = (box: Box) => box.x + box.width / 2;

/** The colors Chromium painted at `points` of the page, read back from a screenshot. */
async function paintedAt(page: Page, points: { x: number; y: number }[]): Promise<Rgb[]> {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ({ png, points }) => {
      const bytes = Uint8Array.from(atob(png), (char) => char.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      return points.map(({ x, y }) => {
        const [r, g, b] = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
        return [r!, g!, b!] as [number, number, number];
      });
    },
    { png, points },
  );
}

const distance = (one: Rgb, other: Rgb) => Math.max(...one.map((channel, index) => Math.abs(channel - other[index]!)));

describe.skipIf(!hasChromium)(`what the screens lay out, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;

  beforeAll(async () => {
    sandbox = await openSandbox({ resources: { notifier } });
    [a, b] = [await sandbox.connect(), await sandbox.connect()];
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  it("centres an empty list's link under its text (Contacts, Messages)", async () => {
    await a.openPhone();
    await a.unlock();
    for (const [label, appId, title, link] of [
      ['Contacts', 'contacts', 'No Contacts', 'Add a contact'],
      ['Messages', 'messages', 'No Messages', 'Write a message'],
    ] as const) {
      const frame = await a.openApp(label, appId);
      const [titleBox, linkBox] = [await boxOf(frame.getByText(title)), await boxOf(frame.getByRole('button', { name: link }))];
      expect(Math.abs(centreX(linkBox) - centreX(titleBox))).toBeLessThanOrEqual(1);
      await a.shell.getByRole('button', { name: 'Home' }).click();
    }
  }, 40_000);

  it('wraps a long address inside its bubble, and keeps Retry and Discard of a failed message on one line', async () => {
    const messages = await a.openApp('Messages', 'messages');
    await messages.getByRole('button', { name: 'Write a message' }).click();
    const to = messages.getByRole('textbox', { name: 'To', exact: true });
    await to.fill(b.number);
    await to.press('Enter');
    const box = messages.getByRole('textbox', { name: 'Message', exact: true });
    await box.fill(`https://example.com/${'a'.repeat(300)}`);
    await messages.getByRole('button', { name: 'Send' }).click();
    const bubble = messages.locator('.message.mine [role="article"]').last();
    await bubble.getByText(/^https:\/\/example\.com\/a+$/).waitFor();
    const thread = await boxOf(messages.locator('.message.mine').last());
    const bubbleBox = await boxOf(bubble);
    expect(bubbleBox.x + bubbleBox.width).toBeLessThanOrEqual(thread.x + thread.width + 0.5);
    // Nothing scrolls sideways: not the page, not the thread.
    const overflowing = await messages.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll('.scroll')].filter((element) => element.scrollWidth > element.clientWidth).length,
    );
    expect(overflowing).toBe(0);

    // In airplane mode the send fails: the reason, then Retry and Discard side by side.
    await a.ask('handset', 'settings.update', { airplaneMode: true });
    await box.fill('still there?');
    await messages.getByRole('button', { name: 'Send' }).click();
    const failed = messages.locator('.failed-status');
    await failed.getByText('Not delivered: the phone is in airplane mode').waitFor();
    const [retry, discard] = [await boxOf(failed.getByRole('button', { name: 'Retry' })), await boxOf(failed.getByRole('button', { name: 'Discard' }))];
    expect(retry.y).toBe(discard.y);
    expect(retry.x + retry.width).toBeLessThanOrEqual(discard.x);
    await a.ask('handset', 'settings.update', { airplaneMode: false });
    await failed.getByRole('button', { name: 'Retry' }).click();
    await failed.waitFor({ state: 'detached' });
  }, 40_000);

  it('runs the call screen edge to edge: the status bar and home bar take its colors, with no band between', async () => {
    await a.shell.getByRole('button', { name: 'Home' }).click();
    const phone: Frame = await a.openApp('Phone', 'phone');
    for (const digit of b.number.replace(/\D/g, '')) await phone.getByRole('button', { name: digit, exact: true }).click();
    await phone.getByRole('button', { name: 'Call', exact: true }).click();
    await phone.getByLabel('Call status').getByText('Calling…').waitFor();
    const [statusBar, homeBar] = [await boxOf(a.shell.locator('.status-bar')), await boxOf(a.shell.locator('.home-bar'))];
    // Beside the clock and the home indicator, in the bar and just inside the app on the other side of its edge.
    const x = statusBar.x + 20;
    const [barTop, appTop, appBottom, barBottom] = await paintedAt(a.page, [
      { x, y: statusBar.y + statusBar.height - 3 },
      { x, y: statusBar.y + statusBar.height + 3 },
      { x, y: homeBar.y - 3 },
      { x, y: homeBar.y + 3 },
    ]);
    expect(distance(barTop!, appTop!)).toBeLessThanOrEqual(3);
    expect(distance(barBottom!, appBottom!)).toBeLessThanOrEqual(3);

    // After the call, the bars are the theme's again: the keypad's surface.
    await phone.getByRole('button', { name: 'Hang up' }).click();
    await phone.getByLabel('Call status').waitFor({ state: 'detached' });
    const [keypadBar, keypadApp] = await paintedAt(a.page, [
      { x, y: statusBar.y + statusBar.height - 3 },
      { x, y: statusBar.y + statusBar.height + 3 },
    ]);
    expect(distance(keypadBar!, keypadApp!)).toBeLessThanOrEqual(3);
    expect(distance(keypadBar!, barTop!)).toBeGreaterThan(3);
  }, 40_000);

  it('keeps notification cards below the status bar when the center scrolls', async () => {
    const { sim, printed } = sandbox.simulation;
    for (let index = 1; index <= 12; index++) sim.executeCommand(`notice ${a.player.id} ${index}`, 0);
    await eventually(() => expect(printed('notifier')).toEqual(Array(12).fill('notify true')));
    await a.shell.getByRole('button', { name: 'Home' }).click();
    await a.shell.locator('.status-tap').click();
    const center = a.shell.getByRole('dialog', { name: 'Notification center' });
    await center.getByText('Notice 12').waitFor();
    await center.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)).then(() => undefined));
    const scroller = center.locator('.center-scroll');
    const statusBar = await boxOf(a.shell.locator('.status-bar'));
    expect((await boxOf(scroller)).y).toBeGreaterThanOrEqual(statusBar.y + statusBar.height);
    // Beside the clock: what is painted there does not change as the cards scroll up past it.
    const besideClock = { x: statusBar.x + 24, y: statusBar.y + statusBar.height - 6 };
    const [before] = await paintedAt(a.page, [besideClock]);
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    expect(await scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    expect((await boxOf(center.getByText('Notice 12'))).y).toBeLessThan(statusBar.y + statusBar.height);
    const [after] = await paintedAt(a.page, [besideClock]);
    expect(distance(before!, after!)).toBeLessThanOrEqual(3);
  }, 40_000);
});
