import { describe, expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, openSqlite } from '../../../tests/support/handset';
import { eventually, manifest } from '../../../tests/support/simulation';

// A job script and an MDT written for amzn_smartphone (919PHONE), unchanged: they only know its resource and export names.
const jobsServer = `
local function report(label, value) print(label .. ' ' .. json.encode(value)) end
RegisterCommand('mail', function(_, args)
  CreateThread(function()
    local employee, officer = tonumber(args[1]), tonumber(args[2])
    local phone = exports['amzn_smartphone']
    report('order', phone:sendMail('johndoe@celltowa.com', 'Order Confirmation', 'Your order has shipped.', 'shop@celltowa.com'))
    report('noreply', phone:sendMail('JohnDoe@CellTowa.com', 'Welcome', 'Thanks for joining.'))
    report('offline', phone:sendMail('gone@celltowa.com', 'Missed you', 'Your package is at the depot.'))
    report('nobody', phone:sendMail('nobody@celltowa.com', 'Order Confirmation', 'Your order has shipped.'))
    report('otherDomain', phone:sendMail('johndoe@elsewhere.com', 'Order Confirmation', 'Your order has shipped.'))
    report('longSubject', phone:sendMail('johndoe@celltowa.com', string.rep('x', 121), 'Your order has shipped.'))
    report('noBody', phone:sendMail('johndoe@celltowa.com', 'Order Confirmation', nil))
    report('badFrom', phone:sendMail('johndoe@celltowa.com', 'Order Confirmation', 'Your order has shipped.', 'the shop'))
    report('badTo', phone:sendMail({}, 'Order Confirmation', 'Your order has shipped.'))
    report('paycheck', phone:sendMailToSource(employee, 'Paycheck', 'You received $500.', 'employer@celltowa.com'))
    report('noAddress', phone:sendMailToSource(officer, 'Paycheck', 'You received $500.', 'employer@celltowa.com'))
    report('noPlayer', phone:sendMailToSource(999, 'Paycheck', 'You received $500.'))
    report('badSource', phone:sendMailToSource('boss', 'Paycheck', 'You received $500.'))
    report('badPaycheck', phone:sendMailToSource(employee, 'Paycheck', ''))
  end)
end, true)

-- The seed's MDT example, as written.
RegisterNetEvent('mdt:server:sendCitation', function(targetSource, fineText)
  local ok = exports['amzn_smartphone']:sendMailToSource(
    targetSource,
    'Citation Issued',
    fineText,
    'police@celltowa.com'
  )
  report('citation', ok)
end)
`;

const mdtClient = `
RegisterCommand('cite', function(_, args)
  TriggerServerEvent('mdt:server:sendCitation', tonumber(args[1]), 'Speeding on Route 68: $250.')
end, false)
`;

// Another built-in app or a server script asking under Handset's own names.
const handsetServer = `
RegisterCommand('own', async (_source, [to, player]) => {
  console.log('own ' + JSON.stringify([await exports.handset.sendMail(to, 'Hello', 'From Handset'), await exports.handset.sendMailToSource(Number(player), 'Hi', 'Again')]));
}, true);
`;

const resources = {
  jobs: { 'fxmanifest.lua': manifest(`server_script 'server.lua'`, `client_script 'client.lua'`), 'server.lua': jobsServer, 'client.lua': mdtClient },
  dispatch: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': handsetServer },
};

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

type Answer = { ok: boolean; data: { mails: { from: string; to: string; subject: string; preview: string; read: boolean }[] } };

/** What a resource printed for `label`, decoded. */
const reported = (lines: string[]) =>
  Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1)) as unknown]));

const inboxOf = async (page: Parameters<typeof nui>[0]) =>
  ((await nui(page, 'request', { appId: 'mail', action: 'mail.list', payload: { folder: 'inbox' } })) as unknown as Answer).data.mails.map(
    ({ from, to, subject, preview, read }) => ({ from, to, subject, preview, read }),
  );

describe('the amzn_smartphone mail exports', () => {
  onEachDatabase((open) => {
    it('serve 919PHONE scripts unchanged with its documented booleans, for online and offline characters', async () => {
      const simulation = await startHandset({
        database: await open(),
        convars: { 'handset:compat': 'amzn_smartphone', 'handset:mail:domain': 'celltowa.com' },
        resources,
      });
      const { sim, printed, errors } = simulation;
      const claim = (page: Parameters<typeof nui>[0], name: string) => nui(page, 'request', { appId: 'mail', action: 'mail.claim', payload: { name } });

      const gone = await connectWithPhone(simulation, { identifiers: ['license:mail-gone'] });
      await claim(gone.page, 'gone');
      await sim.dropPlayer(gone.player.id);
      const john = await connectWithPhone(simulation);
      await claim(john.page, 'johndoe');
      await nui(john.page, 'appState', { appId: 'mail', open: true });
      const officer = await connectWithPhone(simulation);

      sim.executeCommand(`mail ${john.player.id} ${officer.player.id}`, 0);
      await eventually(() => expect(printed('jobs')).toHaveLength(14), 5000);
      officer.player.executeCommand(`cite ${john.player.id}`);
      await eventually(() => expect(printed('jobs')).toHaveLength(15), 5000);
      expect(reported(printed('jobs'))).toEqual({
        order: true,
        noreply: true,
        offline: true,
        nobody: false,
        otherDomain: false,
        longSubject: false,
        noBody: false,
        badFrom: false,
        badTo: false,
        paycheck: true,
        noAddress: false,
        noPlayer: false,
        badSource: false,
        badPaycheck: false,
        citation: true,
      });

      const to = 'johndoe@celltowa.com';
      await expect(inboxOf(john.page)).resolves.toEqual([
        { from: 'police@celltowa.com', to, subject: 'Citation Issued', preview: 'Speeding on Route 68: $250.', read: false },
        { from: 'employer@celltowa.com', to, subject: 'Paycheck', preview: 'You received $500.', read: false },
        { from: 'noreply@celltowa.com', to, subject: 'Welcome', preview: 'Thanks for joining.', read: false },
        { from: 'shop@celltowa.com', to, subject: 'Order Confirmation', preview: 'Your order has shipped.', read: false },
      ]);
      // John's open page heard of each, and his phone showed each as a notification under Mail.
      const pushes = () =>
        john.page.messages.filter((message) => (message as { type?: string; appId?: string }).type === 'app:message').map((message) => (message as { messageType: string }).messageType);
      await eventually(() => expect(pushes()).toEqual(['mail.new', 'mail.new', 'mail.new', 'mail.new']));
      await eventually(() =>
        expect(john.page.messages).toContainEqual({
          type: 'notification',
          notification: expect.objectContaining({ appId: 'mail', title: 'police@celltowa.com', body: 'Citation Issued' }),
        }),
      );

      // The offline character finds theirs at next load.
      const back = await connectWithPhone(simulation, { identifiers: ['license:mail-gone'] });
      await expect(inboxOf(back.page)).resolves.toEqual([
        { from: 'noreply@celltowa.com', to: 'gone@celltowa.com', subject: 'Missed you', preview: 'Your package is at the depot.', read: false },
      ]);
      expect(errors).toEqual([]);
    });
  });

  it('answer under Handset’s names always, and under amzn_smartphone’s only when the server owner switches them on', async () => {
    const simulation = await startHandset({ database: await openSqlite(), resources });
    const { sim, printed, errors } = simulation;
    const a = await connectWithPhone(simulation);
    await nui(a.page, 'request', { appId: 'mail', action: 'mail.claim', payload: { name: 'ann' } });

    sim.executeCommand(`own ann@handset.mail ${a.player.id}`, 0);
    await eventually(() => expect(printed('dispatch')).toEqual(['own [true,true]']));
    await expect(inboxOf(a.page)).resolves.toEqual([
      { from: 'noreply@handset.mail', to: 'ann@handset.mail', subject: 'Hi', preview: 'Again', read: false },
      { from: 'noreply@handset.mail', to: 'ann@handset.mail', subject: 'Hello', preview: 'From Handset', read: false },
    ]);

    sim.executeCommand(`mail ${a.player.id} ${a.player.id}`, 0);
    await eventually(() => expect(errors).toHaveLength(1));
    expect(String(errors[0]!.error)).toContain('No such export sendMail in resource amzn_smartphone');
  });
});
