import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Simulator, type LogEntry, type ScriptErrorEntry } from './simulator/simulator.js';
import { manifest, writeResources } from './support/simulation.js';

// The built resource, loaded the way FXServer loads it: by name, from its manifest.
const root = path.resolve(import.meta.dirname, '..');

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.shutdown();
  sim = undefined;
});

async function start() {
  const dir = await writeResources({
    caller: {
      'fxmanifest.lua': manifest(`server_script 'server.js'`),
      'server.js': `RegisterCommand('version', () => console.log('version ' + exports.handset.getVersion()), false);`,
    },
  });
  sim = new Simulator({ resourceDirs: [dir], namedResources: { handset: root } });
  const logs: LogEntry[] = [];
  const errors: ScriptErrorEntry[] = [];
  sim.on('log', (entry: LogEntry) => logs.push(entry));
  sim.on('scriptError', (entry: ScriptErrorEntry) => errors.push(entry));
  await sim.ensure('handset');
  await sim.ensure('caller');
  return { sim, logs, errors };
}

describe('the built handset resource', () => {
  it('loads its server bundle and answers its export', async () => {
    const { sim, logs, errors } = await start();
    sim.executeCommand('version', 0);
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(logs.filter((e) => e.resource !== '_cfx_internal' && !/resource/.test(e.text)).map((e) => e.text)).toEqual([
      `Handset ${version} started`,
      `version ${version}`,
    ]);
    expect(errors).toEqual([]);
  });

  it('loads its client bundle: F1 opens the phone page with focus, its close callback hides it', async () => {
    const { sim, errors } = await start();
    const player = await sim.connectPlayer();
    const page = player.nui.page('handset');
    expect(page.uiPage).toBe('dist/web/index.html');
    expect(player.keyMappings.all().map(({ command, key }) => ({ command, key }))).toEqual([{ command: 'phone', key: 'F1' }]);
    expect(sim.ticks.active('handset', player.id)).toBe(0);

    expect(player.pressKey('F1')).toBe(true);
    expect(page.messages).toEqual([{ type: 'phone:visibility', open: true }]);
    expect(player.nui.focus).toMatchObject({ resource: 'handset', hasFocus: true, hasCursor: true });

    await expect(page.fetch('https://handset/close', '{}')).resolves.toEqual({ ok: true });
    expect(page.messages.at(-1)).toEqual({ type: 'phone:visibility', open: false });
    expect(player.nui.focus).toMatchObject({ resource: null, hasFocus: false });
    expect(sim.ticks.active('handset', player.id)).toBe(0);
    expect(errors).toEqual([]);
  });
});
