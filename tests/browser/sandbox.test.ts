import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxServer, type SandboxServer } from '../simulator/sandbox/server';
import { Simulator } from '../simulator/simulator';
import type { Player } from '../simulator/player';

// Runs against the tree `npm run build` left behind, in the system's Chromium: never a downloaded browser.
const root = path.resolve(import.meta.dirname, '../..');
const chromiumPath = '/usr/bin/chromium';
const screenshot = path.join(root, 'docs/screenshots/sandbox.png');

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!existsSync(chromiumPath))(`the sandbox in Chromium (skipped without ${chromiumPath})`, () => {
  let sim: Simulator;
  let player: Player;
  let server: SandboxServer;
  let browser: Browser;
  let page: Page;
  let phone: FrameLocator;

  beforeAll(async () => {
    sim = new Simulator({
      resourceDirs: [],
      namedResources: { handset: root },
      systemResourceDirs: [path.join(root, 'tests/simulator/resources')],
    });
    await sim.exec(path.join(root, 'sandbox.cfg'));
    player = await sim.connectPlayer();
    server = await startSandboxServer(sim, { port: 0 });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}player/${player.id}`);
    phone = page.frameLocator('iframe[data-resource="handset"]');
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sim?.shutdown();
  });

  it("stacks Handset's NUI page over the game screen", async () => {
    const frame = await (await page.waitForSelector('iframe[data-resource="handset"]')).contentFrame();
    if (!frame) throw new Error('the handset iframe has no frame');
    await frame.waitForLoadState('load');
    expect(frame.url()).toBe(`${server.url}nui/${player.id}/handset/dist/web/index.html`);
    // Preact attaches the page's message listener in an effect, one frame after the first render.
    await frame.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))');
    expect(await page.locator('#hud').textContent()).toContain('F1 Open the phone (handset)');
  });

  it('opens the phone on F1 and gives it NUI focus', async () => {
    await page.keyboard.press('F1');
    await phone.getByText('Handset').waitFor({ state: 'visible' });
    expect(player.nui.focus).toMatchObject({ resource: 'handset', hasFocus: true, hasCursor: true });
    expect(await page.locator('iframe[data-resource="handset"]').getAttribute('class')).toContain('interactive');
    await mkdir(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
  });

  it('closes it on Escape through the close NUI callback, which releases focus', async () => {
    const callback = page.waitForResponse((response) => response.url().includes('/nui-callback/'));
    await page.keyboard.press('Escape');
    const response = await callback;
    expect(decodeURIComponent(response.url())).toBe(`${server.url}nui-callback/${player.id}/handset/https://handset/close`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    await phone.getByText('Handset').waitFor({ state: 'hidden' });
    await until(() => player.nui.focus.resource === null, 'NUI focus to be released');
    expect(player.nui.focus).toMatchObject({ hasFocus: false, hasCursor: false });
  });

  it('serves only the files the manifest lists, to connected players', async () => {
    const status = async (address: string) => (await fetch(`${server.url}${address}`)).status;
    const index = await fetch(`${server.url}nui/${player.id}/handset/dist/web/index.html`);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toMatch(/^<!doctype html>\s*<html lang="en">\s*<head><script>/);
    expect(await status(`nui/${player.id}/handset/package.json`)).toBe(404);
    expect(await status(`nui/${player.id}/handset/dist/client.js`)).toBe(404);
    expect(await status(`nui/${player.id}/handset/..%2Fpackage.json`)).toBe(403);
    expect(await status('nui/99/handset/dist/web/index.html')).toBe(404);
    expect(await status('player/99')).toBe(404);
  });
});
