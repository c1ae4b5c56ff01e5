import { describe, expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, openSqlite } from '../../../tests/support/handset';
import { eventually, manifest } from '../../../tests/support/simulation';

// A script written for 17mov_Phone, unchanged: it only knows 17mov's resource and export names.
const mechanicServer = `
local function report(label, value) print(label .. ' ' .. json.encode(value)) end
RegisterCommand('contacts', function(_, args)
  CreateThread(function()
    local src, number, offline = tonumber(args[1]), args[2], args[3]
    local phone = exports['17mov_Phone']
    report('add', phone:PhoneApp_AddContactBySrc(src, '555-0123', 'John', 'Doe', 'Best Mechanic', 'https://example.com/avatar.jpg'))
    report('addByNumber', phone:PhoneApp_AddContactByNumber(number, 5550177, 'Jane', 'Roe'))
    report('addOffline', phone:PhoneApp_AddContactByNumber(offline, '555-0123', 'John', 'Doe'))
    report('duplicate', phone:PhoneApp_AddContactBySrc(src, '5550123', 'Johnny', 'Doe'))
    report('badNumber', phone:PhoneApp_AddContactBySrc(src, 'call me', 'Spam', 'Bot'))
    report('badName', phone:PhoneApp_AddContactBySrc(src, '5550100', nil, 'Nobody'))
    report('badImage', phone:PhoneApp_AddContactBySrc(src, '5550100', 'Eve', 'Hacker', '', 'http://evil.example/x.png'))
    report('noPlayer', phone:PhoneApp_AddContactBySrc(999, '5550100', 'Nobody', 'Here'))
    report('noPhone', phone:PhoneApp_AddContactByNumber('555-000-0000', '5550100', 'Nobody', 'Here'))
    report('bySrc', phone:PhoneApp_FetchContactsBySrc(src))
    report('byNumber', phone:PhoneApp_FetchContactsByNumber(number))
    report('offline', phone:PhoneApp_FetchContactsByNumber(offline))
    report('noPlayerList', phone:PhoneApp_FetchContactsBySrc(999))
    report('badList', phone:PhoneApp_FetchContactsByNumber({ 1 }))
    local first = phone:PhoneApp_FetchContactsBySrc(src)[1]
    report('delete', phone:PhoneApp_DeleteContact(first.id))
    report('deleteAgain', phone:PhoneApp_DeleteContact(first.id))
    report('deleteBad', phone:PhoneApp_DeleteContact('first'))
    report('after', phone:PhoneApp_FetchContactsBySrc(src))
  end)
end, true)
`;

// Another built-in app (Phone, Messages) or a server script asking under Handset's own names.
const handsetServer = `
RegisterCommand('blocked', async (_source, [owner, number]) => {
  console.log('blocked ' + JSON.stringify(await exports.handset.isNumberBlocked(owner, number)));
}, true);
RegisterCommand('block', async (_source, [owner, number]) => {
  console.log('block ' + JSON.stringify(await exports.handset.blockNumber(owner, number)));
}, true);
RegisterCommand('names', async (_source, [owner, ...numbers]) => {
  console.log('names ' + JSON.stringify(await exports.handset.contactNames(owner, numbers)));
}, true);
RegisterCommand('namesBad', async (_source, [owner]) => {
  console.log('namesBad ' + JSON.stringify(await exports.handset.contactNames(owner, 'not a list')));
}, true);
RegisterCommand('own', async (_source, [player]) => {
  console.log('own ' + JSON.stringify(await exports.handset.getContacts(Number(player))));
}, true);
`;

const resources = {
  mechanic: { 'fxmanifest.lua': manifest(`server_script 'server.lua'`), 'server.lua': mechanicServer },
  dispatch: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': handsetServer },
};

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

/** What a resource printed for `label`, decoded (Lua tables have no key order, so lines are compared as data). */
const reported = (lines: string[]) =>
  Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1)) as unknown]));

describe('the 17mov_Phone contact exports', () => {
  onEachDatabase((open) => {
    it('serve 17mov scripts unchanged with its shapes and refusals, for online and offline characters', async () => {
      const simulation = await startHandset({ database: await open(), convars: { 'handset:compat': '17mov_Phone', 'handset:image_hosts': 'example.com' }, resources });
      const { sim, printed, errors } = simulation;
      const gone = await connectWithPhone(simulation);
      await sim.dropPlayer(gone.player.id);
      const a = await connectWithPhone(simulation);
      await nui(a.page, 'appState', { appId: 'contacts', open: true });

      sim.executeCommand(`contacts ${a.player.id} ${a.number} ${gone.number}`, 0);
      await eventually(() => expect(printed('mechanic')).toHaveLength(18), 5000);
      const results = reported(printed('mechanic'));

      const john = {
        id: expect.any(Number),
        number: a.number,
        contactNumber: '5550123',
        name: 'John Doe',
        firstname: 'John',
        lastname: 'Doe',
        notes: 'Best Mechanic',
        image: 'https://example.com/avatar.jpg',
        isBlocked: false,
        favorite: false,
      };
      // Lua's nil fields (no image) are absent from the table the script gets.
      const jane = { id: expect.any(Number), number: a.number, contactNumber: '5550177', name: 'Jane Roe', firstname: 'Jane', lastname: 'Roe', notes: '', isBlocked: false, favorite: false };
      expect(results.add).toEqual({ success: true, contact: john });
      expect(results.addByNumber).toEqual({ success: true, contact: jane });
      const johnOffline = { id: expect.any(Number), number: gone.number, contactNumber: '5550123', name: 'John Doe', firstname: 'John', lastname: 'Doe', notes: '', isBlocked: false, favorite: false };
      expect(results.addOffline).toEqual({ success: true, contact: johnOffline });
      expect(results.duplicate).toEqual({ success: false, message: '5550123 is already a contact' });
      expect(results.badNumber).toEqual({ success: false, message: 'a number is 3-15 digits, with optional spaces and ( ) + - .' });
      expect(results.badName).toEqual({ success: false, message: 'first name must be 1-32 characters' });
      expect(results.badImage).toEqual({ success: false, message: 'the avatar must be an https URL of at most 500 characters' });
      expect(results.noPlayer).toEqual({ success: false, message: 'no phone has that source or number' });
      expect(results.noPhone).toEqual({ success: false, message: 'no phone has that source or number' });
      expect(results.bySrc).toEqual([jane, john]);
      expect(results.byNumber).toEqual([jane, john]);
      expect(results.offline).toEqual([johnOffline]);
      expect(results.noPlayerList).toEqual([]);
      expect(results.badList).toEqual([]);
      expect(results.delete).toBe(true);
      expect(results.deleteAgain).toBe(false);
      expect(results.deleteBad).toBe(false);
      expect(results.after).toEqual([john]);

      // A's open contacts page heard of each change an export made (two adds and a delete), and of nothing else.
      const pushes = () => a.page.messages.filter((message) => (message as { type?: string }).type === 'app:message');
      // The last push travels to the client as the script prints its last line.
      await eventually(() => expect(pushes()).toHaveLength(3));
      expect(pushes()).toEqual(Array.from({ length: 3 }, () => ({ type: 'app:message', appId: 'contacts', messageType: 'contacts.changed', data: null })));
      expect(errors).toEqual([]);
    });
  });

  it('answer under Handset’s names always, and under 17mov_Phone’s only when the server owner switches them on', async () => {
    const simulation = await startHandset({ database: await openSqlite(), resources });
    const { sim, printed, errors } = simulation;
    const a = await connectWithPhone(simulation);
    const b = await connectWithPhone(simulation);
    const request = (action: string, payload: unknown) => nui(a.page, 'request', { appId: 'contacts', action, payload });
    const added = (await request('contacts.add', { requestId: 'r', number: b.number, firstName: 'Bea' })) as { data: { id: number } };
    await request('contacts.setBlocked', { id: added.data.id, blocked: true });

    const ask = async (command: string, label: string) => {
      const before = printed('dispatch').length;
      sim.executeCommand(command, 0);
      await eventually(() => expect(printed('dispatch')).toHaveLength(before + 1));
      return printed('dispatch').at(-1)!.slice(label.length + 1);
    };
    await expect(ask(`blocked ${a.number} ${b.number}`, 'blocked')).resolves.toBe('true');
    await expect(ask(`blocked ${b.number} ${a.number}`, 'blocked')).resolves.toBe('false');
    await expect(ask(`blocked ${a.number} 5550000`, 'blocked')).resolves.toBe('false');
    await expect(ask(`blocked nobody ${b.number}`, 'blocked')).resolves.toBe('false');
    expect(JSON.parse(await ask(`own ${a.player.id}`, 'own'))).toEqual([
      expect.objectContaining({ id: added.data.id, number: a.number, contactNumber: b.number, name: 'Bea', isBlocked: true, image: null }),
    ]);
    // A number blocked without a contact (Phone's "Block this caller") is blocked, and listed nowhere.
    await expect(ask(`block ${b.number} ${a.number}`, 'block')).resolves.toBe('true');
    await expect(ask(`block ${b.number} ${a.number}`, 'block')).resolves.toBe('true');
    await expect(ask(`blocked ${b.number} ${a.number}`, 'blocked')).resolves.toBe('true');
    await expect(ask(`own ${b.player.id}`, 'own')).resolves.toBe('[]');
    await expect(ask(`block ${b.number} ${b.number}`, 'block')).resolves.toBe('false');
    await expect(ask(`block nobody ${a.number}`, 'block')).resolves.toBe('false');
    await expect(ask(`block ${b.number} x`, 'block')).resolves.toBe('false');

    // Names for the numbers asked only, by digits; numbers not saved, malformed or any owner unknown: nothing.
    const digitsOfB = b.number.replace(/\D/g, '');
    expect(JSON.parse(await ask(`names ${a.number} ${b.number} 5550000 call-me`, 'names'))).toEqual({ [digitsOfB]: 'Bea' });
    expect(JSON.parse(await ask(`names ${b.number} ${a.number}`, 'names'))).toEqual({});
    expect(JSON.parse(await ask(`names nobody ${b.number}`, 'names'))).toEqual({});
    expect(JSON.parse(await ask(`namesBad ${a.number}`, 'namesBad'))).toEqual({});

    sim.executeCommand(`contacts ${a.player.id} ${a.number} ${b.number}`, 0);
    await eventually(() => expect(errors).toHaveLength(1));
    expect(String(errors[0]!.error)).toContain('No such export PhoneApp_AddContactBySrc in resource 17mov_Phone');
  });
});
