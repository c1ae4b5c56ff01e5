import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { startSandboxServer, type SandboxServer } from '../simulator/sandbox/server';
import { startWebServer } from '../simulator/sandbox/web-server';
import type { Player } from '../simulator/player';
import { connectWithPhone, openSqlite, repoRoot, startHandset, type HandsetSimulation } from './handset';
import type { ResourceFiles } from './simulation';

/** The system's Chromium (Debian's package): never a browser a test tool downloads. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The sandbox in Chromium: Handset on a fresh SQLite database, with a game screen per connected player. */
export interface Sandbox {
  simulation: HandsetSimulation;
  server: SandboxServer;
  browser: Browser;
  /** Connects a player (waiting for their phone) and opens their game screen in a page of its own. */
  connect(): Promise<PhoneScreen>;
  /** What the pages' Content Security Policies refused so far, as Chromium reported it; `close` fails when any is left. */
  readonly refusedByPolicy: string[];
  /** Every button the app pages showed enabled, and which of them a test pressed. */
  readonly buttons: ButtonLedger;
  close(): Promise<void>;
}

/** One player's game screen, with the phone on it. */
export interface PhoneScreen {
  player: Player;
  /** The player's phone number, as the phone shows it. */
  number: string;
  page: Page;
  /** The phone shell's page, for locators. */
  shell: FrameLocator;
  /** The origin a resource's NUI files are served on for this player. */
  nuiOrigin(resource: string): string;
  /** The shell's page, for evaluating in it. */
  shellFrame(): Frame;
  /** Opens the phone with its key and waits for the lock screen. */
  openPhone(): Promise<void>;
  unlock(): Promise<void>;
  /** Puts the phone away with Escape and waits until it is gone. */
  putAway(): Promise<void>;
  /** Taps an app's icon on the home screen and resolves to its frame once the page has loaded. */
  openApp(label: string, appId: string): Promise<Frame>;
  /** The frame of an open app. */
  appFrame(appId: string): Promise<Frame>;
  /** Asks an app's server side (the core's, as `handset`) as the shell does for the app's page: the bridge's answer. */
  request(appId: string, action: string, payload: unknown): Promise<BridgeAnswer>;
  /** {@link request}, for an answer that must succeed: its data. */
  ask<T>(appId: string, action: string, payload: unknown): Promise<T>;
}

/** What the request bridge answers a page. */
export type BridgeAnswer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

/** A sandbox with one player's screen: what most browser suites need. */
export type PhoneSession = PhoneScreen & Omit<Sandbox, 'connect'>;

/**
 * The buttons app pages showed and the ones pressed, per app, keyed by what a player reads on them with any count
 * left out (a list's rows count as one button per list): what shows that a suite pressed every button its screens offer.
 */
export class ButtonLedger {
  private readonly shown = new Map<string, Set<string>>();
  private readonly pressed = new Map<string, Set<string>>();

  record(kind: 'shown' | 'pressed', appId: string, key: string): void {
    const keys = this[kind].get(appId) ?? new Set<string>();
    keys.add(key);
    this[kind].set(appId, keys);
  }

  /** The buttons of `appId` shown enabled and never pressed, sorted. */
  unpressed(appId: string): string[] {
    const pressed = this.pressed.get(appId) ?? new Set<string>();
    return [...(this.shown.get(appId) ?? [])].filter((key) => !pressed.has(key)).sort();
  }
}

/** Runs in every frame: reports the enabled buttons on screen as they change, and each one pressed. */
const buttonWatcher = () => {
  if (window === window.top) return;
  // Looked up at each report: under load a frame's scripts can start before the binding reaches it.
  const binding = () => (window as unknown as { __handsetButton?(kind: string, key: string): void }).__handsetButton;
  const report = (kind: string, key: string) => binding()?.(kind, key);
  const keyOf = (button: Element) => {
    const row = button.closest('li');
    const list = row?.parentElement;
    if (row && list) {
      // One key per list (its label, else its class), and per distinct control inside its rows.
      const listName = list.getAttribute('aria-label') ?? `.${list.classList[0]}`;
      const inRow = button.classList.contains('list-row-content') ? 'row' : (button.getAttribute('title') ?? button.classList[0] ?? 'control');
      return `${listName} › ${inRow}`;
    }
    const name = button.getAttribute('aria-label') ?? (button as HTMLInputElement).labels?.[0]?.textContent ?? button.textContent ?? '';
    // A count is not another button: "Like, 3" and "Like, 4", "Activity (2)" and "Activity (5)", "3 followers" and "7 followers" are one control each.
    const shown = name.replace(/\s+/g, ' ').trim().replace(/^\d+ (?=\D)/, '# ').replace(/(, |\()\d+(\)?)$/, '$1#$2');
    return shown || `.${button.classList[0]}`;
  };
  const controls = 'button, [role="button"], [role="tab"], [role="switch"]';
  const buttons = () => document.querySelectorAll(`:is(${controls}):not(:disabled)`);
  const seen = new Set<string>();
  const scan = () => {
    for (const button of buttons()) {
      if (!(button as HTMLElement).checkVisibility()) continue;
      const key = keyOf(button);
      if (!seen.has(key) && binding()) {
        seen.add(key);
        report('shown', key);
      }
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      scan();
    });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.(controls);
      if (button) report('pressed', keyOf(button));
    },
    true,
  );
};

export async function openSandbox(options: {
  convars?: Record<string, string>;
  resources?: Record<string, ResourceFiles>;
  /** Resources started from the repository: the browser-test probe apps and the templates. */
  ensure?: string[];
}): Promise<Sandbox> {
  const database = await openSqlite();
  // Listening first, so Handset starts knowing where its photos are served.
  let simulation: HandsetSimulation | undefined;
  const web = await startWebServer((resource, init) => simulation!.sim.http.request(resource, init));
  simulation = await startHandset({
    database,
    convars: { 'handset:media:local_url': web.url, ...options.convars },
    before: ['screenshot-basic'],
    resources: options.resources,
    ensure: {
      dirs: [path.join(repoRoot, 'tests/fixtures/resources'), path.join(repoRoot, 'templates')],
      names: options.ensure ?? [],
    },
  });
  const server = await startSandboxServer(simulation.sim, { port: 0 });
  const port = new URL(server.url).port;
  const browser = await launchChromium();
  const refusedByPolicy: string[] = [];
  const buttons = new ButtonLedger();

  const connect = async (): Promise<PhoneScreen> => {
    const { player, number } = await connectWithPhone(simulation);
    // The sandbox's web server has its own certificate (tests/simulator/sandbox/tls).
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true });
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) refusedByPolicy.push(message.text());
    });
    // An app's frame sits in the shell's `.app-frame[data-app]`; other frames are not an app's.
    await page.exposeBinding('__handsetButton', async ({ frame }, kind: 'shown' | 'pressed', key: string) => {
      const appId = await (await frame.frameElement().catch(() => null))?.evaluate((element) => (element as Element).closest('.app-frame')?.getAttribute('data-app'));
      if (appId) buttons.record(kind, appId, key);
    });
    await page.addInitScript(buttonWatcher);
    await page.goto(`${server.url}player/${player.id}`);
    await page.locator('iframe[data-resource="handset"]').waitFor();
    const shell = page.frameLocator('iframe[data-resource="handset"]');
    const nuiOrigin = (resource: string) => `http://cfx-nui-${resource.toLowerCase()}.p${player.id}.localhost:${port}`;
    const shellFrame = () => {
      const frame = page.frames().find((candidate) => candidate.url().startsWith(`${nuiOrigin('handset')}/`));
      if (!frame) throw new Error('the phone shell is not loaded');
      return frame;
    };
    const appFrame = async (appId: string) => {
      const iframe = shell.locator(`.app-frame[data-app="${appId}"] iframe`);
      await iframe.waitFor({ state: 'attached' });
      const frame = await (await iframe.elementHandle())?.contentFrame();
      if (!frame) throw new Error(`app ${appId} has no frame`);
      await frame.waitForLoadState('load');
      // A click lands where the app is only once its layer has grown to full size (it opens or comes forward).
      await shell
        .locator('.app-layer', { has: shell.locator(`.app-frame[data-app="${appId}"]`) })
        .evaluate((layer) =>
          // Bounded: an animation the page never runs (a throttled frame) must not hold the test.
          Promise.race([Promise.all(layer.getAnimations().map((animation) => animation.finished)), new Promise((resolve) => setTimeout(resolve, 1000))]).then(
            () => undefined,
            () => undefined,
          ),
        );
      return frame;
    };
    const request = (appId: string, action: string, payload: unknown) =>
      shellFrame().evaluate(
        ({ appId, action, payload }) =>
          fetch('https://handset/request', { method: 'POST', body: JSON.stringify({ appId, action, payload }) }).then(
            (response) => response.json() as Promise<BridgeAnswer>,
          ),
        { appId, action, payload },
      );
    return {
      player,
      number,
      page,
      shell,
      nuiOrigin,
      shellFrame,
      appFrame,
      request,
      async ask<T>(appId: string, action: string, payload: unknown) {
        const answer = await request(appId, action, payload);
        if (!answer.ok) throw new Error(`${appId} refused ${action}: ${answer.error.code} ${answer.error.message}`);
        return answer.data as T;
      },
      async openPhone() {
        const frame = await (await page.locator('iframe[data-resource="handset"]').elementHandle())?.contentFrame();
        await frame?.waitForURL(`${nuiOrigin('handset')}/**`, { waitUntil: 'load' });
        await page.keyboard.press('F1');
        // By its role in the page, not its label: the phone may speak another language.
        await shell.locator('.lock-screen:not(.unlocked)').waitFor({ state: 'visible' });
      },
      async unlock() {
        await shell.getByRole('button', { name: 'Unlock' }).click();
        await shell.getByLabel('Lock screen').waitFor({ state: 'hidden' });
      },
      async putAway() {
        // Escape goes to the shell itself: a key sent into an app frame that the key removes never completes.
        await shellFrame().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        // The key-up waits for the phone to go, for the same reason.
        await page.keyboard.down('Escape');
        await shell.locator('[data-phone]').waitFor({ state: 'detached' });
        await page.keyboard.up('Escape');
      },
      async openApp(label, appId) {
        await shell.getByRole('button', { name: label, exact: true }).click();
        return appFrame(appId);
      },
    };
  };

  return {
    simulation,
    server,
    browser,
    connect,
    refusedByPolicy,
    buttons,
    async close() {
      await browser.close();
      await server.close();
      await web.close();
      await simulation.sim.shutdown();
      await database.dispose();
      // Handset's own pages load nothing their policies refuse; a test that provokes a refusal empties the list.
      if (refusedByPolicy.length > 0) throw new Error(`refused by a Content Security Policy:\n${refusedByPolicy.join('\n')}`);
    },
  };
}

export async function openPhoneSession(options: Parameters<typeof openSandbox>[0]): Promise<PhoneSession> {
  const sandbox = await openSandbox(options);
  const screen = await sandbox.connect();
  return { ...screen, simulation: sandbox.simulation, server: sandbox.server, browser: sandbox.browser, refusedByPolicy: sandbox.refusedByPolicy, buttons: sandbox.buttons, close: sandbox.close };
}
