import type {
  ConfirmInput,
  GalleryPage,
  PickedContact,
  PickedLocation,
  PickedPhoto,
  PromptInput,
  ShareInput,
  VisibleApp,
} from '../host/shell-services';
import { phoneStore, type Sheet } from './phone-store';
import { shellText } from '../text';

let nextSheetId = 1;

/** Shows a sheet until the player answers it or `signal` aborts (the app gave up or went away). */
function ask<Value>(signal: AbortSignal, sheetFor: (id: number, resolve: (value: Value) => void) => Sheet): Promise<Value> {
  return new Promise((resolve) => {
    const sheet = sheetFor(nextSheetId++, resolve);
    if (signal.aborted) return cancelSheet(sheet);
    signal.addEventListener('abort', () => cancelSheet(sheet), { once: true });
    phoneStore.set((state) => ({ sheets: [...state.sheets, sheet] }));
  });
}

function remove(id: number): void {
  phoneStore.set((state) => ({ sheets: state.sheets.filter((sheet) => sheet.id !== id) }));
}

export function askConfirm(app: VisibleApp, input: ConfirmInput, signal: AbortSignal): Promise<boolean> {
  return ask(signal, (id, resolve) => ({ id, app, kind: 'confirm', input, resolve }));
}

export function askPrompt(app: VisibleApp, input: PromptInput, signal: AbortSignal): Promise<string | null> {
  return ask(signal, (id, resolve) => ({ id, app, kind: 'prompt', input, resolve }));
}

export function askShare(app: VisibleApp, input: ShareInput, signal: AbortSignal): Promise<string | null> {
  const targets = phoneStore.get().apps.filter((target) => target.installed && target.id !== app.id);
  return ask(signal, (id, resolve) => ({ id, app, kind: 'share', input, targets, resolve }));
}

export function askContact(app: VisibleApp, contacts: PickedContact[], signal: AbortSignal): Promise<PickedContact | null> {
  return ask(signal, (id, resolve) => ({ id, app, kind: 'contact', input: { title: shellText()('chooseContact') }, contacts, resolve }));
}

export function askCamera(app: VisibleApp, shoot: () => Promise<PickedPhoto>, signal: AbortSignal): Promise<PickedPhoto | null> {
  return ask(signal, (id, resolve) => ({ id, app, kind: 'camera', input: { title: shellText()('camera') }, shoot, resolve }));
}

export function askPhoto(app: VisibleApp, load: (cursor: number | null) => Promise<GalleryPage>, signal: AbortSignal): Promise<PickedPhoto | null> {
  return ask(signal, (id, resolve) => ({ id, app, kind: 'photo', input: { title: shellText()('choosePhoto') }, load, resolve }));
}

export function askLocation(app: VisibleApp, place: PickedLocation, signal: AbortSignal): Promise<PickedLocation | null> {
  return ask(signal, (id, resolve) => ({ id, app, kind: 'location', input: { title: shellText()('shareLocation') }, place, resolve }));
}

/** Answers a picker sheet with what the player chose. */
export function choose<Picker extends Extract<Sheet, { kind: 'camera' | 'photo' | 'location' }>>(
  sheet: Picker,
  value: NonNullable<Parameters<Picker['resolve']>[0]>,
): void {
  remove(sheet.id);
  (sheet.resolve as (chosen: typeof value) => void)(value);
}

export function confirmSheet(sheet: Extract<Sheet, { kind: 'confirm' }>): void {
  remove(sheet.id);
  sheet.resolve(true);
}

export function submitPrompt(sheet: Extract<Sheet, { kind: 'prompt' }>, text: string): void {
  remove(sheet.id);
  sheet.resolve(text);
}

export function chooseShareTarget(sheet: Extract<Sheet, { kind: 'share' }>, appId: string): void {
  remove(sheet.id);
  sheet.resolve(appId);
}

export function chooseContact(sheet: Extract<Sheet, { kind: 'contact' }>, contact: PickedContact): void {
  remove(sheet.id);
  sheet.resolve(contact);
}

/** Answers a sheet as its Cancel button does; one already answered stays answered. */
export function cancelSheet(sheet: Sheet): void {
  remove(sheet.id);
  if (sheet.kind === 'confirm') sheet.resolve(false);
  else sheet.resolve(null);
}
