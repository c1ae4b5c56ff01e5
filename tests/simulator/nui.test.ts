import { describe, expect, it } from 'vitest';
import { manifest, simulationPerTest } from '../support/simulation.js';

const simulate = simulationPerTest();

const page = (name: string, strict: boolean, client: string) => ({
  'fxmanifest.lua': manifest(
    `client_script 'client.js'`,
    `ui_page 'ui/index.html'`,
    `files { 'ui/index.html' }`,
    ...(strict ? [`nui_callback_strict_mode 'true'`] : []),
  ),
  'client.js': client,
  'ui/index.html': `<!doctype html><title>${name}</title>`,
});

const run = (resources: Parameters<typeof simulate>[0], timeoutMs = 10_000) =>
  simulate(resources, { nuiCallbackTimeoutMs: timeoutMs });

describe('NUI', () => {
  it('SendNUIMessage reaches only the sending resource’s own page', async () => {
    const { sim } = await run({
      phone: page('phone', false, `RegisterCommand('show', () => SendNUIMessage({ type: 'show', at: 1 }), false);`),
      other: page('other', false, ``),
    });
    await sim.ensure('phone');
    await sim.ensure('other');
    const player = await sim.connectPlayer();
    player.executeCommand('show');
    expect(player.nui.page('phone').messages).toEqual([{ type: 'show', at: 1 }]);
    expect(player.nui.page('other').messages).toEqual([]);
  });

  it('callbacks get the JSON body and answer through cb; SetNuiFocus is tracked', async () => {
    const { sim } = await run({
      phone: page(
        'phone',
        true,
        `RegisterNuiCallback('close', (data, cb) => { SetNuiFocus(false, false); cb({ ok: true, echoed: data.reason }); });
         RegisterCommand('open', () => SetNuiFocus(true, true), false);`,
      ),
    });
    await sim.ensure('phone');
    const player = await sim.connectPlayer();
    player.executeCommand('open');
    expect(player.nui.focus).toMatchObject({ resource: 'phone', hasFocus: true, hasCursor: true });
    const answer = await player.nui.page('phone').fetch('https://phone/close', JSON.stringify({ reason: 'escape' }));
    expect(answer).toEqual({ ok: true, echoed: 'escape' });
    expect(player.nui.focus).toMatchObject({ resource: null, hasFocus: false });
  });

  it('a callback whose handler never calls cb fails the request instead of hanging', async () => {
    const { sim, logs } = await run(
      { phone: page('phone', false, `RegisterNuiCallback('forgetful', (data, cb) => {});`) },
      100,
    );
    await sim.ensure('phone');
    const player = await sim.connectPlayer();
    await expect(player.nui.page('phone').fetch('https://phone/forgetful', '{}')).rejects.toThrow(
      'NUI callback forgetful of phone was not answered within 100 ms: its handler must call cb',
    );
    expect(logs.some((e) => e.playerId === player.id && e.text.includes('was not answered'))).toBe(true);
  });

  it('nui_callback_strict_mode refuses other resources’ pages; without it they may call', async () => {
    const { sim } = await run({
      strict: page('strict', true, `RegisterNuiCallback('act', (data, cb) => cb('strict acted'));`),
      loose: page('loose', false, `RegisterNuiCallback('act', (data, cb) => cb('loose acted'));`),
      intruder: page('intruder', false, ``),
    });
    for (const name of ['strict', 'loose', 'intruder']) await sim.ensure(name);
    const player = await sim.connectPlayer();
    const intruder = player.nui.page('intruder');
    await expect(intruder.fetch('https://strict/act', '{}')).rejects.toThrow(
      "strict sets nui_callback_strict_mode: intruder's page may not call act",
    );
    await expect(intruder.fetch('https://loose/act', '{}')).resolves.toBe('loose acted');
    await expect(player.nui.page('strict').fetch('https://strict/act', '{}')).resolves.toBe('strict acted');
  });

  it('refuses unregistered callbacks and bodies that are not JSON', async () => {
    const { sim } = await run({ phone: page('phone', true, `RegisterNuiCallback('known', (d, cb) => cb(1));`) });
    await sim.ensure('phone');
    const player = await sim.connectPlayer();
    const phone = player.nui.page('phone');
    await expect(phone.fetch('https://phone/unknown', '{}')).rejects.toThrow('phone has no NUI callback named unknown');
    await expect(phone.fetch('https://phone/known', '{oops')).rejects.toThrow('the body sent to https://phone/known is not JSON');
  });
});
