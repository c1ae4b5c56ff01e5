import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ERROR_CODES } from '@handset/sdk/protocol/errors';
import { contactsContract } from '../../apps/contacts/contract';
import { mailContract } from '../../apps/mail/contract';
import { messagesContract } from '../../apps/messages/contract';
import { phoneContract } from '../../apps/phone/contract';
import { photosContract } from '../../apps/photos/contract';
import { cloutgramContract } from '../../apps/cloutgram/contract';
import { tweederContract } from '../../apps/tweeder/contract';
import { coreActions } from '../../core/server/core-actions';
import { createDriverDatabase } from '../../core/server/storage/driver-database';
import { connectWithPhone, handsetPerTest, nui, openSqlite } from '../support/handset';
import { eventually, manifest } from '../support/simulation';

/** Payloads each boundary is given: enough to reach every refusal, within CI's budget. */
const RUNS = 10_000;
/** Requests a player's client sends in one go, as a flood would. */
const BATCH = 500;

// A modded client: anything on Handset's net event, every answer printed as its id and code.
const probe = {
  'fxmanifest.lua': manifest(`client_script 'client.js'`),
  'client.js': `
onNet('handset:response', (id, answer) => console.log('answer ' + JSON.stringify([id, answer && answer.ok === true ? 'ok' : answer && answer.error ? answer.error.code : 'malformed'])));
RegisterCommand('fuzz', (_source, [batch]) => { for (const request of JSON.parse(decodeURIComponent(batch))) emitNet('handset:request', ...request); }, false);
`,
};

const startHandset = handsetPerTest();

/** Every action a player may ask for, with the app that serves it. */
const ROUTES = Object.entries({
  handset: coreActions,
  contacts: contactsContract,
  phone: phoneContract,
  messages: messagesContract,
  mail: mailContract,
  photos: photosContract,
  tweeder: tweederContract,
  cloutgram: cloutgramContract,
}).flatMap(([appId, actions]) => Object.keys(actions).map((action) => [appId, action] as const));
const FIELDS = ['handle', 'displayName', 'tab', 'tag', 'liked', 'reposted', 'reason', 'postId', 'accountId', 'notify', 'photos', 'quote', 'id', 'ids', 'threadId', 'number', 'numbers', 'clientId', 'requestId', 'body', 'to', 'name', 'query', 'cursor', 'limit', 'folder', 'appId', 'kind', 'attachment', 'members', 'title', 'enabled', 'open', 'url', 'firstName', 'favorite', 'blocked', 'key', 'value', 'subject', 'replyTo', 'albumId', 'photoId', 'read', 'address', 'video', 'hideNumber', 'caption', 'location', 'saved', 'parentId', 'text', 'photo', 'accept', 'private', 'bio', 'avatar'];

/** Values that reach past the schemas: small ids (other characters' rows), thread ids, near-valid strings, and anything. */
const value = fc.oneof(
  fc.integer({ min: -2, max: 40 }),
  fc.constantFrom('d:5550001:5550002', 'g:1', '555-0100', '5550100', 'x@handset.mail', 'https://i.imgur.com/a.png', '', ' ', '__proto__', 'constructor'),
  fc.string({ maxLength: 40 }),
  fc.boolean(),
  fc.constant(null),
  fc.double(),
  fc.array(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.string({ maxLength: 12 })), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const payload = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 5 }), fc.jsonValue({ maxDepth: 3 }), fc.constant(null));
const request = fc
  .tuple(
    fc.oneof(
      { weight: 19, arbitrary: fc.constantFrom(...ROUTES) },
      { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...new Set(ROUTES.map(([appId]) => appId))), fc.string({ maxLength: 20 })), fc.string({ maxLength: 40 })) },
    ),
    payload,
  )
  .map(([[appId, action], body]) => [appId, action, body] as const);

/** Every row of the phone with `number`, in every table that has a `phone_id`. */
async function rowsOf(connection: string, number: string) {
  const db = await createDriverDatabase(connection);
  try {
    const [phone] = await db.select<{ id: number }>('SELECT id FROM handset_core_phones WHERE phone_number = ?', [number.replace(/\D/g, '')]);
    const phoneId = phone!.id;
    const tables = await db.select<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'handset_%' ORDER BY name");
    const rows: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const columns = await db.select<{ name: string }>(`SELECT name FROM pragma_table_info('${name}')`);
      if (columns.some((column) => column.name === 'phone_id')) rows[name] = await db.select(`SELECT * FROM ${name} WHERE phone_id = ? ORDER BY 1`, [phoneId]);
    }
    return rows;
  } finally {
    await db.close();
  }
}

it(`answers ${RUNS} random requests from a modded client with an exact code, never INTERNAL, and changes nothing of another character`, async () => {
  const simulation = await startHandset({
    database: await openSqlite(),
    resources: { probe },
    // This client floods on purpose: FXServer's and Handset's own limits are lifted, so every request reaches its handler.
    convars: {
      'handset:requests_per_second': '100000',
      'handset:request_burst': '100000',
      rateLimiter_netEvent_rate: '1000000',
      rateLimiter_netEvent_burst: '1000000',
      rateLimiter_netEventFlood_rate: '1000000',
      rateLimiter_netEventFlood_burst: '1000000',
      rateLimiter_netEventSize_rate: '100000000',
      rateLimiter_netEventSize_burst: '100000000',
    },
  });
  const { sim, printed, errors, database } = simulation;
  const a = await connectWithPhone(simulation);
  const b = await connectWithPhone(simulation);
  // B has something of their own in each app for A to reach for.
  const asB = (appId: string, action: string, body: unknown) => nui(b.page, 'request', { appId, action, payload: body });
  await asB('contacts', 'contacts.add', { requestId: 'r1', number: '5550100', firstName: 'Ann' });
  await asB('mail', 'mail.claim', { name: 'bobby' });
  await asB('photos', 'photos.add', { clientId: 'p1', url: 'https://i.imgur.com/b.png' });
  await asB('handset', 'notifications.create', { title: 'Mine', body: 'B only' });
  await asB('tweeder', 'profiles.claim', { handle: 'bee', displayName: 'Bee' });
  await asB('tweeder', 'posts.create', { clientId: 't1', text: 'B speaks #tag' });
  // A has an account too, so Tweeder's handlers are reached past "choose a handle first".
  await nui(a.page, 'request', { appId: 'tweeder', action: 'profiles.claim', payload: { handle: 'aye', displayName: 'Aye' } });
  await asB('cloutgram', 'profiles.claim', { handle: 'bee', displayName: 'Bee' });
  await asB('cloutgram', 'posts.create', { clientId: 'g1', photos: ['https://i.imgur.com/b.png'], caption: 'B only' });
  await asB('cloutgram', 'stories.create', { clientId: 'gs1', photo: 'https://i.imgur.com/b.png' });
  await nui(a.page, 'request', { appId: 'cloutgram', action: 'profiles.claim', payload: { handle: 'aye', displayName: 'Aye' } });
  const before = await rowsOf(database.connection, b.number);

  const requests = fc.sample(request, { numRuns: RUNS, seed: 20261205 });
  const codes = new Map<string, number>();
  for (let start = 0; start < requests.length; start += BATCH) {
    const batch = requests.slice(start, start + BATCH).map(([appId, action, body], index) => [start + index + 1, appId, action, body]);
    const seen = printed('probe').length;
    // Encoded: the command line would take the JSON's quotes and spaces apart.
    a.player.executeCommand(`fuzz ${encodeURIComponent(JSON.stringify(batch))}`);
    await eventually(() => expect(printed('probe').length).toBe(seen + batch.length), 30_000);
    for (const line of printed('probe').slice(seen)) {
      const [id, code] = JSON.parse(line.slice('answer '.length)) as [number, string];
      const [, appId, action, body] = batch[id - start - 1]!;
      expect(code === 'ok' || (ERROR_CODES as readonly string[]).includes(code), `${code} for ${JSON.stringify([appId, action, body])}`).toBe(true);
      expect(code, `INTERNAL for ${JSON.stringify([appId, action, body])}`).not.toBe('INTERNAL');
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  }
  await sim.network.idle();

  // The run reached past the schemas: refusals of every kind, and some requests that were A's own to make.
  expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['INVALID_INPUT', 'NOT_FOUND', 'ok']));
  expect([...codes.values()].reduce((sum, count) => sum + count, 0)).toBe(RUNS);
  expect(await rowsOf(database.connection, b.number)).toEqual(before);
  expect(errors).toEqual([]);
}, 300_000);

it(`answers ${RUNS} random NUI callback bodies with ok or an exact code`, async () => {
  const simulation = await startHandset({ database: await openSqlite() });
  const { page } = await connectWithPhone(simulation);
  // Handset's client callbacks, and names it does not have (the game answers those itself).
  const callbacks = ['close', 'appState', 'camera', 'location'];
  const bodies = fc.sample(fc.tuple(fc.constantFrom(...callbacks), fc.oneof(payload, fc.dictionary(fc.constantFrom('appId', 'open', 'active', 'selfie'), value, { maxKeys: 3 }))), {
    numRuns: RUNS,
    seed: 20261206,
  });
  const codes = new Map<string, number>();
  for (const [name, body] of bodies) {
    const answer = (await nui(page, name, body)) as { ok: boolean; error?: { code: string } } | null;
    const code = answer?.ok === true ? 'ok' : (answer?.error?.code ?? `malformed ${JSON.stringify(answer)}`);
    expect(code === 'ok' || ((ERROR_CODES as readonly string[]).includes(code) && code !== 'INTERNAL'), `${code} for ${name} ${JSON.stringify(body)}`).toBe(true);
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['INVALID_INPUT', 'ok']));
  expect(simulation.errors).toEqual([]);
}, 300_000);

// A hostile or buggy resource: every export of Handset's, any arguments, each outcome printed as its kind.
const caller = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `
const outcome = (value) => Array.isArray(value) && value[0] === false ? 'false ' + value[1] : value === false ? 'false' : 'value';
RegisterCommand('call', async (_source, [batch]) => {
  for (const [id, name, args] of JSON.parse(decodeURIComponent(batch))) {
    try {
      console.log(id + ' ' + outcome(await exports.handset[name](...args)));
    } catch (error) {
      // FiveM wraps an export's error as "An error occurred while calling export … - <message> - see above …".
      const message = String(error && error.message);
      const code = /(?:^| - )([A-Z_]+): /.exec(message);
      console.log(id + ' threw ' + (code ? code[1] : '? ' + message));
    }
  }
}, true);
`,
};

it(`answers ${RUNS} random export calls from another resource with a value or an exact refusal, never a script error`, async () => {
  const simulation = await startHandset({ database: await openSqlite(), resources: { caller } });
  const { sim, printed, errors } = simulation;
  const a = await connectWithPhone(simulation);
  await connectWithPhone(simulation);
  // Every export Handset registered under its own name, but the one it answers only to itself.
  const names = sim.server
    .handlersOf('handset')
    .events.filter((name) => name.startsWith('__cfx_export_handset_'))
    .map((name) => name.slice('__cfx_export_handset_'.length))
    .filter((name) => name !== 'okReasonExports');
  const argument = fc.oneof(value, fc.constantFrom(a.player.id, String(a.player.id), a.number, 'handset', 'contacts', 'license:nobody'), fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 }));
  const calls = fc.sample(fc.tuple(fc.constantFrom(...names), fc.array(argument, { maxLength: 6 })), { numRuns: RUNS, seed: 20261207 });
  const outcomes = new Map<string, number>();
  const codes = new Set<string>(ERROR_CODES);
  const reasons = new Set(['not_owner', 'no_permission', 'offline', 'not_found', 'invalid_input']);
  for (let start = 0; start < calls.length; start += BATCH) {
    const batch = calls.slice(start, start + BATCH).map(([name, args], index) => [start + index, name, args]);
    const seen = printed('caller').length;
    sim.executeCommand(`call ${encodeURIComponent(JSON.stringify(batch))}`, 0);
    await eventually(() => expect(printed('caller').length).toBe(seen + batch.length), 30_000);
    for (const line of printed('caller').slice(seen)) {
      const [id, kind, detail = ''] = line.split(' ');
      const [, name, args] = batch[Number(id) - start]!;
      const call = `${name as string}(${JSON.stringify(args).slice(1, -1)})`;
      // A thrown refusal leads with its code: an error's class does not survive the trip between resources.
      // Handset's codes, or the reason an ok_reason sibling answers, in capitals (getAppData throws what setAppData answers).
      if (kind === 'threw') expect(codes.has(detail) || reasons.has(detail.toLowerCase()), `${call}: ${line}`).toBe(true);
      if (kind === 'false' && detail) expect(detail, call).toMatch(/^[a-z_]+$/);
      expect(line, call).not.toMatch(/INTERNAL|TypeError|undefined is not|Cannot read/);
      const outcome = `${kind} ${detail}`.trim();
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  }
  expect([...outcomes.values()].reduce((sum, count) => sum + count, 0)).toBe(RUNS);
  // The run reached past the schemas: refusals thrown and answered, and answers.
  expect([...outcomes.keys()]).toEqual(expect.arrayContaining(['threw INVALID_INPUT', 'false invalid_input', 'value']));
  expect(errors).toEqual([]);
}, 300_000);
