import { describe, expect, it } from 'vitest';
import { connectWithPhone, nui, onEachDatabase, handsetPerTest, type HandsetSimulation } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

// Two apps written as third parties write them: `radio` in Lua, `garage` in JS, each its own resource.
const appManifest = (id: string, extra: string) =>
  `{ id = '${id}', label = 'App', icon = 'fa-star', color = '#ff9f0a', ui = 'web/index.html'${extra} }`;

const radioLua = `
local manifests = {
  valid = ${appManifest('radio', ", category = 'appstore', permissions = { 'notifications' }")},
  invalid = ${appManifest('Radio!', '')},
  reserved = ${appManifest('contacts', '')},
  taken = ${appManifest('garage', '')},
  missing_ui = { id = 'radio', label = 'Radio', icon = 'fa-radio', color = '#ff9f0a', ui = 'web/nope.html' },
  default = ${appManifest('radio_plus', ", category = 'default'")},
  system = ${appManifest('radio_sys', ", permissions = { 'apps' }")},
}
local function report(label, ok, reason) print(('%s %s %s'):format(label, tostring(ok), tostring(reason))) end
local function command(name, fn) RegisterCommand(name, function(_, args) CreateThread(function() fn(args) end) end, true) end

command('radio:register', function(args) report('register ' .. args[1], exports.handset:registerApp(manifests[args[1]])) end)
command('radio:unregister', function(args) report('unregister ' .. args[1], exports.handset:unregisterApp(args[1])) end)
command('radio:handle', function()
  report('onRequest', exports.handset:onRequest('radio', 'tune', function(source, payload)
    if type(payload) ~= 'table' or type(payload.frequency) ~= 'number' then
      return { ok = false, error = { code = 'INVALID_INPUT', message = 'frequency must be a number' } }
    end
    return { ok = true, data = { frequency = payload.frequency, listener = source } }
  end))
end)
command('radio:push', function(args)
  report('push ' .. args[2], exports.handset:sendAppMessage(tonumber(args[1]), args[2], 'song', { title = 'Night Drive' }))
end)
command('radio:notify', function(args)
  report('notify', exports.handset:notify(tonumber(args[1]), { title = 'Now playing', body = 'Night Drive', app = 'Radio' }))
end)
`;

const garageJs = `
const manifest = (id, extra = {}) => ({ id, label: 'App', icon: 'fa-star', color: '#ff9f0a', ui: 'web/index.html', ...extra });
const manifests = {
  valid: manifest('garage', { category: 'appstore', permissions: ['notifications'] }),
  invalid: manifest('Garage!'),
  reserved: manifest('contacts'),
  taken: manifest('radio'),
  missing_ui: manifest('garage', { ui: 'web/nope.html' }),
  default: manifest('garage_plus', { category: 'default' }),
  system: manifest('garage_sys', { permissions: ['apps'] }),
};
// A Lua-served export answers JS with \`true\` or \`[false, reason, message]\`.
const report = (label, result) => {
  const [ok, reason] = Array.isArray(result) ? result : [result];
  console.log(\`\${label} \${ok} \${reason ?? 'nil'}\`);
};
const command = (name, fn) => RegisterCommand(name, async (_source, args) => fn(args), true);

command('garage:register', ([variant]) => report('register ' + variant, exports.handset.registerApp(manifests[variant])));
command('garage:unregister', ([id]) => report('unregister ' + id, exports.handset.unregisterApp(id)));
command('garage:handle', () =>
  report('onRequest', exports.handset.onRequest('garage', 'tune', (source, payload) => {
    if (typeof payload?.frequency !== 'number') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'frequency must be a number' } };
    }
    return { ok: true, data: { frequency: payload.frequency, listener: source } };
  })),
);
command('garage:push', ([player, appId]) =>
  report('push ' + appId, exports.handset.sendAppMessage(Number(player), appId, 'song', { title: 'Night Drive' })),
);
command('garage:notify', async ([player]) =>
  report('notify', await exports.handset.notify(Number(player), { title: 'Now playing', body: 'Night Drive', app: 'Radio' })),
);
`;

const resources = {
  radio: {
    'fxmanifest.lua': manifest(`server_script 'server.lua'`, `files { 'web/index.html' }`),
    'server.lua': radioLua,
    'web/index.html': '<!doctype html><title>Radio</title>',
  },
  garage: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
    'server.js': garageJs,
    'web/index.html': '<!doctype html><title>Garage</title>',
  },
};

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

/** Runs a resource's console command and waits for the line it prints. */
async function run(prefix: string, command: string, expected: string): Promise<void> {
  const { sim, printed } = simulation!;
  const before = printed(prefix).length;
  sim.executeCommand(`${prefix}:${command}`, 0);
  await eventually(() => expect(printed(prefix).slice(before)).toEqual([expected]), 5000);
}

onEachDatabase((open) => {
  for (const [language, app, other] of [
    ['Lua', 'radio', 'garage'],
    ['JS', 'garage', 'radio'],
  ] as const) {
    describe(`a ${language} resource`, () => {
      it('registers its app, is refused for each reason, answers requests, pushes, notifies, and loses the app when stopped', async () => {
        simulation = await startHandset({ database: await open(), resources });
        const { sim, errors } = simulation;

        await run(app, 'register invalid', 'register invalid false invalid_manifest');
        await run(app, 'register reserved', 'register reserved false reserved_id');
        await run(app, 'register missing_ui', 'register missing_ui false ui_missing');
        await run(app, 'register default', 'register default false default_not_allowed');
        // Installing apps and changing the player's settings takes the owner's word for the app.
        await run(app, 'register system', 'register system false permission_not_allowed');
        sim.executeCommand(`set handset:app:${app}_sys system`, 0);
        await run(app, 'register system', 'register system true nil');
        await run(other, 'register valid', 'register valid true nil');
        await run(app, 'register taken', 'register taken false id_taken');
        await run(app, 'register valid', 'register valid true nil');
        await run(app, 'handle', 'onRequest true nil');
        await run(other, `unregister ${app}`, `unregister ${app} false not_owner`);

        const { player, page } = await connectWithPhone(simulation);
        const tune = (payload: unknown) => nui(page, 'request', { appId: app, action: 'tune', payload });
        await expect(tune({ frequency: 101.5 })).resolves.toEqual({
          ok: false,
          error: { code: 'FORBIDDEN', message: `app "${app}" is not installed` },
        });
        await expect(nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: app } })).resolves.toEqual({
          ok: true,
          data: null,
        });
        await run(app, `push ${player.id} ${app}`, `push ${app} false not_open`);
        await expect(nui(page, 'appState', { appId: app, open: true })).resolves.toEqual({ ok: true, data: null });

        await expect(tune({ frequency: 101.5 })).resolves.toEqual({ ok: true, data: { frequency: 101.5, listener: player.id } });
        await expect(tune({ frequency: 'loud' })).resolves.toEqual({
          ok: false,
          error: { code: 'INVALID_INPUT', message: 'frequency must be a number' },
        });

        await run(app, `push ${player.id} ${app}`, `push ${app} true nil`);
        await run(other, `push ${player.id} ${app}`, `push ${app} false not_owner`);
        expect(page.messages.filter((message) => (message as { type: string }).type === 'app:message')).toEqual([
          { type: 'app:message', appId: app, messageType: 'song', data: { title: 'Night Drive' } },
        ]);

        await run(app, `notify ${player.id}`, 'notify true nil');
        const shown = page.messages.filter((message) => (message as { type: string }).type === 'notification');
        expect(shown).toEqual([
          {
            type: 'notification',
            notification: {
              id: expect.any(Number),
              appId: null,
              app: 'Radio',
              title: 'Now playing',
              body: 'Night Drive',
              icon: null,
              iconColor: null,
              timeout: 5000,
              createdAt: expect.any(Number),
            },
          },
        ]);
        await expect(
          nui(page, 'request', { appId: 'handset', action: 'settings.update', payload: { airplaneMode: true } }),
        ).resolves.toMatchObject({ ok: true, data: { airplaneMode: true, passcodeSet: false } });
        await run(app, `notify ${player.id}`, 'notify false airplane_mode');
        const center = await nui(page, 'request', { appId: 'handset', action: 'notifications.list', payload: {} });
        expect(center).toEqual({ ok: true, data: [{ ...(shown[0] as { notification: object }).notification, timeout: 5000 }] });

        await sim.stop(app);
        await eventually(() => expect(page.messages.at(-1)).toEqual({ type: 'app:close', appId: app }));
        const apps = (await nui(page, 'request', { appId: 'handset', action: 'apps.list' })) as { ok: true; data: { id: string; resource: string }[] };
        expect(apps.ok, JSON.stringify(apps)).toBe(true);
        // Handset's own apps are listed too; of the third-party ones only the other resource's is left.
        expect(apps.data.filter((listed) => listed.resource !== 'handset').map((listed) => listed.id)).toEqual([other]);
        await expect(tune({ frequency: 99 })).resolves.toEqual({
          ok: false,
          error: { code: 'NOT_FOUND', message: `no app "${app}" is registered` },
        });
        expect(errors).toEqual([]);
      });
    });
  }
});
