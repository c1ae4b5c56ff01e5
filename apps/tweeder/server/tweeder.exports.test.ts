import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../../tests/support/handset';
import { logDestinations } from '../../../tests/support/log-destination';
import { eventually, manifest } from '../../../tests/support/simulation';

// A news bot and a staff script: Handset's own export names, a veto hook, and 919PHONE's identity fields.
const newsroom = `
exports.handset.onTweederPost((draft) => (draft.text.toLowerCase().includes('heist') ? 'Heist talk is not allowed here' : undefined));
RegisterCommand('news', async (_source, [text]) => {
  try {
    console.log('posted ' + JSON.stringify(await exports.handset.tweederPostAs({ handle: 'WeazelNews', displayName: 'Weazel News', text: decodeURIComponent(text) })));
  } catch (error) {
    console.log('refused ' + error.message);
  }
}, true);
RegisterCommand('verify', async (_source, [handle]) => console.log('verified ' + JSON.stringify(await exports.handset.setTweederVerified(handle, true))), true);
`;
const staff = `
RegisterCommand('who', function(_, args)
  CreateThread(function()
    local identity = exports['amzn_smartphone']:getPhoneIdentity(args[1])
    print('identity ' .. json.encode({ identity.tweederUsername, identity.tweederDisplayName }))
  end)
end, true)
`;

const startHandset = handsetPerTest();
const destinations = logDestinations();

onEachDatabase((open) => {
  it('posts as a server account past a veto hook, verifies handles, fills getPhoneIdentity, and forwards reports', async () => {
    const logs = await destinations.open();
    const simulation = await startHandset({
      database: await open(),
      convars: {
        'handset:compat': 'amzn_smartphone',
        ...logs.reportConvars('tweeder'),
      },
      resources: {
        newsroom: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': newsroom },
        staff: { 'fxmanifest.lua': manifest(`server_script 'server.lua'`), 'server.lua': staff },
      },
    });
    const { sim, printed } = simulation;
    const reader = await connectWithPhone(simulation, { identifiers: ['license:reader'] });
    const ask = (action: string, payload: unknown) => nui(reader.page, 'request', { appId: 'tweeder', action, payload }) as Promise<{ ok: boolean; data?: any; error?: unknown }>;
    await expect(ask('profiles.claim', { handle: 'reader', displayName: 'Rea Der' })).resolves.toMatchObject({ ok: true, data: { handle: 'reader' } });

    sim.executeCommand(`news ${encodeURIComponent('Traffic on Route 68 #LosSantos')}`, 0);
    sim.executeCommand(`news ${encodeURIComponent('A heist downtown')}`, 0);
    await eventually(() => expect(printed('newsroom')).toHaveLength(2));
    const [posted, refused] = [...printed('newsroom')].sort();
    expect(posted).toMatch(/^posted \d+$/);
    expect(refused).toBe('refused INVALID_INPUT: Heist talk is not allowed here');
    sim.executeCommand('verify weazelnews', 0);
    sim.executeCommand('verify nobody', 0);
    await eventually(() => expect(printed('newsroom').slice(2).sort()).toEqual(['verified false', 'verified true']));

    const latest = await ask('feed.latest', { limit: 5 });
    expect(latest.data.items.map((item: { post: { text: string; author: object } }) => [item.post.text, item.post.author])).toEqual([
      ['Traffic on Route 68 #LosSantos', { id: expect.any(Number), handle: 'WeazelNews', displayName: 'Weazel News', avatar: null, verified: true, bot: true }],
    ]);

    sim.executeCommand('who license:reader', 0);
    await eventually(() => expect(printed('staff')).toEqual(['identity ["reader","Rea Der"]']));

    await expect(ask('reports.create', { postId: Number(posted!.slice('posted '.length)), reason: 'spam', details: 'Ads all day' })).resolves.toEqual({ ok: true, data: null });
    const byPath = await logs.byPath(2);
    expect(byPath['/discord']).toEqual({
      path: '/discord',
      authorization: undefined,
      body: {
        content: expect.stringContaining('Tweeder report by @reader: spam — @WeazelNews post'),
        allowed_mentions: { parse: [] },
        embeds: [{ title: 'Tweeder report', description: 'Traffic on Route 68 #LosSantos', fields: [{ name: 'Details', value: 'Ads all day' }] }],
      },
    });
    expect(byPath['/logs']).toMatchObject({ authorization: 'fm-token', body: [{ level: 'warn', resource: 'handset', metadata: { reporter: 'reader', reason: 'spam', account: 'WeazelNews' } }] });
    expect(simulation.errors).toEqual([]);
  });
});
