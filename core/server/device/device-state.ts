import { HandsetError } from '../../../sdk/protocol/errors';
import {
  DEFAULT_PHONE_SETTINGS,
  phoneSettingsSchema,
  type DeviceSettings,
  type PhoneSettings,
} from '../../../sdk/protocol/phone-settings';
import type { OnlinePhone } from '../identity/identity';
import type { Database } from '../../../sdk/server/database';
import { hashPasscode, lockoutMs, verifyPasscode, type LockoutPolicy } from './passcode';

/** The server owner's rules for every phone: the passcode lockout, and the language a phone starts in. */
export interface DevicePolicy extends LockoutPolicy {
  language: PhoneSettings['language'];
}

interface State {
  phoneId: number;
  phoneOpen: boolean;
  openApps: Set<string>;
  /** The app its owner brought up (an incoming call): usable behind the lock screen until it closes. */
  presentedApp: string | null;
  airplaneMode: boolean;
  /** What the player chose; the rest follows the owner's defaults. */
  chosen: Partial<PhoneSettings>;
  settings: PhoneSettings;
  passcodeSet: boolean;
  /** The passcode was entered since the phone was last taken out. */
  unlocked: boolean;
}

/** What an unlock attempt answered: unlocked, or how many tries are left and how long the phone is locked out. */
export type UnlockResult = { unlocked: true } | { unlocked: false; attemptsLeft: number; lockedForMs: number };

type PasscodeRow = {
  passcode_hash: string | null;
  passcode_failures: number;
  passcode_locked_until: number;
};

/** Stored choices a later version no longer accepts are dropped, one by one, so they follow the default again. */
function readChoices(json: string | null): Partial<PhoneSettings> {
  let stored: Record<string, unknown> = {};
  try {
    stored = json ? (JSON.parse(json) as Record<string, unknown>) : {};
  } catch {
    // A damaged row reads as no choices.
  }
  const chosen: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(phoneSettingsSchema.shape)) {
    if (field.safeParse(stored[key]).success) chosen[key] = stored[key];
  }
  return chosen as Partial<PhoneSettings>;
}

/**
 * What each online phone is doing now (open or not, which apps are open, locked or not) and what is kept per
 * character: airplane mode, the player's settings and their passcode.
 */
export class DeviceState {
  private readonly bySource = new Map<number, State>();
  /** Passcode checks of one phone run one after another, so parallel guesses cannot slip past the lockout. */
  private readonly passcodeQueue = new Map<number, Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly policy: DevicePolicy,
    /** Hears every change a player's client must know: loaded, airplane mode, settings, passcode set or cleared. */
    private readonly changed: (phone: OnlinePhone, device: DeviceSettings) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the persisted part when a character is loaded; a switch during the read leaves no trace. */
  async load(phone: OnlinePhone, stillCurrent: () => boolean): Promise<void> {
    const [row] = await this.db.select<{ airplane_mode: boolean | number; settings: string | null; passcode_hash: string | null }>(
      `SELECT p.airplane_mode, s.settings, s.passcode_hash FROM handset_core_phones p
       LEFT JOIN handset_core_device_settings s ON s.phone_id = p.id WHERE p.id = ?`,
      [phone.id],
    );
    if (!stillCurrent()) return;
    const chosen = readChoices(row?.settings ?? null);
    const state: State = {
      phoneId: phone.id,
      phoneOpen: false,
      openApps: new Set(),
      presentedApp: null,
      airplaneMode: Boolean(row?.airplane_mode),
      chosen,
      settings: this.withDefaults(chosen),
      passcodeSet: Boolean(row?.passcode_hash),
      unlocked: false,
    };
    this.bySource.set(phone.source, state);
    this.changed(phone, this.view(state));
  }

  unload(source: number): void {
    this.bySource.delete(source);
  }

  isPhoneOpen(source: number): boolean {
    return this.bySource.get(source)?.phoneOpen ?? false;
  }

  /** Putting the phone away locks it. */
  setPhoneOpen(source: number, open: boolean): void {
    const state = this.bySource.get(source);
    if (!state) return;
    state.phoneOpen = open;
    if (open) return;
    state.openApps.clear();
    state.unlocked = false;
  }

  isAppOpen(source: number, appId: string): boolean {
    return this.bySource.get(source)?.openApps.has(appId) ?? false;
  }

  setAppOpen(source: number, appId: string, open: boolean): void {
    const state = this.bySource.get(source);
    if (!state) return;
    if (open) state.openApps.add(appId);
    else state.openApps.delete(appId);
    if (!open && state.presentedApp === appId) state.presentedApp = null;
  }

  setPresentedApp(source: number, appId: string): void {
    const state = this.bySource.get(source);
    if (state) state.presentedApp = appId;
  }

  /** Whether the player may use `appId` (or, with null, the phone itself) now: unlocked, or the app was brought up. */
  mayUse(source: number, appId: string | null): boolean {
    const state = this.bySource.get(source);
    if (!state?.passcodeSet || state.unlocked) return true;
    return appId !== null && appId === state.presentedApp;
  }

  /** Players who have `appId` open now. */
  sourcesWithApp(appId: string): number[] {
    return [...this.bySource].filter(([, state]) => state.openApps.has(appId)).map(([source]) => source);
  }

  airplaneMode(source: number): boolean {
    return this.bySource.get(source)?.airplaneMode ?? false;
  }

  /** The player's settings, or the owner's defaults while none are loaded. */
  current(source: number): PhoneSettings {
    return this.bySource.get(source)?.settings ?? this.withDefaults({});
  }

  settings(source: number): DeviceSettings | null {
    const state = this.bySource.get(source);
    return state ? this.view(state) : null;
  }

  /** Persists first, then changes what the server acts on. */
  async setAirplaneMode(phone: OnlinePhone, enabled: boolean): Promise<void> {
    await this.db.run('UPDATE handset_core_phones SET airplane_mode = ? WHERE id = ?', [enabled ? 1 : 0, phone.id]);
    this.update(phone, (state) => (state.airplaneMode = enabled));
  }

  /** Applies `patch` (already validated) over the character's settings; answers what is now kept. */
  async updateSettings(phone: OnlinePhone, patch: Partial<PhoneSettings>): Promise<DeviceSettings> {
    const state = this.online(phone);
    const chosen = { ...state.chosen, ...patch };
    await this.db.transaction(async (tx) => {
      await this.ensureRow(tx, phone.id);
      await tx.run('UPDATE handset_core_device_settings SET settings = ? WHERE phone_id = ?', [JSON.stringify(chosen), phone.id]);
    });
    this.update(phone, (current) => {
      current.chosen = chosen;
      current.settings = this.withDefaults(chosen);
    });
    return this.view(state);
  }

  /** The lock screen's attempt; a phone without a passcode simply unlocks. */
  unlock(phone: OnlinePhone, code: string): Promise<UnlockResult> {
    return this.withPasscode(phone, async (row) => {
      const result = row.passcode_hash ? await this.attempt(phone, row, code) : ({ unlocked: true } as const);
      if (result.unlocked) this.online(phone).unlocked = true;
      return result;
    });
  }

  /** Sets, changes (`current` is the passcode now) or, with `next` null, removes the passcode. */
  setPasscode(phone: OnlinePhone, current: string | null, next: string | null): Promise<UnlockResult> {
    return this.withPasscode(phone, async (row) => {
      if (row.passcode_hash) {
        if (current === null) throw new HandsetError('INVALID_INPUT', 'enter the current passcode');
        const checked = await this.attempt(phone, row, current);
        if (!checked.unlocked) return checked;
      } else if (next === null) {
        throw new HandsetError('NOT_FOUND', 'no passcode is set');
      }
      const hash = next === null ? null : await hashPasscode(next);
      await this.db.run('UPDATE handset_core_device_settings SET passcode_hash = ?, passcode_failures = 0, passcode_locked_until = 0 WHERE phone_id = ?', [
        hash,
        phone.id,
      ]);
      this.update(phone, (state) => {
        state.passcodeSet = hash !== null;
        state.unlocked = true;
      });
      return { unlocked: true };
    });
  }

  /** 919PHONE's `resetPasscode`: the character's passcode and lockout are gone; an online lock screen updates at once. */
  async resetPasscode(phone: { id: number }, online: OnlinePhone | null): Promise<void> {
    await this.db.run('UPDATE handset_core_device_settings SET passcode_hash = NULL, passcode_failures = 0, passcode_locked_until = 0 WHERE phone_id = ?', [
      phone.id,
    ]);
    if (online) this.update(online, (state) => (state.passcodeSet = false));
  }

  /** One wrong or right try, counted in the database so a reconnect does not reset the lockout. */
  private async attempt(phone: OnlinePhone, row: PasscodeRow, code: string): Promise<UnlockResult> {
    const now = this.now();
    const lockedFor = Number(row.passcode_locked_until) - now;
    if (lockedFor > 0) return { unlocked: false, attemptsLeft: 0, lockedForMs: lockedFor };
    if (await verifyPasscode(code, row.passcode_hash!)) {
      if (row.passcode_failures > 0) {
        await this.db.run('UPDATE handset_core_device_settings SET passcode_failures = 0, passcode_locked_until = 0 WHERE phone_id = ?', [phone.id]);
      }
      return { unlocked: true };
    }
    const failures = row.passcode_failures + 1;
    const lockedForMs = lockoutMs(failures, this.policy);
    await this.db.run('UPDATE handset_core_device_settings SET passcode_failures = ?, passcode_locked_until = ? WHERE phone_id = ?', [
      failures,
      lockedForMs > 0 ? now + lockedForMs : 0,
      phone.id,
    ]);
    return { unlocked: false, attemptsLeft: Math.max(0, this.policy.attempts - failures), lockedForMs };
  }

  private withPasscode<T>(phone: OnlinePhone, work: (row: PasscodeRow) => Promise<T>): Promise<T> {
    this.online(phone);
    const run = (this.passcodeQueue.get(phone.id) ?? Promise.resolve()).catch(() => undefined).then(async () => {
      await this.ensureRow(this.db, phone.id);
      const [row] = await this.db.select<PasscodeRow>(
        'SELECT passcode_hash, passcode_failures, passcode_locked_until FROM handset_core_device_settings WHERE phone_id = ?',
        [phone.id],
      );
      return work({ ...row!, passcode_failures: Number(row!.passcode_failures) });
    });
    this.passcodeQueue.set(phone.id, run);
    const forget = () => this.passcodeQueue.get(phone.id) === run && this.passcodeQueue.delete(phone.id);
    run.then(forget, forget);
    return run;
  }

  private ensureRow(queries: Pick<Database, 'run'>, phoneId: number) {
    const ignore = this.db.dialect === 'sqlite' ? 'OR IGNORE' : 'IGNORE';
    return queries.run(`INSERT ${ignore} INTO handset_core_device_settings (phone_id, settings) VALUES (?, '{}')`, [phoneId]);
  }

  private withDefaults(chosen: Partial<PhoneSettings>): PhoneSettings {
    return { ...DEFAULT_PHONE_SETTINGS, language: this.policy.language, ...chosen };
  }

  private online(phone: OnlinePhone): State {
    const state = this.bySource.get(phone.source);
    if (state?.phoneId !== phone.id) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
    return state;
  }

  /** Changes the online state of `phone` (if it is still the loaded character) and tells its client. */
  private update(phone: OnlinePhone, change: (state: State) => void): void {
    const state = this.bySource.get(phone.source);
    if (state?.phoneId !== phone.id) return;
    change(state);
    this.changed(phone, this.view(state));
  }

  private view(state: State): DeviceSettings {
    return { settings: state.settings, airplaneMode: state.airplaneMode, passcodeSet: state.passcodeSet };
  }
}
