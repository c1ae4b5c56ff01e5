import { describe, expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

// A staff script written for 919PHONE: it looks characters up by identifier under amzn_smartphone's name.
const staff = {
  'fxmanifest.lua': manifest(`server_script 'server.lua'`),
  'server.lua': `
RegisterCommand('identity', function(_, args)
  CreateThread(function()
    local identity = exports['amzn_smartphone']:getPhoneIdentity(args[1])
    print('identity ' .. (identity == nil and 'nil' or json.encode(identity)))
  end)
end, true)
RegisterCommand('bad', function()
  local ok, err = pcall(function() return exports.handset:getPhoneIdentity({}) end)
  print('bad ' .. tostring(ok) .. ' ' .. tostring(err))
end, true)
`,
};

const startHandset = handsetPerTest();

onEachDatabase((open) => {
  describe('getPhoneIdentity', () => {
    it("answers a character's number, mail address and Tweeder and Cloutgram names by identifier, online or not, nil for none, and refuses bad input", async () => {
      const simulation = await startHandset({ database: await open(), convars: { 'handset:compat': 'amzn_smartphone' }, resources: { staff } });
      const { sim, printed } = simulation;
      const { player, page, number } = await connectWithPhone(simulation);
      const identifier = player.identifiers.find((id) => id.startsWith('license:'))!;
      // Digits, as getPhoneNumber answers.
      const phoneNumber = number.replace(/\D/g, '');
      const lookup = async (id: string) => {
        const before = printed('staff').length;
        sim.executeCommand(`identity ${id}`, 0);
        await eventually(() => expect(printed('staff').length).toBe(before + 1));
        const line = printed('staff').at(-1)!;
        return line === 'identity nil' ? null : (JSON.parse(line.slice('identity '.length)) as unknown);
      };
      const { phoneId } = (await lookup(identifier)) as { phoneId: number };
      // Lua has no null: the fields a character has no value for are absent.
      expect(await lookup(identifier)).toEqual({ identifier, phoneId, phoneNumber });

      const claimed = await nui(page, 'request', { appId: 'mail', action: 'mail.claim', payload: { name: 'lamar' } });
      const address = (claimed['data'] as { address: string }).address;
      expect(address).toMatch(/^lamar@/);
      await nui(page, 'request', { appId: 'tweeder', action: 'profiles.claim', payload: { handle: 'lamar', displayName: 'Lamar D' } });
      await nui(page, 'request', { appId: 'cloutgram', action: 'profiles.claim', payload: { handle: 'lamar.davis', displayName: 'Lamar Davis' } });
      await sim.dropPlayer(player.id);
      expect(await lookup(identifier)).toEqual({
        identifier,
        phoneId,
        phoneNumber,
        mailAddress: address,
        tweederUsername: 'lamar',
        tweederDisplayName: 'Lamar D',
        cloutgramUsername: 'lamar.davis',
        cloutgramDisplayName: 'Lamar Davis',
      });
      expect(await lookup('license:nobody')).toBeNull();

      sim.executeCommand('bad', 0);
      await eventually(() => expect(printed('staff').at(-1)).toMatch(/^bad false/));
      expect(printed('staff').at(-1)).toContain('INVALID_INPUT: identifier is not valid');
    });
  });
});

// A shop script that writes its banners in each player's language.
const shop = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `RegisterCommand('language', async (_source, [player]) => {
  try {
    console.log('language ' + (await exports.handset.getPhoneLanguage(Number(player))));
  } catch (error) {
    console.log('language threw ' + error.message);
  }
}, true);`,
};

onEachDatabase((open) => {
  describe('getPhoneLanguage', () => {
    it("answers the player's language, the owner's default without a phone, and refuses what is not a player", async () => {
      const simulation = await startHandset({ database: await open(), convars: { 'handset:language': 'es' }, resources: { shop } });
      const { sim, printed } = simulation;
      const ask = async (player: string) => {
        const before = printed('shop').length;
        sim.executeCommand(`language ${player}`, 0);
        await eventually(() => expect(printed('shop').length).toBe(before + 1));
        return printed('shop').at(-1);
      };
      const { player, page } = await connectWithPhone(simulation);
      expect(await ask(String(player.id))).toBe('language es');
      await expect(nui(page, 'request', { appId: 'handset', action: 'settings.update', payload: { language: 'de' } })).resolves.toMatchObject({ ok: true });
      expect(await ask(String(player.id))).toBe('language de');
      expect(await ask('999')).toBe('language es');
      expect(await ask('me')).toMatch(/^language threw .*INVALID_INPUT: source is not valid/);
    });
  });
});
