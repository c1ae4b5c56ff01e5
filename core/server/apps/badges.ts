import { appIdSchema } from '../../../sdk/protocol/names';
import type { Services } from '../services';
import { playerIdSchema } from '../validation';
import type { AppRegistry, Outcome } from './registry';

/**
 * How an app counts one player's badge (unread threads, missed calls …); it lives in the app's resource and
 * returns a whole number, or a Promise of one.
 */
export type BadgeCounter = (source: number) => unknown;

/** Asks in a burst (a flood of messages to one player) are counted once. */
export const BADGE_COALESCE_MS = 250;
const COUNT_TIMEOUT_MS = 5000;
export const MAX_BADGE = 9999;

type Reason = 'invalid_input' | 'not_found' | 'not_owner';

/**
 * Each app's badge on each online player's home screen. The app owns the number: Handset asks the app's counter
 * when the phone loads and whenever the app says its count changed, and pushes it only when it differs from what
 * the player's phone shows.
 */
export class Badges {
  private readonly counters = new Map<string, BadgeCounter>();
  /** What each online player's phone shows, by app. */
  private readonly shown = new Map<number, Map<string, number>>();
  private readonly due = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly registry: AppRegistry,
    private readonly started: () => Pick<Services, 'identity' | 'access'> | undefined,
    private readonly push: (source: number, appId: string, count: number) => void,
    private readonly log: (message: string) => void,
  ) {
    registry.subscribe((change) => {
      if (change.type !== 'unregistered') return;
      const appId = change.app.manifest.id;
      this.counters.delete(appId);
      for (const [source, counts] of this.shown) if (counts.delete(appId)) this.push(source, appId, 0);
    });
  }

  /** Registers how `appId` counts a player's badge; only the app's owner may. A later registration replaces it. */
  count(owner: string, appId: unknown, counter: unknown): Outcome<Reason> {
    if (!appIdSchema.safeParse(appId).success || typeof counter !== 'function') {
      return { ok: false, reason: 'invalid_input', message: 'expected (appId: string, counter: function)' };
    }
    const refused = this.ownerCheck(owner, appId as string);
    if (refused) return refused;
    this.counters.set(appId as string, counter as BadgeCounter);
    for (const source of this.shown.keys()) this.schedule(source, appId as string);
    return { ok: true };
  }

  /** The app's count changed for player `source`: it is counted again shortly. Players without a phone are skipped. */
  refresh(owner: string, source: unknown, appId: unknown): Outcome<Reason> {
    const player = playerIdSchema.safeParse(source);
    if (!player.success || !appIdSchema.safeParse(appId).success) {
      return { ok: false, reason: 'invalid_input', message: 'expected (source: number, appId: string)' };
    }
    const refused = this.ownerCheck(owner, appId as string);
    if (refused) return refused;
    if (this.shown.has(player.data)) this.schedule(player.data, appId as string);
    return { ok: true };
  }

  /** The character's apps changed (installed, uninstalled): their badges are counted again. */
  accessChanged(source: number, appId: string): void {
    if (this.shown.has(source) && this.counters.has(appId)) this.schedule(source, appId);
  }

  /** A phone loaded: every app with a counter is counted for it. */
  loaded(source: number): void {
    this.shown.set(source, new Map());
    for (const appId of this.counters.keys()) this.schedule(source, appId);
  }

  /** The character logged out or switched: its badges leave the screen before the next character's arrive. */
  unloaded(source: number): void {
    for (const appId of this.shown.get(source)?.keys() ?? []) this.push(source, appId, 0);
    this.shown.delete(source);
    for (const [key, timer] of this.due) {
      if (!key.startsWith(`${source}:`)) continue;
      clearTimeout(timer);
      this.due.delete(key);
    }
  }

  /** Handset is stopping: no count is asked for any more. */
  stop(): void {
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
    this.counters.clear();
  }

  /** The player's client (re)started: it gets every badge again. */
  resend(source: number): void {
    for (const [appId, count] of this.shown.get(source) ?? []) this.push(source, appId, count);
  }

  private ownerCheck(owner: string, appId: string): Outcome<Reason> | null {
    const app = this.registry.get(appId);
    if (!app) return { ok: false, reason: 'not_found', message: `no app "${appId}" is registered` };
    if (app.owner !== owner) return { ok: false, reason: 'not_owner', message: `"${appId}" is registered by another resource` };
    return null;
  }

  private schedule(source: number, appId: string): void {
    const key = `${source}:${appId}`;
    if (this.due.has(key)) return;
    this.due.set(
      key,
      setTimeout(() => {
        this.due.delete(key);
        void this.recount(source, appId);
      }, BADGE_COALESCE_MS),
    );
  }

  private async recount(source: number, appId: string): Promise<void> {
    const services = this.started();
    const phone = services?.identity.phoneOf(source);
    const counter = this.counters.get(appId);
    if (!services || !phone || !counter) return;
    let count = 0;
    // An app the character may not use shows no badge.
    if ((await services.access.check(phone, appId)).ok) {
      try {
        count = await countWithin(counter(source), COUNT_TIMEOUT_MS);
      } catch (error) {
        this.log(`badge of "${appId}" for player ${source}: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
    const counts = this.shown.get(source);
    // The character changed or left while the app counted.
    if (!counts || services.identity.phoneOf(source)?.id !== phone.id || (counts.get(appId) ?? 0) === count) return;
    if (count === 0) counts.delete(appId);
    else counts.set(appId, count);
    this.push(source, appId, count);
  }
}

async function countWithin(counted: unknown, ms: number): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the counter gave no answer within ${ms} ms`)), ms);
  });
  const count = await Promise.race([Promise.resolve(counted), timeout]).finally(() => clearTimeout(timer));
  if (!Number.isInteger(count) || (count as number) < 0) throw new Error(`the counter answered ${JSON.stringify(count)}, not a whole number`);
  return Math.min(count as number, MAX_BADGE);
}
