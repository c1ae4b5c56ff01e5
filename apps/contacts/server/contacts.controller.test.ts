import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { RequestContext, ServerApp } from '@handset/sdk/server';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { registerContactsRequests } from './contacts.controller';
import type { ContactsService } from './contacts.service';

type Handler = (context: RequestContext, input: unknown) => unknown;

/** The controller over a phone map and a service that records which phone each call was for. */
function controller(phones: Record<number, number>) {
  const handlers = new Map<string, Handler>();
  const calls: [string, number][] = [];
  const onRequest = (action: string, _schema: unknown, handler: Handler) => handlers.set(action, handler);
  // `serve` registers each action of the contract with its schema, as the SDK's does.
  const app = {
    id: 'contacts',
    serve: (contract: Record<string, { input: unknown }>, served: Record<string, Handler>) => {
      for (const [action, { input }] of Object.entries(contract)) onRequest(action, input, served[action]!);
    },
  };
  const record = (name: string) => async (phoneId: number) => {
    calls.push([name, phoneId]);
    return name === 'remove' ? undefined : name === 'page' ? { contacts: [], cursor: null } : name === 'search' ? [] : { id: 1, phoneId, number: '5550101' };
  };
  const service = Object.fromEntries(
    ['page', 'search', 'add', 'update', 'setFavorite', 'setBlocked', 'remove'].map((name) => [name, record(name)]),
  ) as unknown as ContactsService;
  const context = {
    app: app as unknown as ServerApp,
    phones: {
      bySource: (source: number) => (phones[source] ? { phoneId: phones[source], number: '5550001', source } : null),
      format: (number: string) => `fmt:${number}`,
    },
  } as unknown as PluginContext;
  registerContactsRequests(context, service);
  return { handlers, calls };
}

it('registers exactly the contract’s actions', () => {
  const { handlers } = controller({});
  expect([...handlers.keys()].sort()).toEqual([
    'contacts.add',
    'contacts.delete',
    'contacts.list',
    'contacts.search',
    'contacts.setBlocked',
    'contacts.setFavorite',
    'contacts.update',
  ]);
});

it('acts on the phone of the player who asked, and answers UNAVAILABLE when they have none', async () => {
  const { handlers, calls } = controller({ 3: 12 });
  const inputs: Record<string, unknown> = {
    'contacts.list': {},
    'contacts.search': { query: 'ann' },
    'contacts.add': { requestId: 'r', number: '5550101', firstName: 'Ann', lastName: '', notes: '', avatarUrl: null, favorite: false },
    'contacts.update': { id: 1 },
    'contacts.delete': { id: 1 },
    'contacts.setFavorite': { id: 1, favorite: true },
    'contacts.setBlocked': { id: 1, blocked: true },
  };
  for (const [action, input] of Object.entries(inputs)) {
    const handler = handlers.get(action)!;
    await expect(Promise.resolve(handler({ source: 3 }, input))).resolves.not.toBeUndefined();
    const refused = await Promise.resolve(handler({ source: 4 }, input)).then(
      () => 'answered',
      (error: unknown) => (error instanceof HandsetError ? error.code : String(error)),
    );
    expect(refused, action).toBe('UNAVAILABLE');
  }
  expect(calls.map(([, phoneId]) => phoneId)).toEqual([12, 12, 12, 12, 12, 12, 12]);
  await expect(Promise.resolve(handlers.get('contacts.add')!({ source: 3 }, inputs['contacts.add']))).resolves.toMatchObject({
    number: '5550101',
    displayNumber: 'fmt:5550101',
  });
});
