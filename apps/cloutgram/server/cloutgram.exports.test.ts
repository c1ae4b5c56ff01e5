import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../../tests/support/handset';
import { logDestinations } from '../../../tests/support/log-destination';
import { eventually, manifest } from '../../../tests/support/simulation';

// A staff script: Handset's verify export and 919PHONE's delete, with arguments good and bad.
const staff = `
RegisterCommand('verify', async (_source, [handle]) => console.log('verified ' + JSON.stringify(await exports.handset.setCloutgramVerified(handle, true))), true);
RegisterCommand('unverifiable', async () => console.log('verified ' + JSON.stringify(await exports.handset.setCloutgramVerified(7, 'yes'))), true);
// "s:<text>" passes a string, "nil" nothing, anything else a number.
const argument = (text) => (text.startsWith('s:') ? text.slice(2) : text === 'nil' ? undefined : Number(text));
RegisterCommand('remove', async (_source, [id]) => console.log('deleted ' + JSON.stringify(await exports.amzn_smartphone.deleteCloutgramPost(argument(id)))), true);
`;

const startHandset = handsetPerTest();
const destinations = logDestinations();

onEachDatabase((open) => {
  it('verifies handles, deletes posts by number or digits and refuses anything else, and forwards reports', async () => {
    const logs = await destinations.open();
    const simulation = await startHandset({
      database: await open(),
      convars: {
        'handset:compat': 'amzn_smartphone',
        ...logs.reportConvars('cloutgram'),
      },
      resources: { staff: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': staff } },
    });
    const { sim, printed } = simulation;
    const [ana, ben] = [await connectWithPhone(simulation), await connectWithPhone(simulation)];
    const ask = (who: typeof ana, action: string, payload: unknown) => nui(who.page, 'request', { appId: 'cloutgram', action, payload }) as Promise<{ ok: boolean; data?: any }>;
    await ask(ana, 'profiles.claim', { handle: 'ana', displayName: 'Ana' });
    await ask(ben, 'profiles.claim', { handle: 'ben', displayName: 'Ben' });
    const first = (await ask(ana, 'posts.create', { clientId: 'p1', photos: ['https://i.imgur.com/a.png'], caption: 'Pier' })).data as { id: number };
    const second = (await ask(ana, 'posts.create', { clientId: 'p2', photos: ['https://i.imgur.com/b.png'], caption: 'Wheel' })).data as { id: number };

    const run = async (command: string) => {
      const before = printed('staff').length;
      sim.executeCommand(command, 0);
      await eventually(() => expect(printed('staff')).toHaveLength(before + 1));
      return printed('staff').at(-1);
    };
    await expect(run('verify @ANA')).resolves.toBe('verified true');
    await expect(run('verify nobody')).resolves.toBe('verified false');
    await expect(run('unverifiable')).resolves.toBe('verified false');
    await expect(ask(ben, 'profiles.get', { handle: 'ana' })).resolves.toMatchObject({ ok: true, data: { verified: true } });

    for (const bad of ['s:abc', '-1', '0', '1.5', 'nil']) await expect(run(`remove ${bad}`)).resolves.toBe('deleted false');
    await expect(run(`remove s:${first.id}`)).resolves.toBe('deleted true');
    await expect(run(`remove ${first.id}`)).resolves.toBe('deleted false');
    await expect(ask(ben, 'feed.explore', { limit: 5 })).resolves.toMatchObject({ ok: true, data: { posts: [{ id: second.id }], cursor: null } });

    await expect(ask(ben, 'reports.create', { postId: second.id, reason: 'spam', details: 'Ads all day' })).resolves.toEqual({ ok: true, data: null });
    const byPath = await logs.byPath(2);
    expect(byPath['/discord']).toEqual({
      path: '/discord',
      authorization: undefined,
      body: {
        content: `Cloutgram report by @ben: spam — @ana post ${second.id}`,
        allowed_mentions: { parse: [] },
        embeds: [{ title: 'Cloutgram report', description: 'Wheel', fields: [{ name: 'Details', value: 'Ads all day' }] }],
      },
    });
    expect(byPath['/logs']).toMatchObject({ authorization: 'fm-token', body: [{ level: 'warn', resource: 'handset', metadata: { reporter: 'ben', reason: 'spam', account: 'ana', postId: second.id } }] });
    expect(simulation.errors).toEqual([]);
  });
});
