import type { OnlinePhone } from '../identity/identity';
import type { Database } from '../../../sdk/server/database';

interface State {
  phoneId: number;
  phoneOpen: boolean;
  openApps: Set<string>;
  airplaneMode: boolean;
}

/** What each online phone is doing now: open or not, which apps are open, airplane mode (persisted). */
export class DeviceState {
  private readonly bySource = new Map<number, State>();

  constructor(
    private readonly db: Database,
    /** Hears every change a player's client must know: loaded (with airplane mode), airplane mode toggled. */
    private readonly changed: (phone: OnlinePhone, airplaneMode: boolean) => void,
  ) {}

  /** Reads the persisted part when a character is loaded; a switch during the read leaves no trace. */
  async load(phone: OnlinePhone, stillCurrent: () => boolean): Promise<void> {
    const [row] = await this.db.select<{ airplane_mode: boolean | number }>(
      'SELECT airplane_mode FROM handset_core_phones WHERE id = ?',
      [phone.id],
    );
    if (!stillCurrent()) return;
    const airplaneMode = Boolean(row?.airplane_mode);
    this.bySource.set(phone.source, { phoneId: phone.id, phoneOpen: false, openApps: new Set(), airplaneMode });
    this.changed(phone, airplaneMode);
  }

  unload(source: number): void {
    this.bySource.delete(source);
  }

  isPhoneOpen(source: number): boolean {
    return this.bySource.get(source)?.phoneOpen ?? false;
  }

  setPhoneOpen(source: number, open: boolean): void {
    const state = this.bySource.get(source);
    if (!state) return;
    state.phoneOpen = open;
    if (!open) state.openApps.clear();
  }

  isAppOpen(source: number, appId: string): boolean {
    return this.bySource.get(source)?.openApps.has(appId) ?? false;
  }

  setAppOpen(source: number, appId: string, open: boolean): void {
    const apps = this.bySource.get(source)?.openApps;
    if (open) apps?.add(appId);
    else apps?.delete(appId);
  }

  /** Players who have `appId` open now. */
  sourcesWithApp(appId: string): number[] {
    return [...this.bySource].filter(([, state]) => state.openApps.has(appId)).map(([source]) => source);
  }

  airplaneMode(source: number): boolean {
    return this.bySource.get(source)?.airplaneMode ?? false;
  }

  /** Persists first, then changes what the server acts on. */
  async setAirplaneMode(phone: OnlinePhone, enabled: boolean): Promise<void> {
    await this.db.run('UPDATE handset_core_phones SET airplane_mode = ? WHERE id = ?', [enabled ? 1 : 0, phone.id]);
    const state = this.bySource.get(phone.source);
    if (state?.phoneId !== phone.id) return;
    state.airplaneMode = enabled;
    this.changed(phone, enabled);
  }
}
