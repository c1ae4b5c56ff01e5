import { expect, it } from 'vitest';
import { createDriverDatabase } from '../../../core/server/storage/driver-database';
import { connectWithPhone, nui, onEachDatabase, handsetPerTest, type HandsetSimulation } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

const big = (bytes: number) => `'x'.repeat(${bytes})`;
const tally = `{ id: 'tally', label: 'Tally', icon: 'fa-plus', color: '#30d158', ui: 'web/index.html' }`;

/** What a caller catches when a value export refuses an argument: FiveM's wrapper around Handset's message. */
const threw = (name: string, argument: string) =>
  `threw Error: An error occurred while calling export ${name} of resource handset - INVALID_INPUT: ${argument} is not valid - see above for details`;

/** Export calls another resource might make, by name; each prints what it got back (or what it threw). */
const exportCases: Record<string, [call: string, expected: unknown]> = {
  registerNumber: ['exports.handset.registerApp(123)', [false, 'invalid_manifest', 'Invalid input: expected object, received number']],
  registerMissingLabel: [
    `exports.handset.registerApp({ id: 'tally2', icon: 'fa-plus', color: '#30d158', ui: 'web/index.html' })`,
    [false, 'invalid_manifest', 'label: Invalid input: expected string, received undefined'],
  ],
  registerOversize: [
    `exports.handset.registerApp({ ...${tally}, id: 'tally3', label: ${big(20_000)} })`,
    [false, 'invalid_manifest', 'label: Too big: expected string to have <=32 characters'],
  ],
  registerHttpScreenshot: [
    `exports.handset.registerApp({ ...${tally}, id: 'tally4', screenshots: ['http://i.imgur.com/a.png'] })`,
    [false, 'invalid_manifest', 'screenshots.0: a screenshot is an https URL'],
  ],
  unregisterNumber: ['exports.handset.unregisterApp(42)', [false, 'invalid_input', 'the app id must be a string']],
  unregisterOthers: [`exports.handset.unregisterApp('tally')`, [false, 'not_owner', '"tally" is registered by another resource']],
  onRequestOthers: [
    `exports.handset.onRequest('tally', 'count', () => ({ ok: true, data: 0 }))`,
    [false, 'not_owner', '"tally" is registered by another resource'],
  ],
  onRequestBadAction: [
    `exports.handset.onRequest('tally', 'no spaces', () => null)`,
    [false, 'invalid_input', 'expected (appId: string, action: string, handler: function)'],
  ],
  sendBadSource: [`exports.handset.sendAppMessage('me', 'tally', 'ping', {})`, [false, 'invalid_input', 'expected (source: number, appId: string, type: string, data)']],
  sendMissingType: [`exports.handset.sendAppMessage(1, 'tally')`, [false, 'invalid_input', 'expected (source: number, appId: string, type: string, data)']],
  sendOversize: [`exports.handset.sendAppMessage(1, 'tally', 'ping', { blob: ${big(20_000)} })`, [false, 'payload_too_large', 'data over 16384 bytes']],
  sendOthers: [`exports.handset.sendAppMessage(1, 'tally', 'ping', {})`, [false, 'not_owner', '"tally" is registered by another resource']],
  notifyBadSource: [`exports.handset.notify({}, { title: 'Hi', body: 'there' })`, [false, 'invalid_input', 'source must be a player id']],
  notifyMissingTitle: [`exports.handset.notify(1, { body: 'there' })`, [false, 'invalid_input', 'title: Invalid input: expected string, received undefined']],
  notifyOversize: [
    `exports.handset.notify(1, { title: 'Hi', body: ${big(20_000)} })`,
    [false, 'invalid_input', 'body: Too big: expected string to have <=500 characters'],
  ],
  notifyBadColor: [`exports.handset.notify(1, { title: 'Hi', body: 'x', iconColor: 'red' })`, [false, 'invalid_input', 'iconColor: a hex color such as #0a84ff']],
  phoneNumberOfTable: ['exports.handset.getPhoneNumber({})', threw('getPhoneNumber', 'source')],
  sourceOfTable: ['exports.handset.getSourceByNumber({})', threw('getSourceByNumber', 'number')],
  // An async export's refusal arrives as the rejection itself.
  identifierOfTable: ['exports.handset.getIdentifierByPhoneNumber([1])', 'threw Error: INVALID_INPUT: number is not valid'],
};

const probeServer = `
const cases = {
${Object.entries(exportCases)
  .map(([name, [call]]) => `  ${name}: () => ${call},`)
  .join('\n')}
};
RegisterCommand('probe', async (_source, [name]) => {
  try {
    console.log(name + ' ' + JSON.stringify(await cases[name]()));
  } catch (error) {
    console.log(name + ' threw ' + (error instanceof Error ? error.message : String(error)));
  }
}, true);
`;

// A player's client sending whatever it likes on Handset's net event.
const probeClient = `
RegisterCommand('net', (_source, args) => emitNet('handset:request', ...JSON.parse(args.join(' '))), false);
onNet('handset:response', (id, answer) => console.log('answer ' + id + ' ' + JSON.stringify(answer)));
`;

const resources = {
  owner: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
    'server.js': `exports.handset.registerApp(${tally});
exports.handset.onRequest('tally', 'count', () => ({ ok: true, data: 1 }));`,
    'web/index.html': '<!doctype html><title>Tally</title>',
  },
  probe: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `client_script 'client.js'`),
    'server.js': probeServer,
    'client.js': probeClient,
  },
};

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

/** Every row a refused call could have written. */
async function snapshot(connection: string) {
  const db = await createDriverDatabase(connection);
  try {
    return {
      phones: await db.select('SELECT id, phone_number, airplane_mode FROM handset_core_phones ORDER BY id'),
      notifications: await db.select('SELECT id, title FROM handset_core_notifications ORDER BY id'),
      installs: await db.select('SELECT phone_id, app_id FROM handset_core_app_installs ORDER BY phone_id, app_id'),
      storage: await db.select('SELECT phone_id, app_id, storage_key FROM handset_core_app_storage'),
    };
  } finally {
    await db.close();
  }
}

onEachDatabase((open) => {
  it('refuses bad export calls and bad net requests with exact codes, and writes nothing', async () => {
    simulation = await startHandset({ database: await open(), resources });
    const { sim, printed, errors, database } = simulation;
    const { player, page } = await connectWithPhone(simulation);
    const before = await snapshot(database.connection);

    for (const [name, [, expected]] of Object.entries(exportCases)) {
      const seen = printed('probe').length;
      sim.executeCommand(`probe ${name}`, 0);
      await eventually(() => expect(printed('probe').length).toBe(seen + 1));
      const line = printed('probe')[seen]!;
      expect(line, name).toBe(`${name} ${typeof expected === 'string' ? expected : JSON.stringify(expected)}`);
    }

    const requests: [args: unknown[], answer: unknown][] = [
      [[1, 'Bad App', 'count', null], { ok: false, error: { code: 'INVALID_INPUT', message: 'malformed request' } }],
      [[2, 'tally', 'count'], { ok: false, error: { code: 'INVALID_INPUT', message: 'malformed request' } }],
      [[3, 'tally', 'count', { blob: 'x'.repeat(20_000) }], { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'payload over 16384 bytes' } }],
      [[4, 'handset', 'apps.install', { appId: 5 }], { ok: false, error: { code: 'INVALID_INPUT', message: 'appId: Invalid input: expected string, received number' } }],
      [[5, 'handset', 'apps.install', { appId: 'tally', extra: 1 }], { ok: false, error: { code: 'INVALID_INPUT', message: 'Unrecognized key: "extra"' } }],
      [[6, 'handset', 'settings.update', { airplaneMode: 'yes' }], { ok: false, error: { code: 'INVALID_INPUT', message: 'airplaneMode: Invalid input: expected boolean, received string' } }],
      [[7, 'handset', 'notifications.create', { body: 'no title' }], { ok: false, error: { code: 'INVALID_INPUT', message: 'title: Invalid input: expected string, received undefined' } }],
      [[8, 'handset', 'notifications.dismiss', { id: 1 }], { ok: false, error: { code: 'NOT_FOUND', message: 'no notification 1' } }],
      [[9, 'handset', 'no.such.action', null], { ok: false, error: { code: 'NOT_FOUND', message: 'no action "no.such.action"' } }],
      [[10, 'tally', 'count', null], { ok: false, error: { code: 'FORBIDDEN', message: 'app "tally" is not installed' } }],
      [[11, 'nope', 'count', null], { ok: false, error: { code: 'NOT_FOUND', message: 'no app "nope" is registered' } }],
    ];
    for (const [args, answer] of requests) {
      player.executeCommand(`net ${JSON.stringify(args)}`);
      await eventually(() => expect(printed('probe').at(-1)).toBe(`answer ${String(args[0])} ${JSON.stringify(answer)}`));
    }
    // Without an id there is nobody to answer: the request is dropped.
    player.executeCommand(`net ["one","tally","count",null]`);

    await expect(nui(page, 'request', { appId: 'tally' })).resolves.toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'malformed callback body' },
    });
    await expect(nui(page, 'appState', { appId: 'tally', open: 'yes' })).resolves.toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'malformed callback body' },
    });

    await sim.network.idle();
    expect(await snapshot(database.connection)).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('rate-limits one player’s requests per app and answers the rest', async () => {
    simulation = await startHandset({ database: await open(), resources });
    const { page } = await connectWithPhone(simulation);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => nui(page, 'request', { appId: 'handset', action: 'apps.list' })),
    );
    const codes = answers.map((answer) => (answer.ok ? 'ok' : (answer.error as { code: string }).code));
    expect(codes.filter((code) => code === 'ok').length).toBeGreaterThanOrEqual(30);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(1);
    expect(new Set(codes)).toEqual(new Set(['ok', 'RATE_LIMITED']));
  });
});
