import { describe, expect, it } from 'vitest';
import { connectWithPhone, nui, openSqlite, handsetPerTest, type HandsetSimulation } from './support/handset.js';
import { manifest } from './support/simulation.js';

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

// The built resource, loaded the way FXServer loads it: by name, from its manifest, after oxmysql.
const start = async () =>
  (simulation = await startHandset({
    database: await openSqlite(),
    resources: {
      caller: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `RegisterCommand('version', () => console.log('version ' + exports.handset.getVersion()), false);`,
      },
    },
  }));

const visibility = (messages: unknown[]) => messages.filter((message) => (message as { type: string }).type === 'phone:visibility');

describe('the built handset resource', () => {
  it('starts on the database and answers its export', async () => {
    const { sim, printed, errors } = await start();
    sim.executeCommand('version', 0);
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(printed('handset')).toEqual([`Handset ${version} started`]);
    expect(printed('caller')).toEqual([`version ${version}`]);
    expect(errors).toEqual([]);
  });

  it('loads its client bundle: F1 opens the phone page with focus, its close callback hides it, no ticks', async () => {
    const { sim, errors } = await start();
    const { player, page } = await connectWithPhone(simulation!);
    expect(page.uiPage).toBe('dist/web/index.html');
    expect(player.keyMappings.all().map(({ command, key }) => ({ command, key }))).toEqual([
      { command: 'phone', key: 'F1' },
      { command: 'phone_answer', key: 'Y' },
    ]);
    expect(sim.ticks.active('handset', player.id)).toBe(0);

    expect(player.pressKey('F1')).toBe(true);
    expect(visibility(page.messages)).toEqual([{ type: 'phone:visibility', open: true }]);
    expect(player.nui.focus).toMatchObject({ resource: 'handset', hasFocus: true, hasCursor: true });

    await expect(nui(page, 'close', {})).resolves.toEqual({ ok: true });
    expect(visibility(page.messages).at(-1)).toEqual({ type: 'phone:visibility', open: false });
    expect(player.nui.focus).toMatchObject({ resource: null, hasFocus: false });
    expect(sim.ticks.active('handset', player.id)).toBe(0);
    expect(errors).toEqual([]);
  });
});
