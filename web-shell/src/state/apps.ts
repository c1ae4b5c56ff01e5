import { z } from 'zod';
import { coreRequest, setAppState } from '../nui';
import { visibleAppSchema } from '../../../core/shared/shell-data';
import { installedApp, phoneStore, type BarColors } from './phone-store';
import { toast } from './toasts';
import { shellText } from '../text';

/** Frames kept alive at once; opening one more closes the least recently used. */
const MAX_RUNNING = 3;
let lastUse = 0;
let listRequests = 0;
const starting = new Set<string>();

export async function refreshApps(): Promise<void> {
  const requestNumber = ++listRequests;
  const answer = await coreRequest('apps.list', {}, z.array(visibleAppSchema));
  // A newer list was asked for meanwhile; this one may already be stale.
  if (requestNumber !== listRequests) return;
  if (!answer.ok) {
    toast(shellText()('appsNotLoaded', { reason: answer.error.message }));
    return;
  }
  phoneStore.set({ apps: answer.data });
  // An app the character may no longer use (uninstalled, disabled, another job) loses its frame.
  for (const { app } of phoneStore.get().running) if (!installedApp(app.id)) closeApp(app.id);
}

/** Opens an installed app, or brings it forward with `link`; false when the character has no such app. */
export function openApp(appId: string, link: string | null): boolean {
  const app = installedApp(appId);
  if (!app) return false;
  const running = phoneStore.get().running.find((entry) => entry.app.id === appId);
  if (running) bringForward(appId, link ?? running.link);
  else if (!starting.has(appId)) void start(appId, link);
  return true;
}

async function start(appId: string, link: string | null): Promise<void> {
  starting.add(appId);
  const answer = await setAppState(appId, true);
  starting.delete(appId);
  if (!answer.ok) {
    toast(answer.error.message);
    return;
  }
  const app = installedApp(appId);
  // The phone closed (or the app went away) while the server answered: it must not stay open there.
  const { open, presented } = phoneStore.get();
  if ((!open && presented?.appId !== appId) || !app) {
    void setAppState(appId, false);
    return;
  }
  phoneStore.set((state) => ({
    running: [...state.running, { app, link, usedAt: ++lastUse, barColors: { top: null, bottom: null } }],
    foreground: appId,
    overlay: null,
  }));
  const { running } = phoneStore.get();
  if (running.length > MAX_RUNNING) {
    const leastRecent = running.reduce((oldest, entry) => (entry.usedAt < oldest.usedAt ? entry : oldest));
    closeApp(leastRecent.app.id);
  }
}

function bringForward(appId: string, link: string | null): void {
  phoneStore.set((state) => ({
    running: state.running.map((entry) => (entry.app.id === appId ? { ...entry, link, usedAt: ++lastUse } : entry)),
    foreground: appId,
    overlay: null,
  }));
}

/** Paints the bars for a running app while it is in front. */
export function setBarColors(appId: string, barColors: BarColors): void {
  phoneStore.set({ running: phoneStore.get().running.map((entry) => (entry.app.id === appId ? { ...entry, barColors } : entry)) });
}

/** Back to the home screen; the foreground app keeps running. */
export function goHome(): void {
  phoneStore.set({ foreground: null, overlay: null });
}

/** Ends an app the player (or the app itself) closed, and tells the server. */
export function closeApp(appId: string): void {
  if (!phoneStore.get().running.some((entry) => entry.app.id === appId)) return;
  dropFrame(appId);
  void setAppState(appId, false);
}

/** Unmounts an app's frame the game already closed; unmounting aborts the sheets it asked for. */
export function dropFrame(appId: string): void {
  phoneStore.set((state) => {
    const running = state.running.filter((entry) => entry.app.id !== appId);
    return {
      running,
      foreground: state.foreground === appId ? null : state.foreground,
      presented: state.presented?.appId === appId ? null : state.presented,
      // A switcher without cards has nothing left to show.
      overlay: state.overlay === 'switcher' && running.length === 0 ? null : state.overlay,
    };
  });
}

export function dropAllFrames(): void {
  phoneStore.set({ running: [], foreground: null, presented: null });
}
