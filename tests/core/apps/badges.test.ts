import { describe, expect, it } from 'vitest';
import { BADGE_COALESCE_MS } from '../../../core/server/apps/badges';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, type HandsetSimulation } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';

// A third-party app that counts its own badge: `tally:set <player> <count>` changes the count and refreshes it.
const tallyJs = `
const counts = {};
let counted = 0;
const report = (label, result) => {
  const [ok, reason] = Array.isArray(result) ? result : [result];
  console.log(\`\${label} \${ok} \${reason ?? 'nil'}\`);
};
const command = (name, fn) => RegisterCommand(name, async (_source, args) => fn(args), true);
command('tally:register', async () => {
  report('register', exports.handset.registerApp({ id: 'tally', label: 'Tally', icon: 'fa-star', color: '#ff9f0a', ui: 'web/index.html' }));
  report('onBadge', await exports.handset.onBadge('tally', (source) => {
    counted += 1;
    return counts[source] ?? 0;
  }));
});
command('tally:set', async ([player, count]) => {
  counts[player] = count === 'nonsense' ? 'lots' : Number(count);
  report('refresh', await exports.handset.refreshBadge(Number(player), 'tally'));
});
command('tally:burst', async ([player, times]) => {
  for (let i = 1; i <= Number(times); i++) {
    counts[player] = i;
    await exports.handset.refreshBadge(Number(player), 'tally');
  }
  console.log('burst sent');
});
command('tally:counted', () => console.log(\`counted \${counted}\`));
`;

const intruderJs = `
const report = (label, result) => {
  const [ok, reason] = Array.isArray(result) ? result : [result];
  console.log(\`\${label} \${ok} \${reason ?? 'nil'}\`);
};
RegisterCommand('intruder:try', async (_source, [player]) => {
  report('refresh', await exports.handset.refreshBadge(Number(player), 'tally'));
  report('onBadge', await exports.handset.onBadge('tally', () => 99));
  report('missing', await exports.handset.onBadge('nope', () => 1));
  report('bad', await exports.handset.refreshBadge('everyone', 'tally'));
}, true);
`;

const resources = {
  tally: {
    'fxmanifest.lua': manifest(`server_script 'server.js'`, `files { 'web/index.html' }`),
    'server.js': tallyJs,
    'web/index.html': '<!doctype html><title>Tally</title>',
  },
  intruder: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': intruderJs },
};

const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

async function run(prefix: string, command: string, expected: string[]): Promise<void> {
  const { sim, printed } = simulation!;
  const before = printed(prefix).length;
  sim.executeCommand(`${prefix}:${command}`, 0);
  await eventually(() => expect(printed(prefix).slice(before)).toEqual(expected), 5000);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, BADGE_COALESCE_MS * 3));

onEachDatabase((open) => {
  describe('app badges', () => {
    it("show the app's own count, only while the character may use the app, pushed once per change and once per burst", async () => {
      simulation = await startHandset({ database: await open(), resources });
      await run('tally', 'register', ['register true nil', 'onBadge true nil']);
      const { player, page } = await connectWithPhone(simulation);
      const badges = () => page.messages.filter((message) => (message as { type: string }).type === 'app:badge');

      await run('tally', `set ${player.id} 3`, ['refresh true nil']);
      await settle();
      expect(badges()).toEqual([]);

      await expect(nui(page, 'request', { appId: 'handset', action: 'apps.install', payload: { appId: 'tally' } })).resolves.toEqual({ ok: true, data: null });
      await eventually(() => expect(badges()).toEqual([{ type: 'app:badge', appId: 'tally', count: 3 }]));

      // Counted only since the app was installed.
      await run('tally', 'counted', ['counted 1']);
      await run('tally', `burst ${player.id} 20`, ['burst sent']);
      await eventually(() => expect(badges().at(-1)).toEqual({ type: 'app:badge', appId: 'tally', count: 20 }));
      await settle();
      expect(badges()).toHaveLength(2);
      await run('tally', 'counted', ['counted 2']);

      await run('tally', `set ${player.id} 20`, ['refresh true nil']);
      await settle();
      await run('tally', `set ${player.id} nonsense`, ['refresh true nil']);
      await settle();
      expect(badges()).toHaveLength(2);
      expect(simulation.printed('handset')).toContain(`badge of "tally" for player ${player.id}: the counter answered "lots", not a whole number`);

      await run('intruder', `try ${player.id}`, ['refresh false not_owner', 'onBadge false not_owner', 'missing false not_found', 'bad false invalid_input']);

      await run('tally', `set ${player.id} 5`, ['refresh true nil']);
      await eventually(() => expect(badges().at(-1)).toEqual({ type: 'app:badge', appId: 'tally', count: 5 }));
      await expect(nui(page, 'request', { appId: 'handset', action: 'apps.uninstall', payload: { appId: 'tally' } })).resolves.toEqual({ ok: true, data: null });
      await eventually(() => expect(badges().at(-1)).toEqual({ type: 'app:badge', appId: 'tally', count: 0 }));
      expect(badges()).toHaveLength(4);
      expect(simulation.errors).toEqual([]);
    });
  });
});
