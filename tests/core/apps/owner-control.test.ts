import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../support/handset';
import { chatlogResource as chatlog, eventually } from '../../support/simulation';

const startHandset = handsetPerTest();

onEachDatabase((open) => {
  it('/handset reload applies a convar set for the first time (which FXServer’s listener does not hear), behind the admin ACE', async () => {
    const simulation = await startHandset({ database: await open(), resources: { chatlog } });
    const { sim, printed } = simulation;
    const admin = await connectWithPhone(simulation, { identifiers: ['license:boss'] });
    const player = await connectWithPhone(simulation, { identifiers: ['license:pat'] });
    sim.executeCommand('add_ace group.admin admin allow', 0);
    sim.executeCommand('add_principal identifier.license:boss group.admin', 0);
    const listed = async () =>
      ((await nui(player.page, 'request', { appId: 'handset', action: 'apps.list', payload: {} })) as { data: { id: string }[] }).data.map((app) => app.id);
    expect(await listed()).toContain('tweeder');

    // Never set before: no listener hears it, so nothing changes until a reload.
    sim.executeCommand('set handset:app:tweeder disabled', 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await listed()).toContain('tweeder');
    sim.executeCommand('set handset:number_format ###-####', 0);

    sim.executeCommand('handset reload', player.player.id);
    sim.executeCommand('handset', admin.player.id);
    sim.executeCommand('handset reload', admin.player.id);
    await eventually(() => expect(printed('chatlog')).toHaveLength(3));
    expect(printed('chatlog')).toEqual([
      'chat Handset: /handset needs the admin permission',
      'chat Handset: usage: /handset reload',
      'chat Handset: applied handset:app:tweeder',
    ]);
    expect(printed('handset')).toContain('convar handset:number_format changes when Handset restarts');
    expect(await listed()).not.toContain('tweeder');
    await expect(nui(player.page, 'request', { appId: 'tweeder', action: 'feed.list', payload: {} })).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'app "tweeder" is disabled on this server' },
    });

    // Set again, the change is heard at once.
    sim.executeCommand('set handset:app:tweeder enabled', 0);
    await eventually(async () => expect(await listed()).toContain('tweeder'));
    sim.executeCommand('handset reload', 0);
    await eventually(() => expect(printed('handset')).toContain('nothing changed'));
    expect(simulation.errors).toEqual([]);
  });
});

onEachDatabase((open) => {
  it("applies new request rates at once: the owner tightens a player's burst without a restart", async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:requests_per_second': '10', 'handset:request_burst': '30' } });
    const { sim, printed } = simulation;
    const { page } = await connectWithPhone(simulation);
    const burst = async (count: number) => {
      const answers = await Promise.all(Array.from({ length: count }, () => nui(page, 'request', { appId: 'handset', action: 'apps.list', payload: {} })));
      return answers.map((answer) => (answer['ok'] ? 'ok' : (answer['error'] as { code: string }).code));
    };
    expect(await burst(5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    sim.executeCommand('set handset:request_burst 2', 0);
    sim.executeCommand('set handset:requests_per_second 1', 0);
    await eventually(() => expect(printed('handset')).toContain('applied handset:requests_per_second, handset:request_burst'));
    expect(await burst(3)).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    expect(simulation.errors).toEqual([]);
  });
});
