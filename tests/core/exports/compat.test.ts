import { describe, expect, it } from 'vitest';
import { connectWithPhone, nui, openSqlite, handsetPerTest, type HandsetSimulation } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

// A script written for 919PHONE, unchanged: it only knows the name amzn_smartphone.
const legacyServer = `
local function report(label, ...) print(label .. ' ' .. json.encode({ ... })) end
RegisterCommand('legacy', function(_, args)
  CreateThread(function()
    local target = tonumber(args[1])
    report('register', exports['amzn_smartphone']:registerApp({
      id = 'myapp', label = 'My App', icon = 'fa-star', color = '#0a84ff', category = 'appstore', ui = 'web/index.html',
    }))
    report('notify', exports['amzn_smartphone']:notify(target, {
      app = 'Bank', icon = 'fa-building-columns', iconColor = '#30d158',
      title = 'Paycheck Received', body = '$500 deposited to your account.',
    }))
    report('lookup', exports['amzn_smartphone']:getIdentifierByPhoneNumber(args[2]))
    report('unknown', exports['amzn_smartphone']:getIdentifierByPhoneNumber('000-000-0000'))
    TriggerClientEvent('phone:notification', target, { title = 'Alert', body = 'From another resource.' })
  end)
end, true)
RegisterCommand('unregister', function() report('unregister', exports['amzn_smartphone']:unregisterApp('myapp')) end, true)
`;

const legacyClient = `
RegisterCommand('local', function()
  CreateThread(function()
    print('notify ' .. json.encode({ exports['amzn_smartphone']:notify({
      app = 'My App', icon = 'fa-star', iconColor = '#ff9f0a', title = 'Local Event', body = 'This came from a client script.',
    }) }))
  end)
end, false)
RegisterCommand('push', function()
  print('push ' .. json.encode({ exports['amzn_smartphone']:sendAppMessage('myapp', 'refresh', { updated = true }) }))
end, false)
`;

const resources = {
  legacy: {
    'fxmanifest.lua': manifest(`server_script 'server.lua'`, `client_script 'client.lua'`, `files { 'web/index.html' }`),
    'server.lua': legacyServer,
    'client.lua': legacyClient,
    'web/index.html': '<!doctype html><title>My App</title>',
  },
  intruder: {
    'fxmanifest.lua': manifest(`client_script 'client.lua'`),
    'client.lua': `RegisterCommand('steal', function()
      print('push ' .. json.encode({ exports['amzn_smartphone']:sendAppMessage('myapp', 'refresh', {}) }))
    end, false)`,
  },
};

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

const notificationsShown = (messages: unknown[]) =>
  messages.filter((message) => (message as { type: string }).type === 'notification').map((message) => (message as { notification: object }).notification);

describe('the amzn_smartphone compatibility names', () => {
  it('serve 919PHONE scripts unchanged, on the server and the client, with its shapes and defaults', async () => {
    simulation = await startHandset({ database: await openSqlite(), convars: { 'handset:compat': 'amzn_smartphone' }, resources });
    const { sim, printed, errors } = simulation;
    const { player, page, number } = await connectWithPhone(simulation);
    const formatted = `${number.slice(0, 3)}-${number.slice(3, 6)}-${number.slice(6)}`;

    sim.executeCommand(`legacy ${player.id} ${formatted}`, 0);
    await eventually(() => expect(notificationsShown(page.messages)).toHaveLength(2));
    expect(printed('legacy')).toEqual([
      'register [true]',
      'notify [true]',
      `lookup ["${player.identifiers.find((id) => id.startsWith('license:'))}"]`,
      'unknown []',
    ]);
    expect(notificationsShown(page.messages)).toEqual([
      expect.objectContaining({ app: 'Bank', icon: 'fa-building-columns', iconColor: '#30d158', title: 'Paycheck Received', timeout: 5000 }),
      expect.objectContaining({ app: null, icon: null, title: 'Alert', body: 'From another resource.', timeout: 5000 }),
    ]);

    player.executeCommand('local');
    await eventually(() => expect(notificationsShown(page.messages)).toHaveLength(3));
    expect(notificationsShown(page.messages)[2]).toEqual(
      expect.objectContaining({ app: 'My App', title: 'Local Event', iconColor: '#ff9f0a', timeout: 5000 }),
    );

    await nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: 'myapp' } });
    player.executeCommand('push');
    await nui(page, 'appState', { appId: 'myapp', open: true });
    player.executeCommand('push');
    player.executeCommand('steal');
    const pushes = (resource: string) => printed(resource).filter((line) => line.startsWith('push'));
    await eventually(() => expect(pushes('intruder')).toHaveLength(1));
    expect(pushes('legacy')).toEqual(['push [false,"not_open","\\"myapp\\" is not open"]', 'push [true]']);
    expect(pushes('intruder')).toEqual(['push [false,"not_owner","\\"myapp\\" is registered by another resource"]']);
    expect(page.messages.filter((message) => (message as { type: string }).type === 'app:message')).toEqual([
      { type: 'app:message', appId: 'myapp', messageType: 'refresh', data: { updated: true } },
    ]);

    await nui(page, 'request', { appId: 'handset', action: 'settings.update', payload: { airplaneMode: true } });
    player.executeCommand('local');
    await eventually(() => expect(printed('legacy').at(-1)).toBe('notify [false,"airplane_mode","the phone is in airplane mode"]'));

    sim.executeCommand('unregister', 0);
    await eventually(() => expect(printed('legacy').at(-1)).toBe('unregister [true]'));
    await eventually(() => expect(page.messages.at(-1)).toEqual({ type: 'app:close', appId: 'myapp' }));
    expect(errors).toEqual([]);
  });

  it('are absent unless the server owner switches them on', async () => {
    simulation = await startHandset({ database: await openSqlite(), resources });
    const { sim, errors } = simulation;
    const { player } = await connectWithPhone(simulation);
    sim.executeCommand(`legacy ${player.id} 0`, 0);
    await eventually(() => expect(errors).toHaveLength(1));
    expect(String(errors[0]!.error)).toContain('No such export registerApp in resource amzn_smartphone');
  });
});
