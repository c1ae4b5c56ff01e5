import { expect, it } from 'vitest';
import { createDriverDatabase } from '../../../core/server/storage/driver-database';
import { describeMariadb } from '../../support/databases';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, openMariadb } from '../../support/handset';
import { chatlogResource, eventually, manifest } from '../../support/simulation';

// A staff script written for 919PHONE, and a third-party resource that keeps rows of its own per character.
const resources = {
  staff: {
    'fxmanifest.lua': manifest(`server_script 'server.lua'`),
    'server.lua': `
RegisterCommand('wipe', function(_, args)
  CreateThread(function()
    print('reset ' .. tostring(exports['amzn_smartphone']:resetPhoneData(args[1])))
  end)
end, true)
`,
  },
  garage: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`),
    'server.js': `on('handset:phoneReset', (identifier, oldNumber, newNumber) => console.log('wiped ' + JSON.stringify([identifier, oldNumber, newNumber])));`,
  },
};

const startHandset = handsetPerTest();

type Answer = { ok: boolean; data?: unknown; error?: unknown };

/** Every row of every Handset table that still names the phone `phoneId`, its number or its character. */
async function traces(connection: string, found: { phoneId: number; number: string; identifier: string }) {
  const db = await createDriverDatabase(connection);
  try {
    const tables =
      db.dialect === 'sqlite'
        ? await db.select<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'handset_%'")
        : await db.select<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'handset_%'");
    const left: string[] = [];
    for (const { name } of tables) {
      for (const row of await db.select(`SELECT * FROM ${name}`)) {
        for (const [column, value] of Object.entries(row)) {
          const byId = /phone_id$/.test(column) && Number(value) === found.phoneId;
          const byText = typeof value === 'string' && (value.includes(found.number) || value === found.identifier);
          if (byId || byText) left.push(`${name}.${column}`);
        }
      }
    }
    return [...new Set(left)].sort();
  } finally {
    await db.close();
  }
}

onEachDatabase((open) => {
  it('resetPhoneData wipes every app’s data of the character, gives a new number, reloads the online phone, and tells other resources', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:compat': 'amzn_smartphone' }, resources });
    const { sim, printed, database } = simulation;
    const ana = await connectWithPhone(simulation, { identifiers: ['license:ana'] });
    const ben = await connectWithPhone(simulation, { identifiers: ['license:ben'] });
    const ask = async (appId: string, action: string, payload: unknown) => {
      const answer = (await nui(ana.page, 'request', { appId, action, payload })) as Answer;
      expect(answer.error, `${appId} ${action}`).toBeUndefined();
      return answer.data;
    };
    // Something of Ana's in every built-in app and in the core.
    await ask('contacts', 'contacts.add', { requestId: 'r1', number: ben.number, firstName: 'Ben' });
    await ask('mail', 'mail.claim', { name: 'ana' });
    await ask('photos', 'photos.add', { clientId: 'p1', url: 'https://i.imgur.com/a.png' });
    await ask('photos', 'albums.create', { name: 'Trips' });
    await ask('tweeder', 'profiles.claim', { handle: 'ana', displayName: 'Ana' });
    await ask('tweeder', 'posts.create', { clientId: 't1', text: 'hello #world' });
    await ask('handset', 'notifications.create', { title: 'Note', body: 'to self' });
    await ask('handset', 'storage.set', { appId: 'phone', key: 'favorites', value: [ben.number] });
    await ask('handset', 'settings.update', { airplaneMode: false });
    const digits = ana.number.replace(/\D/g, '');
    const lookup = await createDriverDatabase(database.connection);
    const [ana0] = await lookup.select<{ id: number }>('SELECT id FROM handset_core_phones WHERE identifier = ?', ['license:ana']).finally(() => lookup.close());
    const old = { phoneId: Number(ana0!.id), number: digits, identifier: 'license:ana' };
    expect((await traces(database.connection, old)).length).toBeGreaterThanOrEqual(8);

    sim.executeCommand('wipe license:ana', 0);
    sim.executeCommand('wipe license:nobody', 0);
    await eventually(() => expect([...printed('staff')].sort()).toEqual(['reset false', 'reset true']));
    // Only the new phone row names the character now, under a new number and a new id.
    expect(await traces(database.connection, old)).toEqual(['handset_core_phones.identifier']);
    const db = await createDriverDatabase(database.connection);
    const phones = await db.select<{ id: number; phone_number: string }>('SELECT id, phone_number FROM handset_core_phones WHERE identifier = ?', ['license:ana']).finally(() => db.close());
    expect(phones).toHaveLength(1);
    expect(Number(phones[0]!.id)).not.toBe(old.phoneId);
    const [line] = printed('garage');
    const [identifier, oldNumber, newNumber] = JSON.parse(line!.slice('wiped '.length)) as string[];
    expect([identifier, oldNumber]).toEqual(['license:ana', digits]);
    expect(newNumber).toMatch(/^\d+$/);
    expect(newNumber).not.toBe(digits);

    // Ana is still online: her phone reloaded with the new number, and her apps start empty.
    await eventually(() => {
      const states = ana.page.messages.filter((message) => (message as { type?: string }).type === 'phone:state');
      expect((states.at(-1) as { state: { number: string } | null }).state?.number.replace(/\D/g, '')).toBe(newNumber);
    });
    await expect(nui(ana.page, 'request', { appId: 'contacts', action: 'contacts.list', payload: {} })).resolves.toEqual({ ok: true, data: { contacts: [], cursor: null } });
    await expect(nui(ana.page, 'request', { appId: 'tweeder', action: 'profiles.me', payload: {} })).resolves.toEqual({ ok: true, data: null });
    await expect(nui(ana.page, 'request', { appId: 'mail', action: 'mail.address', payload: {} })).resolves.toEqual({ ok: true, data: null });
    // Ben's data is his: his phone and number are untouched.
    await expect(nui(ben.page, 'request', { appId: 'tweeder', action: 'profiles.me', payload: {} })).resolves.toEqual({ ok: true, data: null });
    expect(simulation.errors).toEqual([]);
  });

  it('/resetphonedata needs the admin ACE, says how to use it, and resets from the console', async () => {
    const simulation = await startHandset({ database: await open(), resources: { chatlog: chatlogResource } });
    const { sim, printed } = simulation;
    const admin = await connectWithPhone(simulation, { identifiers: ['license:boss'] });
    const player = await connectWithPhone(simulation, { identifiers: ['license:pat'] });
    sim.executeCommand('add_ace group.admin admin allow', 0);
    sim.executeCommand('add_principal identifier.license:boss group.admin', 0);

    sim.executeCommand('resetphonedata license:boss', player.player.id);
    await eventually(() => expect(printed('chatlog')).toEqual(['chat Handset: /resetphonedata needs the admin permission']));
    sim.executeCommand('resetphonedata', admin.player.id);
    await eventually(() => expect(printed('chatlog')).toHaveLength(2));
    sim.executeCommand('resetphonedata license:pat', admin.player.id);
    await eventually(() => expect(printed('chatlog')).toHaveLength(3));
    expect(printed('chatlog')).toEqual([
      'chat Handset: /resetphonedata needs the admin permission',
      'chat Handset: usage: /resetphonedata <citizenid>',
      'chat Handset: the phone of license:pat was reset: its data is gone and it has a new number',
    ]);
    sim.executeCommand('resetphonedata license:nobody', 0);
    await eventually(() => expect(printed('handset')).toContain('no phone belongs to license:nobody'));
    expect(simulation.errors).toEqual([]);
  });
});

describeMariadb('a character deleted by ESX’s multicharacter, on MariaDB', () => {
  it('takes the phone and every app’s rows with it: the phone row is one of the tables ESX deletes from by its identifier column', async () => {
    const simulation = await startHandset({ database: await openMariadb() });
    const ana = await connectWithPhone(simulation, { identifiers: ['license:esxana'] });
    await nui(ana.page, 'request', { appId: 'contacts', action: 'contacts.add', payload: { requestId: 'r1', number: '555-0100', firstName: 'Bo' } });
    await nui(ana.page, 'request', { appId: 'tweeder', action: 'profiles.claim', payload: { handle: 'esxana', displayName: 'Ana' } });
    const db = await createDriverDatabase(simulation.database.connection);
    try {
      // What esx_multicharacter's Database:DeleteCharacter does: every table with a VARCHAR identifier or owner column.
      const tables = await db.select<{ name: string; column: string }>(
        `SELECT table_name AS name, column_name AS \`column\` FROM information_schema.columns
         WHERE table_schema = DATABASE() AND column_name IN ('identifier', 'owner') AND data_type = 'varchar'`,
      );
      expect(tables.map((table) => `${table.name}.${table.column}`)).toContain('handset_core_phones.identifier');
      for (const { name, column } of tables) await db.run(`DELETE FROM ${name} WHERE ${column} = ?`, ['license:esxana']);
      for (const table of ['handset_core_phones', 'handset_contacts_contacts', 'handset_tweeder_accounts']) {
        await expect(db.select(`SELECT COUNT(*) AS n FROM ${table}`)).resolves.toEqual([{ n: 0 }]);
      }
    } finally {
      await db.close();
    }
  });
});
