// Type tests of the SDK's public surface. `npm run typecheck` compiles this file, so a type that drifts, or a
// `@ts-expect-error` line that starts to compile, fails the build. Lines that must not compile sit in functions
// that are never called; the rest run against the fake host.
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { contactsContract } from '../../apps/contacts/contract';
import { connect, contractClient, type HandsetApp, type PickedContact, type Settings } from '../../sdk/app';
import { action, defineContract } from '../../sdk/contract';
import type { AppManifestInput } from '../../sdk/manifest';
import type { ErrorCode } from '../../sdk/protocol/errors';
import { registerApp, type Outcome, type RequestContext, type ServerApp } from '../../sdk/server';
import { createFakeHost } from '../../sdk/testing';

describe('sdk/app', () => {
  it("ties each app.host method's input and output to its catalogue name", async () => {
    const host = createFakeHost({ grants: ['storage', 'contacts:read'] });
    const app = await connect({ window: host.window });

    expectTypeOf(await app.host.dialog.confirm({ title: 'Delete?', message: 'Gone for good' })).toEqualTypeOf<{
      confirmed: boolean;
    }>();
    expectTypeOf(await app.host.dialog.prompt({ title: 'Rename' })).toEqualTypeOf<{ value: string | null }>();
    expectTypeOf(await app.host.storage.keys({})).toEqualTypeOf<string[]>();
    expectTypeOf(await app.host.contacts.pick({})).toEqualTypeOf<{ name: string; number: string } | null>();
    expectTypeOf(await app.pickContact()).toEqualTypeOf<PickedContact | null>();
    expectTypeOf(await app.request<{ text: string }>('greet', { name: 'Lamar' }).catch(() => null)).toEqualTypeOf<{
      text: string;
    } | null>();
    app.disconnect();
    host.dispose();

    const misuse = async () => {
      // @ts-expect-error: not a method of the catalogue
      void app.host.dialog.confrim({ title: 'Delete?', message: 'Gone for good' });
      // @ts-expect-error: the input of another method
      void app.host.dialog.confirm({ key: 'draft' });
      // @ts-expect-error: `message` is required
      void app.host.dialog.confirm({ title: 'Delete?' });
      // @ts-expect-error: `body` is a string
      void app.host.notifications.show({ title: 'Saved', body: 5 });
      // @ts-expect-error: inputs are strict, as the shell parses them
      void app.host.storage.get({ key: 'draft', appId: 'someone_else' });
      // @ts-expect-error: the output is the method's own
      const wrong: { value: string } = await app.host.dialog.confirm({ title: 'Delete?', message: 'Gone' });
      return wrong;
    };
    expectTypeOf(misuse).toBeFunction();
  });

  it('types events and the typed helpers by name', () => {
    const listen = (app: HandsetApp) => {
      app.on('settings', (settings) => expectTypeOf(settings).toEqualTypeOf<Settings>());
      app.on('link', (data) => expectTypeOf(data).toEqualTypeOf<{ link: string }>());
      app.onMessage('pong', (data) => expectTypeOf(data).toBeUnknown());
      expectTypeOf(app.info.theme).toEqualTypeOf<'light' | 'dark'>();
      expectTypeOf(app.storage.get<{ text: string }>('draft')).resolves.toEqualTypeOf<{ text: string } | null>();
      expectTypeOf(app.notify).parameter(0).toEqualTypeOf<{ title: string; body: string; timeout?: number | undefined }>();
      // @ts-expect-error: not an event of the catalogue
      app.on('pong', () => {});
      // @ts-expect-error: `notify` needs a title
      void app.notify({ body: 'Saved' });
    };
    expectTypeOf(listen).toBeFunction();
  });
});

describe('sdk/server', () => {
  it("hands onRequest's handler the schema's output, not its input", () => {
    const serve = (app: ServerApp) => {
      const order = z.object({ item: z.string(), quantity: z.string().transform(Number), note: z.string().default('') });
      app.onRequest('orders.place', order, (context, input) => {
        expectTypeOf(context).toEqualTypeOf<RequestContext>();
        expectTypeOf(input).toEqualTypeOf<{ item: string; quantity: number; note: string }>();
      });
      // @ts-expect-error: the handler's input is what the schema parses to
      app.onRequest('orders.get', z.object({ id: z.number() }), (_context, input: { id: string }) => input.id);
      // @ts-expect-error: a schema is required
      app.onRequest('orders.get', (_context: RequestContext, input: unknown) => input);
    };
    expectTypeOf(serve).toBeFunction();
  });

  it('types registerApp, pushes, notifications and storage', () => {
    const serve = (manifest: AppManifestInput) => {
      const app = registerApp(manifest);
      expectTypeOf(app).toEqualTypeOf<ServerApp>();
      expectTypeOf(app.sendAppMessage(1, 'pong', { at: 0 })).toEqualTypeOf<Outcome>();
      expectTypeOf(app.notify(1, { title: 'Order ready', body: 'Burger' })).resolves.toEqualTypeOf<Outcome>();
      expectTypeOf(app.storage.get<{ text: string }>(1, 'draft')).resolves.toEqualTypeOf<{ text: string } | null>();
      expectTypeOf(app.storage.set).parameters.toEqualTypeOf<[source: number, key: string, value: unknown]>();
      expectTypeOf(app.storage.remove(1, 'draft')).resolves.toBeVoid();
      // @ts-expect-error: `source` is the player's server id, a number
      void app.storage.get('1', 'draft');
      // @ts-expect-error: not a permission
      registerApp({ id: 'bank', label: 'Bank', icon: 'fa-bank', color: '#30d158', ui: 'web/index.html', permissions: ['telepathy'] });
      // @ts-expect-error: `ui` is required
      registerApp({ id: 'bank', label: 'Bank', icon: 'fa-bank', color: '#30d158' });
    };
    expectTypeOf(serve).toBeFunction();
  });
});

describe('sdk/contract', () => {
  const ordersContract = defineContract({
    'orders.get': action(z.object({ orderId: z.number().int(), note: z.string().default('') }).strict()).answers<{ item: string; paid: boolean }>(),
    'orders.cancel': action(z.object({ orderId: z.number().int() }).strict()).answers<null>(),
  });

  it('types the server handlers from the contract: the parsed input, the answer, and a handler for every action', () => {
    const serve = (app: ServerApp) => {
      app.serve(ordersContract, {
        'orders.get': (context, input) => {
          expectTypeOf(context).toEqualTypeOf<RequestContext>();
          expectTypeOf(input).toEqualTypeOf<{ orderId: number; note: string }>();
          return { item: 'Burger', paid: true };
        },
        'orders.cancel': async () => null,
      });
      app.serve(ordersContract, {
        // @ts-expect-error: a renamed field of the input does not compile on the server
        'orders.get': (_context, { id }) => ({ item: String(id), paid: true }),
        'orders.cancel': () => null,
      });
      app.serve(ordersContract, {
        // @ts-expect-error: a renamed field of the answer does not compile either
        'orders.get': () => ({ item: 'Burger', isPaid: true }),
        'orders.cancel': () => null,
      });
      // @ts-expect-error: an action of the contract without a handler
      app.serve(ordersContract, { 'orders.get': () => ({ item: 'Burger', paid: true }) });
    };
    expectTypeOf(serve).toBeFunction();
  });

  it("types the page's requests from the contract, by name, input and answer", () => {
    const page = async (app: HandsetApp) => {
      const orders = contractClient<typeof ordersContract>(app);
      expectTypeOf(await orders.request('orders.get', { orderId: 7 })).toEqualTypeOf<{ item: string; paid: boolean }>();
      // @ts-expect-error: a renamed field of the input does not compile on the page
      void orders.request('orders.get', { id: 7 });
      // @ts-expect-error: nor does reading a renamed field of the answer
      void (await orders.request('orders.get', { orderId: 7 })).isPaid;
      // @ts-expect-error: nor an action the contract does not have
      void orders.request('orders.refund', { orderId: 7 });

      const contacts = contractClient<typeof contactsContract>(app);
      expectTypeOf((await contacts.request('contacts.setFavorite', { id: 1, favorite: true })).favorite).toEqualTypeOf<boolean>();
      // @ts-expect-error: a built-in app's contract holds its pages to the server's field names too
      void contacts.request('contacts.setFavorite', { id: 1, favourite: true });
    };
    expectTypeOf(page).toBeFunction();
  });
});

describe('sdk/testing', () => {
  it('records what the app did with the catalogue types', () => {
    const host = createFakeHost({ grants: ['notifications'], requests: { greet: (payload) => payload } });
    expectTypeOf(host.notifications).toEqualTypeOf<{ title: string; body: string; timeout?: number | undefined }[]>();
    expectTypeOf(host.push).parameters.toEqualTypeOf<[type: string, data: unknown]>();
    expectTypeOf<ErrorCode>().toEqualTypeOf<
      | 'INVALID_INPUT'
      | 'PAYLOAD_TOO_LARGE'
      | 'FORBIDDEN'
      | 'NOT_FOUND'
      | 'ALREADY_EXISTS'
      | 'RATE_LIMITED'
      | 'QUOTA_EXCEEDED'
      | 'UNAVAILABLE'
      | 'TIMEOUT'
      | 'INTERNAL'
    >();
    // @ts-expect-error: not a permission
    createFakeHost({ grants: ['telepathy'] });
    host.dispose();
  });
});
