import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { RequestContext, ServerApp } from '@handset/sdk/server';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { registerMessagesRequests } from './messages.controller';
import type { MessagesService } from './messages.service';

type Handler = (context: RequestContext, input: unknown) => unknown;
type Schema = { safeParse(input: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } };

/** The controller over one loaded player (source 3, phone 12) and a service that records what it was asked. */
function controller() {
  const actions = new Map<string, { schema: Schema; handler: Handler }>();
  const calls: [string, unknown[]][] = [];
  const onRequest = (action: string, schema: Schema, handler: Handler) => actions.set(action, { schema, handler });
  // `serve` registers each action of the contract with its schema, as the SDK's does.
  const app = {
    id: 'messages',
    serve: (contract: Record<string, { input: Schema }>, served: Record<string, Handler>) => {
      for (const [action, { input }] of Object.entries(contract)) onRequest(action, input, served[action]!);
    },
  };
  const service = new Proxy({} as MessagesService, {
    get: (_target, name: string) => (...args: unknown[]) => {
      calls.push([name, args]);
      return name === 'directThread' ? 'd:5550001:5550002' : Promise.resolve({ ok: name });
    },
  });
  const phone = { phoneId: 12, number: '5550001', source: 3 };
  const context = { app: app as unknown as ServerApp, phones: { bySource: (source: number) => (source === 3 ? phone : null), airplaneMode: () => false } } as unknown as PluginContext;
  registerMessagesRequests(context, service);
  /** Parses the payload as the SDK does before the handler runs; answers the handler's result or the refusal. */
  const ask = async (action: string, source: number, payload: unknown) => {
    const { schema, handler } = actions.get(action)!;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return `INVALID_INPUT: ${parsed.error!.issues[0]!.message}`;
    try {
      return await handler({ source }, parsed.data);
    } catch (error) {
      return error instanceof HandsetError ? `${error.code}: ${error.message}` : String(error);
    }
  };
  return { actions, calls, ask, phone };
}

it('registers exactly the contract’s actions', () => {
  expect([...controller().actions.keys()].sort()).toEqual([
    'groups.addMember',
    'groups.create',
    'groups.leave',
    'groups.removeMember',
    'groups.rename',
    'messages.delete',
    'messages.list',
    'messages.send',
    'threads.direct',
    'threads.get',
    'threads.list',
    'threads.read',
    'threads.settings',
    'threads.typing',
    'threads.view',
  ]);
});

it('acts on the phone of the player who asked, answers UNAVAILABLE without one, and reads numbers as digits', async () => {
  const { ask, calls, phone } = controller();
  await expect(ask('threads.list', 3, {})).resolves.toEqual({ ok: 'listThreads' });
  await expect(ask('threads.list', 3, null)).resolves.toEqual({ ok: 'listThreads' });
  await expect(ask('threads.direct', 3, { number: '(555) 0002' })).resolves.toEqual({ threadId: 'd:5550001:5550002' });
  await expect(ask('messages.send', 3, { clientId: 'c', to: '555-0002', kind: 'text', body: 'hi', attachment: null })).resolves.toEqual({ ok: 'send' });
  await expect(ask('threads.read', 3, { threadId: 'g:1', messageId: 9 })).resolves.toBeNull();
  await expect(ask('groups.create', 4, { name: 'Crew', members: ['5550002'] })).resolves.toBe('UNAVAILABLE: no character is loaded');
  expect(calls).toEqual([
    ['listThreads', [phone, undefined, 30]],
    ['listThreads', [phone, undefined, 30]],
    ['directThread', [phone, '5550002']],
    ['send', [phone, { clientId: 'c', threadId: undefined, to: '5550002', content: { kind: 'text', body: 'hi', attachment: null } }]],
    ['markRead', [phone, 'g:1', 9]],
  ]);
});

it('refuses payloads that name a sender, and malformed pages, ids and contents, before the service sees them', async () => {
  const { ask, calls } = controller();
  const send = { clientId: 'c', threadId: 'g:1', kind: 'text', body: 'hi' };
  await expect(ask('messages.send', 3, { ...send, senderNumber: '5550009' })).resolves.toMatch(/^INVALID_INPUT: Unrecognized key/);
  await expect(ask('messages.send', 3, { ...send, phoneId: 1 })).resolves.toMatch(/^INVALID_INPUT: Unrecognized key/);
  await expect(ask('messages.send', 3, { ...send, kind: 'photo', attachment: { url: 'https://cdn.example.com/a.png', owner: 'x' } })).resolves.toMatch(/^INVALID_INPUT/);
  await expect(ask('messages.list', 3, { threadId: 'g:1', limit: 51 })).resolves.toBe('INVALID_INPUT: limit must be 1-50');
  await expect(ask('messages.list', 3, { threadId: 'g:1', before: 0 })).resolves.toBe('INVALID_INPUT: messageId must be a message id');
  await expect(ask('threads.list', 3, { limit: 0 })).resolves.toBe('INVALID_INPUT: limit must be 1-50');
  await expect(ask('groups.create', 3, { name: ' ', members: ['5550002'] })).resolves.toBe('INVALID_INPUT: name must be 1-32 characters');
  await expect(ask('groups.create', 3, { name: 'Crew', members: [] })).resolves.toBe('INVALID_INPUT: members must be 1-31 numbers');
  await expect(ask('groups.create', 3, { name: 'Crew', members: Array.from({ length: 32 }, (_, n) => `55501${String(n).padStart(2, '0')}`) })).resolves.toBe(
    'INVALID_INPUT: members must be 1-31 numbers',
  );
  await expect(ask('threads.settings', 3, { threadId: 'g:1', typing: 'off' })).resolves.toBe('INVALID_INPUT: typing must be true or false');
  expect(calls).toEqual([]);
});
