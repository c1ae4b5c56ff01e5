import path from 'node:path';
import { build } from 'esbuild';
import type { OnlinePhone } from '../../../core/server/identity/identity';
import type { IdentityService } from '../../../core/server/identity/identity.service';
import { manifest, type ResourceFiles } from '../../support/simulation';
import { shared } from './frameworks';

export const HARNESS = 'identity-harness';

/** What the harness shares with the test: the identity service once started, and what its listener heard. */
export interface Harness {
  started: Promise<IdentityService>;
  heard: ['loaded' | 'unloaded', OnlinePhone][];
}

// The identity service as index.ts starts it (oxmysql, the core's migrations, the configured bridge), built into
// a resource of its own so tests see the job and the listener's events, which no export of Handset shows.
const entry = `
import { selectBridge } from './core/server/identity/bridges';
import { startIdentity } from './core/server/identity/identity.service';
import { coreMigrations } from './core/server/storage/core.migrations';
import { migrate } from './core/server/storage/migrations';
import { createOxmysqlDatabase } from './core/server/storage/oxmysql-database';

const heard = [];
const started = (async () => {
  const db = await createOxmysqlDatabase();
  await migrate(db, 'core', coreMigrations);
  const bridge = selectBridge(GetConvar('handset:framework', 'standalone'));
  const identity = await startIdentity({ db, bridge, numberFormat: '555-###-####' });
  identity.subscribe({ loaded: (phone) => heard.push(['loaded', phone]), unloaded: (phone) => heard.push(['unloaded', phone]) });
  on('onResourceStop', (name) => name === GetCurrentResourceName() && identity.stop());
  return identity;
})();
process.handsetIdentityHarness = { started, heard };
`;

let built: Promise<string> | undefined;

/** The harness resource's files (built once per test file, as the handset server bundle is built). */
export async function harnessResource(): Promise<ResourceFiles> {
  built ??= build({
    stdin: { contents: entry, resolveDir: path.resolve(import.meta.dirname, '../../..'), sourcefile: 'identity-harness.js' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': await built };
}

/** The running harness: its started identity service and what its listener heard. */
export async function harness(): Promise<{ identity: IdentityService; heard: Harness['heard'] }> {
  const { started, heard } = shared<Harness>('handsetIdentityHarness');
  return { identity: await started, heard };
}
