import { z } from 'zod';
import { phoneNotificationSchema } from '../../core/shared/shell-data';
import { ERROR_CODES, type Answer } from '../../sdk/protocol/errors';
import { phoneSettingsSchema } from '../../sdk/protocol/phone-settings';
import { isAppFrameWindow } from './host/app-host';

const deviceSchema = z.object({ number: z.string(), numberFormat: z.string(), airplaneMode: z.boolean(), settings: phoneSettingsSchema, passcodeSet: z.boolean() });
export type Device = z.infer<typeof deviceSchema>;

/** What core/client sends with SendNUIMessage. */
const nuiMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phone:visibility'), open: z.boolean() }),
  z.object({ type: z.literal('phone:state'), state: deviceSchema.nullable() }),
  z.object({ type: z.literal('apps:changed') }),
  z.object({ type: z.literal('app:message'), appId: z.string(), messageType: z.string(), data: z.unknown() }),
  z.object({ type: z.literal('app:close'), appId: z.string() }),
  z.object({ type: z.literal('app:present'), appId: z.string(), link: z.string() }),
  z.object({ type: z.literal('app:accept'), appId: z.string() }),
  z.object({ type: z.literal('notification'), notification: phoneNotificationSchema }),
  z.object({ type: z.literal('app:badge'), appId: z.string(), count: z.number().int().min(0) }),
]);
export type NuiMessage = z.infer<typeof nuiMessageSchema>;

const answerSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) }),
]);

/** Calls `handle` with each valid message from the game; app frames share the window and are never the game. */
export function listenToNui(handle: (message: NuiMessage) => void): void {
  const onMessage = (event: MessageEvent) => {
    if (event.source !== window.parent || window.parent === window || isAppFrameWindow(event.source)) return;
    const message = nuiMessageSchema.safeParse(event.data);
    if (message.success) handle(message.data);
  };
  window.addEventListener('message', onMessage);
}

async function post(name: string, body: unknown): Promise<unknown> {
  const response = await fetch(`https://${GetParentResourceName()}/${name}`, { method: 'POST', body: JSON.stringify(body) });
  return response.json();
}

async function callForAnswer(name: string, body: unknown): Promise<Answer<unknown>> {
  try {
    const answer = answerSchema.safeParse(await post(name, body));
    if (answer.success) return answer.data;
    return { ok: false, error: { code: 'INTERNAL', message: `the game answered ${name} with something unexpected` } };
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'the game did not answer' } };
  }
}

/** Hands NUI focus back to the game; the client answers with `phone:visibility` false. */
export function releaseFocus(): void {
  post('close', {}).catch(() => undefined);
}

/** Asks the server's app bridge as `appId`. */
export function request(appId: string, action: string, payload: unknown): Promise<Answer<unknown>> {
  return callForAnswer('request', { appId, action, payload });
}

/** Raises the game's phone camera (facing the character in selfie mode) while the viewfinder is up, or lowers it. */
export function setGameCamera(active: boolean, selfie: boolean): void {
  post('camera', { active, selfie }).catch(() => undefined);
}

/** Where the player's character stands, as the game names it. */
export function location(): Promise<Answer<unknown>> {
  return callForAnswer('location', {});
}

/** Tells the server an app opened or closed; it refuses to open an app the character may not use. */
export function setAppState(appId: string, open: boolean): Promise<Answer<unknown>> {
  return callForAnswer('appState', { appId, open });
}

/** A core action (app id `handset`) whose answer is validated with `schema`. */
export async function coreRequest<T>(action: string, payload: unknown, schema: z.ZodType<T>): Promise<Answer<T>> {
  const answer = await request('handset', action, payload);
  if (!answer.ok) return answer;
  const data = schema.safeParse(answer.data);
  if (data.success) return { ok: true, data: data.data };
  return { ok: false, error: { code: 'INTERNAL', message: `the core answered ${action} with something unexpected` } };
}
