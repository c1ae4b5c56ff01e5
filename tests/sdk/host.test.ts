import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppPermission } from '../../sdk/manifest';
import { API_VERSION } from '../../sdk/protocol/catalogue';
import { DEFAULT_PHONE_SETTINGS } from '../../sdk/protocol/phone-settings';
import { serveAppPort, type AppPort, type MethodHandlers } from '../../sdk/protocol/host';
import { MAX_PAYLOAD_BYTES } from '../../sdk/protocol/names';
import { ERROR_HANDLER } from '../../sdk/protocol/wire';

const ran: string[] = [];
const unanswered = () => new Promise<never>(() => {});

function handlers(overrides: Partial<MethodHandlers> = {}): MethodHandlers {
  const record = (name: string, value: unknown) => {
    ran.push(name);
    return value as never;
  };
  return {
    handshake: () => record('handshake', { apiVersion: API_VERSION, appId: 'bank', grants: [], theme: 'dark', locale: 'en-US', phoneNumber: null, numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false, link: null, visible: true }),
    request: ({ action }) => record('request', { action }),
    'notifications.show': () => record('notifications.show', { id: 1 }),
    'contacts.pick': () => record('contacts.pick', null),
    'camera.capture': () => record('camera.capture', null),
    'gallery.pick': () => record('gallery.pick', null),
    'location.pick': () => record('location.pick', null),
    'contacts.list': () => record('contacts.list', { contacts: [], cursor: null }),
    'contacts.search': () => record('contacts.search', []),
    'share.open': () => record('share.open', { appId: null }),
    'dialog.confirm': () => record('dialog.confirm', { confirmed: true }),
    'dialog.prompt': () => record('dialog.prompt', { value: null }),
    'bars.color': () => record('bars.color', null),
    'apps.open': () => record('apps.open', null),
    'storage.get': () => record('storage.get', null),
    'storage.set': () => record('storage.set', null),
    'storage.remove': () => record('storage.remove', { removed: false }),
    'storage.keys': () => record('storage.keys', []),
    'settings.get': () => record('settings.get', { settings: DEFAULT_PHONE_SETTINGS, airplaneMode: false, passcodeSet: false }),
    'settings.update': () => record('settings.update', { settings: DEFAULT_PHONE_SETTINGS, airplaneMode: false, passcodeSet: false }),
    'passcode.set': () => record('passcode.set', { unlocked: true }),
    'apps.catalogue': () => record('apps.catalogue', []),
    'apps.install': () => record('apps.install', null),
    'apps.uninstall': () => record('apps.uninstall', null),
    'shell.escape': () => record('shell.escape', null),
    'app.close': () => record('app.close', null),
    ...overrides,
  };
}

let served: AppPort | undefined;
let frame: MessagePort | undefined;

afterEach(() => {
  served?.close();
  frame?.close();
  ran.length = 0;
  vi.useRealTimers();
});

/** Serves a port and returns the frame's end with a queue of what the shell answered. */
function open(grants: AppPermission[] = [], overrides: Partial<MethodHandlers> = {}, options = {}) {
  const channel = new MessageChannel();
  served = serveAppPort(channel.port1, { grants, handlers: handlers(overrides), ...options });
  frame = channel.port2;
  const received: unknown[] = [];
  const waiters: (() => void)[] = [];
  frame.onmessage = (event) => {
    received.push(event.data);
    waiters.splice(0).forEach((wake) => wake());
  };
  const next = async (count = 1): Promise<unknown[]> => {
    while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return received.splice(0, count);
  };
  return { port: frame, next };
}

/** A call as comlink's wrap() posts it: APPLY of the method's path, its input the one argument. */
const call = (id: number, method: string, params: unknown = {}) => ({
  id: String(id),
  type: 'APPLY',
  path: method.split('.'),
  argumentList: [{ type: 'RAW', value: params }],
});
const ok = (id: number, value: unknown) => ({ id: String(id), type: 'RAW', value });
const refused = (id: number, code: string, message: string) => ({ id: String(id), type: 'HANDLER', name: ERROR_HANDLER, value: { code, message } });
const NOT_A_CALL = 'not a call: expected comlink\'s { id, type: "APPLY", path, argumentList }';

describe('serveAppPort', () => {
  it('answers a valid call with the handler output', async () => {
    const { port, next } = open();
    port.postMessage(call(1, 'request', { action: 'balance.get', payload: null }));
    expect(await next()).toEqual([ok(1, { action: 'balance.get' })]);
  });

  it('refuses every comlink message but APPLY, and every path that is not a method, with FORBIDDEN; nothing runs', async () => {
    const { port, next } = open();
    const types = ['GET', 'SET', 'CONSTRUCT', 'ENDPOINT', 'RELEASE', 'SPLICE'];
    types.forEach((type, i) => port.postMessage({ id: String(i + 1), type, path: ['__proto__', 'polluted'], value: { type: 'RAW', value: 1 } }));
    expect(await next(types.length)).toEqual(types.map((_, i) => refused(i + 1, 'FORBIDDEN', 'frames may only call methods (comlink APPLY)')));
    const paths = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto__.polluted', 'storage', 'storage.get.call'];
    paths.forEach((path, i) => port.postMessage(call(10 + i, path)));
    expect(await next(paths.length)).toEqual(paths.map((path, i) => refused(10 + i, 'FORBIDDEN', `no method "${path}"`)));
    expect(ran).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('takes a call without an argument as an empty input, and refuses proxies and extra arguments', async () => {
    const { port, next } = open(['storage']);
    port.postMessage({ id: '1', type: 'APPLY', path: ['storage', 'keys'], argumentList: [] });
    port.postMessage({ id: '2', type: 'APPLY', path: ['storage', 'keys'], argumentList: [{ type: 'HANDLER', name: 'proxy', value: null }] });
    port.postMessage({ id: '3', type: 'APPLY', path: ['storage', 'keys'], argumentList: [{ type: 'RAW', value: {} }, { type: 'RAW', value: {} }] });
    expect(await next(3)).toEqual([ok(1, []), refused(2, 'INVALID_INPUT', NOT_A_CALL), refused(3, 'INVALID_INPUT', NOT_A_CALL)]);
    expect(ran).toEqual(['storage.keys']);
  });

  it('refuses methods outside the grants with FORBIDDEN', async () => {
    const { port, next } = open(['storage']);
    port.postMessage(call(1, 'notifications.show', { title: 'x', body: 'y' }));
    port.postMessage(call(2, 'storage.keys'));
    expect(await next(2)).toEqual([
      refused(1, 'FORBIDDEN', 'notifications.show needs the notifications permission'),
      ok(2, []),
    ]);
    expect(ran).toEqual(['storage.keys']);
  });

  it('refuses malformed input and extra fields with INVALID_INPUT, naming the field', async () => {
    const { port, next } = open();
    port.postMessage(call(1, 'apps.open', { appId: 'Bad Id' }));
    port.postMessage(call(2, 'request', { action: 'a', payload: 1, appId: 'other_app' }));
    port.postMessage({ ...call(3, 'request'), id: 3.5 });
    port.postMessage(call(4, 'handshake', { apiVersion: 99 }));
    const answers = await next(4);
    expect(answers[0]).toMatchObject({ id: '1', name: ERROR_HANDLER, value: { code: 'INVALID_INPUT' } });
    expect((answers[0] as { value: { message: string } }).value.message).toMatch(/^apps\.open: appId: /);
    expect(answers[1]).toEqual(refused(2, 'INVALID_INPUT', 'request: input: Unrecognized key: "appId"'));
    expect(answers[2]).toEqual({ kind: 'rejected', error: { code: 'INVALID_INPUT', message: NOT_A_CALL } });
    expect(answers[3]).toEqual(refused(4, 'INVALID_INPUT', 'this phone speaks protocol version 1'));
    expect(ran).toEqual([]);
  });

  it('refuses oversize messages with PAYLOAD_TOO_LARGE and non-JSON data with INVALID_INPUT', async () => {
    const { port, next } = open();
    port.postMessage(call(1, 'request', { action: 'a', payload: 'x'.repeat(MAX_PAYLOAD_BYTES + 1024) }));
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    port.postMessage(call(2, 'request', { action: 'a', payload: cyclic }));
    port.postMessage(call(3, 'request', { action: 'a', payload: 10n }));
    expect(await next(3)).toEqual([
      refused(1, 'PAYLOAD_TOO_LARGE', `messages are at most ${MAX_PAYLOAD_BYTES + 1024} bytes`),
      { kind: 'rejected', error: { code: 'INVALID_INPUT', message: 'messages must be JSON data' } },
      { kind: 'rejected', error: { code: 'INVALID_INPUT', message: 'messages must be JSON data' } },
    ]);
    expect(ran).toEqual([]);
  });

  it('limits calls in flight with RATE_LIMITED', async () => {
    const { port, next } = open([], { request: unanswered }, { maxPending: 2, rate: { perSecond: 1, burst: 100 } });
    for (let id = 1; id <= 3; id++) port.postMessage(call(id, 'request', { action: 'a', payload: null }));
    expect(await next()).toEqual([refused(3, 'RATE_LIMITED', 'too many calls')]);
    expect(served!.pending).toBe(2);
  });

  it('limits calls per second with RATE_LIMITED once the burst is spent', async () => {
    const { port, next } = open([], {}, { rate: { perSecond: 1, burst: 3 } });
    for (let id = 1; id <= 5; id++) port.postMessage(call(id, 'request', { action: 'a', payload: null }));
    const answers = (await next(5)) as { type: string; value: { code?: string } }[];
    expect(answers.filter((answer) => answer.type === 'RAW')).toHaveLength(3);
    expect(answers.filter((answer) => answer.value.code === 'RATE_LIMITED')).toHaveLength(2);
  });

  it('answers TIMEOUT when a handler hangs past the method limit, and aborts its signal', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const { port, next } = open([], {
      'dialog.confirm': (_input, abort) => {
        signal = abort;
        return unanswered();
      },
    });
    port.postMessage(call(1, 'dialog.confirm', { title: 't', message: 'm' }));
    await vi.waitFor(() => expect(signal).toBeDefined());
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    vi.useRealTimers();
    expect(await next()).toEqual([refused(1, 'TIMEOUT', 'dialog.confirm got no answer in time')]);
    expect(signal!.aborted).toBe(true);
    expect(served!.pending).toBe(0);
  });

  it('answers INTERNAL when a handler throws or answers outside its schema, without the error text', async () => {
    const { port, next } = open(['storage', 'share'], {
      'storage.keys': () => {
        throw new Error('database password is hunter2');
      },
      'share.open': () => ({ appId: 'Not An Id' }) as never,
    });
    port.postMessage(call(1, 'storage.keys'));
    port.postMessage(call(2, 'share.open', { text: 'hi' }));
    expect(await next(2)).toEqual([
      refused(1, 'INTERNAL', 'storage.keys failed'),
      refused(2, 'INTERNAL', 'share.open produced an answer outside its schema'),
    ]);
  });

  it('on close aborts pending calls, stops answering and closes the port', async () => {
    let signal: AbortSignal | undefined;
    const { port } = open([], {
      request: (_input, abort) => {
        signal = abort;
        return unanswered();
      },
    });
    const received: unknown[] = [];
    port.onmessage = (event) => received.push(event.data);
    port.postMessage(call(1, 'request', { action: 'a', payload: null }));
    await vi.waitFor(() => expect(signal).toBeDefined());
    served!.close();
    expect(signal!.aborted).toBe(true);
    expect(served!.pending).toBe(0);
    expect(served!.closed).toBe(true);
    port.postMessage(call(2, 'storage.keys'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([]);
    expect(() => served!.emit('message', { type: 'late', data: null })).not.toThrow();
  });
});
