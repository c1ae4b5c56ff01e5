// A namespace import lets esbuild drop the zod the client never calls; `import { z }` bundled all of it (450 KB).
import * as z from 'zod';
import { actionNameSchema, appIdSchema, unwrapJsonData } from '../../sdk/protocol/names';
import { PHONE_KEY } from '../../sdk/protocol/wire';
import { installExports } from '../shared/export-table';
import { notificationInputSchema } from '../shared/notification';
import { request } from './requests';

type NuiCallback = (response: unknown) => void;

interface PhoneState {
  number: string;
  airplaneMode: boolean;
}

let phoneOpen = false;
let phone: PhoneState | null = null;
const appOwners = new Map<string, string>();
const openApps = new Set<string>();
/** The app its owner brought up (an incoming call), until it closes: what the answer key accepts. */
let presentedApp: string | null = null;
let cameraOn = false;

/** The game's own phone camera, facing the character in selfie mode, while the shell's viewfinder is up. */
function setCamera(active: boolean, selfie: boolean): void {
  if (active) {
    if (!cameraOn) CreateMobilePhone(0);
    CellCamActivate(true, true);
    CellCamActivateSelfieMode(selfie);
  } else if (cameraOn) {
    CellCamActivateSelfieMode(false);
    CellCamActivate(false, false);
    DestroyMobilePhone();
  }
  cameraOn = active;
}

function setPhoneOpen(open: boolean): void {
  if (open === phoneOpen) return;
  phoneOpen = open;
  SetNuiFocus(open, open);
  // The page may have loaded after the last state was sent: it always opens knowing the number and mode.
  if (open) SendNUIMessage({ type: 'phone:state', state: phone });
  SendNUIMessage({ type: 'phone:visibility', open });
  if (!open) {
    openApps.clear();
    presentedApp = null;
    setCamera(false, false);
  }
  void request('handset', 'phone.setOpen', { open });
}

RegisterCommand('phone', () => setPhoneOpen(!phoneOpen), false);
// The shell closes the phone on the same key itself: NUI focus keeps it from the game (sdk/protocol/wire.ts).
RegisterKeyMapping('phone', 'Open the phone', 'keyboard', PHONE_KEY);
// Answers without the phone taking the keyboard and mouse from a player who is driving or fighting.
RegisterCommand(
  'phone_answer',
  () => {
    if (presentedApp !== null) SendNUIMessage({ type: 'app:accept', appId: presentedApp });
  },
  false,
);
RegisterKeyMapping('phone_answer', 'Answer a call on the phone', 'keyboard', 'Y');

/** Registers a NUI callback whose body must match `schema`; a bad body is answered INVALID_INPUT. */
function nuiCallback<Schema extends z.ZodType>(name: string, schema: Schema, handle: (body: z.output<Schema>) => unknown): void {
  RegisterNuiCallback(name, (body: unknown, cb: NuiCallback) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      cb({ ok: false, error: { code: 'INVALID_INPUT', message: 'malformed callback body' } });
      return;
    }
    void Promise.resolve(handle(parsed.data)).then(cb);
  });
}

nuiCallback('close', z.unknown(), () => {
  setPhoneOpen(false);
  return { ok: true };
});

nuiCallback('request', z.object({ appId: appIdSchema, action: actionNameSchema, payload: z.unknown().optional() }), (body) =>
  request(body.appId, body.action, body.payload),
);

nuiCallback('appState', z.object({ appId: appIdSchema, open: z.boolean() }), async ({ appId, open }) => {
  const answer = await request('handset', 'apps.setOpen', { appId, open });
  if (answer.ok && open) openApps.add(appId);
  if (!open) openApps.delete(appId);
  if (!open && appId === presentedApp) presentedApp = null;
  return answer;
});

nuiCallback('camera', z.object({ active: z.boolean(), selfie: z.boolean() }), ({ active, selfie }) => {
  setCamera(active && phoneOpen, selfie);
  return { ok: true, data: null };
});

// Where the character stands, named as the game's map names it: "Strawberry Ave, Pillbox Hill".
nuiCallback('location', z.unknown(), () => {
  const [x = 0, y = 0, height = 0] = GetEntityCoords(PlayerPedId(), true);
  const [streetHash] = GetStreetNameAtCoord(x, y, height);
  const area = GetLabelText(GetNameOfZone(x, y, height));
  const label = [GetStreetNameFromHashKey(streetHash), area === 'NULL' ? '' : area].filter(Boolean).join(', ').slice(0, 64);
  return { ok: true, data: { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, label: label || null } };
});

onNet('handset:phone:state', (state: PhoneState | null) => {
  phone = state;
  if (!state) setPhoneOpen(false);
  SendNUIMessage({ type: 'phone:state', state });
});

onNet('handset:apps:changed', (owners: { id: string; owner: string }[]) => {
  appOwners.clear();
  for (const { id, owner } of owners) appOwners.set(id, owner);
  SendNUIMessage({ type: 'apps:changed' });
});

onNet('handset:app:message', (appId: string, messageType: string, data: unknown) => {
  if (openApps.has(appId)) SendNUIMessage({ type: 'app:message', appId, messageType, data });
});

// The app's owner brought it up (an incoming call): shown without NUI focus, the game keeps the keyboard and mouse.
onNet('handset:app:present', (appId: string, link: string) => {
  presentedApp = appId;
  SendNUIMessage({ type: 'app:present', appId, link });
});

onNet('handset:app:closed', (appId: string) => {
  openApps.delete(appId);
  if (appId === presentedApp) presentedApp = null;
  SendNUIMessage({ type: 'app:close', appId });
});

onNet('handset:notification', (notification: unknown) => SendNUIMessage({ type: 'notification', notification }));

onNet('handset:badge', (appId: string, count: number) => SendNUIMessage({ type: 'app:badge', appId, count }));

type Outcome = { ok: true } | { ok: false; reason: string; message: string };

async function notify(data: unknown): Promise<Outcome> {
  const input = notificationInputSchema.safeParse(data);
  if (!input.success) return { ok: false, reason: 'invalid_input', message: input.error.issues[0]!.message };
  if (!phone) return { ok: false, reason: 'offline', message: 'no character is loaded' };
  if (phone.airplaneMode) return { ok: false, reason: 'airplane_mode', message: 'the phone is in airplane mode' };
  const answer = await request('handset', 'notifications.create', input.data);
  if (answer.ok) return { ok: true };
  const reason = answer.error.code === 'UNAVAILABLE' ? 'airplane_mode' : answer.error.code.toLowerCase();
  return { ok: false, reason, message: answer.error.message };
}

// Scripts written for 919PHONE notify with this server → client event.
onNet('phone:notification', (data: unknown) => void notify(data));

function sendAppMessage(caller: string, appId: unknown, type: unknown, handed: unknown): Outcome {
  const unwrapped = unwrapJsonData(handed);
  if (!appIdSchema.safeParse(appId).success || !actionNameSchema.safeParse(type).success || !unwrapped.ok) {
    return { ok: false, reason: 'invalid_input', message: 'expected (appId: string, type: string, data)' };
  }
  const { data } = unwrapped;
  const owner = appOwners.get(appId as string);
  if (owner === undefined) return { ok: false, reason: 'not_found', message: `no app "${String(appId)}" is registered` };
  if (owner !== caller) return { ok: false, reason: 'not_owner', message: `"${String(appId)}" is registered by another resource` };
  if (!openApps.has(appId as string)) return { ok: false, reason: 'not_open', message: `"${String(appId)}" is not open` };
  SendNUIMessage({ type: 'app:message', appId, messageType: type, data: data ?? null });
  return { ok: true };
}

// The server replicates the owner's `handset:compat` before any client script starts.
const compat = GetConvar('handset:compat', '').split(/[\s,]+/).filter(Boolean);
installExports(
  {
    notify: { shape: 'ok_reason', compat: ['amzn_smartphone'], call: (_caller, data) => notify(data) },
    sendAppMessage: {
      shape: 'ok_reason',
      compat: ['amzn_smartphone'],
      call: (caller, appId, type, data) => sendAppMessage(caller, appId, type, data),
    },
    isPhoneOpen: { shape: 'value', compat: [], call: () => phoneOpen },
    openPhone: { shape: 'value', compat: [], call: () => setPhoneOpen(true) },
    closePhone: { shape: 'value', compat: [], call: () => setPhoneOpen(false) },
  },
  compat,
);

emitNet('handset:client:ready');
