import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDriverDatabase } from '../../../core/server/storage/driver-database';
import { createMariadbDatabase, describeMariadb } from '../../support/databases';
import { eventually, simulationPerTest } from '../../support/simulation';
import { serverPlugins } from '../../../apps/server-plugins';
import { CORE_TABLES, tableNames } from './databases';
import packageJson from '../../../package.json' with { type: 'json' };

// The built handset resource next to the oxmysql stand-in, as a server owner runs them.
const root = path.resolve(import.meta.dirname, '../../..');
const standIns = path.join(root, 'tests/simulator/resources');
const started = `Handset ${packageJson.version} started`;

const simulate = simulationPerTest();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Starts oxmysql on `connectionString` and then handset; checks the database the way oxmysql left it. */
async function startsAndMigrates(connectionString: string): Promise<void> {
  const { sim, printed, errors } = await simulate({}, { namedResources: { handset: root }, systemResourceDirs: [standIns] });
  sim.convars.set('mysql_connection_string', connectionString);
  await sim.ensure('oxmysql');
  await sim.ensure('handset');
  await eventually(() => expect(printed('handset')).toEqual([started]), 10_000);

  const db = await createDriverDatabase(connectionString);
  cleanups.unshift(() => db.close());
  // The core's tables, and each built-in app's own, named after their owner.
  const tables = await tableNames(db);
  expect(tables.filter((table) => table.startsWith('handset_core_'))).toEqual(CORE_TABLES);
  const owners = ['core', ...serverPlugins.map((plugin) => plugin.manifest.id)];
  expect(tables.filter((table) => !owners.some((owner) => table.startsWith(`handset_${owner}_`)))).toEqual([]);
  const recorded = await db.select<{ owner: string; version: number }>('SELECT owner, version, applied_at FROM handset_core_migrations');
  const byOwner = (a: { owner: string; version: number }, b: { owner: string; version: number }) => a.owner.localeCompare(b.owner) || a.version - b.version;
  const every = [
    { owner: 'core', version: 1 },
    { owner: 'core', version: 2 },
    { owner: 'core', version: 3 },
    { owner: 'core', version: 4 },
    ...serverPlugins.flatMap((plugin) => plugin.migrations.map(({ version }) => ({ owner: plugin.manifest.id, version }))),
  ];
  expect(recorded.map(({ owner, version }) => ({ owner, version })).sort(byOwner)).toEqual(every.sort(byOwner));

  // A restart finds version 1 recorded: it applies nothing (a second apply would fail on the record's key).
  await sim.restart('handset');
  await eventually(() => expect(printed('handset')).toEqual([started, started]), 10_000);
  await expect(db.select('SELECT owner, version, applied_at FROM handset_core_migrations')).resolves.toEqual(recorded);
  expect(printed('oxmysql').filter((line) => /unable/.test(line))).toEqual([]);
  expect(errors).toEqual([]);
}

describe('the handset resource on the oxmysql stand-in', () => {
  it('migrates an embedded SQLite database at start, once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'handset-oxmysql-'));
    await startsAndMigrates(`sqlite:${path.join(dir, 'handset.db')}`);
  });
});

describeMariadb('the handset resource on the oxmysql stand-in over MariaDB', () => {
  it('migrates the server owner’s database at start, once', async () => {
    const database = await createMariadbDatabase('handset_resource');
    cleanups.push(() => database.drop());
    await startsAndMigrates(database.url);
  });
});
