import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import type { RequestContext, ServerApp } from '@handset/sdk/server';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { registerMailRequests } from './mail.controller';
import type { MailService } from './mail.service';

type Handler = (context: RequestContext, input: unknown) => unknown;

/** The controller over a phone map and a service that records which phone each call was for. */
function controller(phones: Record<number, number>) {
  const handlers = new Map<string, Handler>();
  const calls: [string, number][] = [];
  const onRequest = (action: string, _schema: unknown, handler: Handler) => handlers.set(action, handler);
  // `serve` registers each action of the contract with its schema, as the SDK's does.
  const app = {
    id: 'mail',
    serve: (contract: Record<string, { input: unknown }>, served: Record<string, Handler>) => {
      for (const [action, { input }] of Object.entries(contract)) onRequest(action, input, served[action]!);
    },
  };
  const record = (name: string) => async (phoneId: number) => {
    calls.push([name, phoneId]);
    return name === 'remove' ? undefined : { name };
  };
  const service = Object.fromEntries(
    ['address', 'claim', 'list', 'get', 'setRead', 'remove', 'send'].map((name) => [name, record(name)]),
  ) as unknown as MailService;
  const context = {
    app: app as unknown as ServerApp,
    phones: { bySource: (source: number) => (phones[source] ? { phoneId: phones[source], number: '5550001', source } : null) },
  } as unknown as PluginContext;
  registerMailRequests(context, service);
  return { handlers, calls };
}

it('registers exactly the contract’s actions', () => {
  const { handlers } = controller({});
  expect([...handlers.keys()].sort()).toEqual([
    'mail.address',
    'mail.addressesOf',
    'mail.block',
    'mail.blocks',
    'mail.claim',
    'mail.delete',
    'mail.domain',
    'mail.get',
    'mail.list',
    'mail.send',
    'mail.setRead',
    'mail.unblock',
  ]);
});

it('acts on the mailbox of the player who asked, and answers UNAVAILABLE when they have no character', async () => {
  const { handlers, calls } = controller({ 3: 12 });
  const inputs: Record<string, unknown> = {
    'mail.address': {},
    'mail.claim': { name: 'ann' },
    'mail.list': { folder: 'inbox', limit: 30 },
    'mail.get': { id: 1 },
    'mail.setRead': { id: 1, read: true },
    'mail.delete': { id: 1 },
    'mail.send': { clientId: 'c', to: 'bob@handset.mail', subject: '', body: 'Hi' },
  };
  for (const [action, input] of Object.entries(inputs)) {
    const handler = handlers.get(action)!;
    await expect(Promise.resolve().then(() => handler({ source: 3 }, input))).resolves.not.toBeUndefined();
    const refused = await Promise.resolve().then(() => handler({ source: 4 }, input)).then(
      () => 'answered',
      (error: unknown) => (error instanceof HandsetError ? error.code : String(error)),
    );
    expect(refused, action).toBe('UNAVAILABLE');
  }
  expect(calls.map(([, phoneId]) => phoneId)).toEqual(Array.from({ length: 7 }, () => 12));
  await expect(Promise.resolve(handlers.get('mail.delete')!({ source: 3 }, { id: 1 }))).resolves.toBeNull();
});
