import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxServer, type SandboxServer } from '../simulator/sandbox/server';
import { Simulator } from '../simulator/simulator';
import type { Player } from '../simulator/player';
import { manifest, writeResources } from '../support/simulation';

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

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Sent {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** An HTTP request to the sandbox under any host name: Node's fetch may not resolve `*.localhost`. */
function send(port: number, host: string, address: string, init: Sent = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const headers = { host: `${host}:${port}`, ...init.headers };
    const req = request({ host: '127.0.0.1', port, path: address, method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe.skipIf(!existsSync(chromiumPath))(`the sandbox in Chromium (skipped without ${chromiumPath})`, () => {
  let sim: Simulator;
  let player: Player;
  let otherPlayer: Player;
  let server: SandboxServer;
  let port: number;
  let browser: Browser;
  let page: Page;
  let phone: FrameLocator;
  const nuiOrigin = (resource: string, playerId = player.id) => `http://cfx-nui-${resource}.p${playerId}.localhost:${port}`;

  beforeAll(async () => {
    // A third-party app as the phone embeds it: no ui_page, its page listed in `files`, a NUI callback of its own.
    const apps = await writeResources({
      demo_app: {
        'fxmanifest.lua': manifest(`client_script 'client.js'`, `files { 'web/index.html' }`),
        'client.js': `RegisterNuiCallback('ping', (data, cb) => cb({ pong: data.n }));`,
        'web/index.html': '<!doctype html><html><head><title>demo</title></head><body>demo app</body></html>',
        'web/notes.txt': 'on disk, not in the manifest',
      },
      Mixed_Case: { 'fxmanifest.lua': manifest(`files { 'index.html' }`), 'index.html': '<!doctype html><title>mixed</title>' },
    });
    sim = new Simulator({
      resourceDirs: [apps],
      namedResources: { handset: root },
      systemResourceDirs: [path.join(root, 'tests/simulator/resources'), path.join(root, 'templates')],
    });
    await sim.exec(path.join(root, 'sandbox.cfg'));
    await sim.ensure('demo_app');
    await sim.ensure('Mixed_Case');
    player = await sim.connectPlayer();
    otherPlayer = await sim.connectPlayer();
    server = await startSandboxServer(sim, { port: 0 });
    port = Number(new URL(server.url).port);
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

  it("lists each player with their phone's number", async () => {
    const list = await browser.newPage();
    await list.goto(server.url);
    for (const each of [player, otherPlayer]) {
      const page = each.nui.page('handset');
      const state = (await page.waitForMessage((message) => (message as { type?: string }).type === 'phone:state')) as { state: { number: string } };
      await list.getByRole('listitem').filter({ hasText: `#${each.id}` }).getByText(state.state.number, { exact: true }).waitFor();
    }
    await list.close();
  });

  it("stacks Handset's NUI page over the game screen, on the resource's own origin", async () => {
    expect(server.url).toBe(`http://localhost:${port}/`);
    const frame = await (await page.waitForSelector('iframe[data-resource="handset"]')).contentFrame();
    if (!frame) throw new Error('the handset iframe has no frame');
    await frame.waitForLoadState('load');
    expect(frame.url()).toBe(`http://cfx-nui-handset.p${player.id}.localhost:${port}/dist/web/index.html`);
    expect(await frame.evaluate('GetParentResourceName()')).toBe('handset');
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

  it('closes it on Escape through the close NUI callback, posted to its own origin, which releases focus', async () => {
    const callback = page.waitForResponse((response) => response.url().includes('/__nui_callback/'));
    await page.keyboard.press('Escape');
    const response = await callback;
    expect(response.url()).toBe(`${nuiOrigin('handset')}/__nui_callback/https%3A%2F%2Fhandset%2Fclose`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    await phone.getByText('Handset').waitFor({ state: 'hidden' });
    await until(() => player.nui.focus.resource === null, 'NUI focus to be released');
    expect(player.nui.focus).toMatchObject({ hasFocus: false, hasCursor: false });
  });

  it("lets Handset's page embed an app's page, on the app's origin, as a sandboxed frame that may not send callbacks", async () => {
    const handset = page.frame({ url: `${nuiOrigin('handset')}/dist/web/index.html` });
    if (!handset) throw new Error('the handset frame is gone');
    // What the phone does: the app's origin is its own with the resource name swapped.
    await handset.evaluate(`{
      const frame = document.createElement('iframe');
      frame.id = 'embedded-app';
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.src = location.protocol + '//' + location.host.replace(/^cfx-nui-handset/, 'cfx-nui-demo_app') + '/web/index.html';
      document.body.append(frame);
    }`);
    try {
      const app = await (await handset.waitForSelector('#embedded-app')).contentFrame();
      if (!app) throw new Error('the embedded app has no frame');
      await app.waitForLoadState('load');
      expect(app.url()).toBe(`${nuiOrigin('demo_app')}/web/index.html`);
      expect(await app.evaluate('document.body.textContent')).toBe('demo app');
      const seen = await app.evaluate(`(async () => ({
        resource: GetParentResourceName(),
        origin: self.origin,
        answer: await (async () => {
          const response = await fetch('https://demo_app/ping', { method: 'POST', body: JSON.stringify({ n: 7 }) });
          return { status: response.status, text: await response.text() };
        })(),
      }))()`);
      expect(seen).toEqual({
        resource: 'demo_app',
        origin: 'null',
        answer: { status: 403, text: "refused: a sandboxed frame (origin null) may not send demo_app's NUI callbacks\n" },
      });
    } finally {
      await handset.evaluate(`document.getElementById('embedded-app').remove()`);
    }
  });

  it("refuses a page's post to another resource's callback address", async () => {
    // Sent as Handset's page would send it: its own policy stops it in the browser first, so the request is made here.
    const response = await send(port, new URL(nuiOrigin('demo_app')).hostname, `/__nui_callback/${encodeURIComponent('https://demo_app/ping')}`, {
      method: 'POST',
      headers: { origin: nuiOrigin('handset') },
      body: '{"n":1}',
    });
    const refusal = { status: response.status, text: response.body };
    expect(refusal).toEqual({
      status: 403,
      text: `refused: a page on ${nuiOrigin('handset')} may not send demo_app's NUI callbacks\n`,
    });
  });

  it('serves only the files the manifest lists, each on its resource and player origin', async () => {
    const get = (resource: string, address: string, headers: Record<string, string> = {}) =>
      send(port, new URL(nuiOrigin(resource)).hostname, address, { headers });
    const index = await get('handset', '/dist/web/index.html');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['x-frame-options']).toBeUndefined();
    expect(index.body).toMatch(/^<!doctype html>\s*<html[^>]*>\s*<head><script>\(\(\) => {\n {2}const resource = "handset";/);

    // URL parsing lowercases host names; the resource keeps its real name.
    const mixed = await get('mixed_case', '/index.html');
    expect(mixed.status).toBe(200);
    expect(mixed.body).toContain('const resource = "Mixed_Case";');

    const refusals = await Promise.all([
      get('handset', '/package.json'),
      get('handset', '/dist/client.js'),
      get('demo_app', '/web/notes.txt'),
      get('handset', '/..%2Fpackage.json'),
      get('nope', '/index.html'),
      send(port, 'cfx-nui-handset.p99.localhost', '/dist/web/index.html'),
      send(port, 'cfx-nui-handset.localhost', '/dist/web/index.html'),
      get('handset', '/dist/web/index.html', { referer: `${nuiOrigin('handset', otherPlayer.id)}/dist/web/index.html` }),
      send(port, 'localhost', `/nui/${player.id}/handset/dist/web/index.html`),
      send(port, 'localhost', '/player/99'),
    ]);
    expect(refusals.map(({ status, body }) => [status, body])).toEqual([
      [404, "package.json is not listed in handset's fxmanifest.lua (ui_page or files)\n"],
      [404, "dist/client.js is not listed in handset's fxmanifest.lua (ui_page or files)\n"],
      [404, "web/notes.txt is not listed in demo_app's fxmanifest.lua (ui_page or files)\n"],
      [403, 'refused: ../package.json leaves the resource folder\n'],
      [404, `resource nope is not running on player ${player.id}'s client\n`],
      [404, 'no player 99 is connected\n'],
      [404, `cfx-nui-handset.localhost:${port} is not a NUI origin: expected cfx-nui-<resource>.p<player id>.localhost\n`],
      [403, `refused: player ${otherPlayer.id}'s pages may not load player ${player.id}'s NUI files\n`],
      [404, `nothing at GET /nui/${player.id}/handset/dist/web/index.html\n`],
      [404, 'no player 99 is connected\n'],
    ]);
  });

  it('answers NUI callbacks on the calling resource’s origin, readable from any origin as in the game', async () => {
    const host = new URL(nuiOrigin('demo_app')).hostname;
    const callback = (name: string) => `/__nui_callback/${encodeURIComponent(`https://demo_app/${name}`)}`;
    const answered = await send(port, host, callback('ping'), { method: 'POST', body: '{"n":3}' });
    expect([answered.status, answered.headers['access-control-allow-origin'], answered.body]).toEqual([200, '*', '{"pong":3}']);
    const unknown = await send(port, host, callback('nope'), { method: 'POST', body: '{}' });
    expect([unknown.status, unknown.body]).toEqual([404, 'demo_app has no NUI callback named nope\n']);
  });
});
