import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe } from 'vitest';
import { createMariadbDatabase, describeMariadb } from './databases';
import { eventually, simulate, type ResourceFiles, type Simulation } from './simulation';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const standIns = path.join(repoRoot, 'tests/simulator/resources');

/** A database for one test: a connection string oxmysql understands, and how to throw it away. */
export interface TestDatabaseTarget {
  connection: string;
  dispose(): Promise<void>;
}

export type OpenDatabase = () => Promise<TestDatabaseTarget>;

export async function openSqlite(): Promise<TestDatabaseTarget> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handset-db-'));
  return { connection: `sqlite:${path.join(dir, 'handset.db')}`, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export async function openMariadb(): Promise<TestDatabaseTarget> {
  const database = await createMariadbDatabase('handset_test');
  return { connection: database.url, dispose: () => database.drop() };
}

/** Runs the same suite on embedded SQLite and, when configured, on MariaDB. */
export function onEachDatabase(body: (open: OpenDatabase) => void): void {
  describe('on SQLite', () => body(openSqlite));
  describeMariadb('on MariaDB', () => body(openMariadb));
}

export interface HandsetSimulation extends Simulation {
  database: TestDatabaseTarget;
}

/**
 * The built handset resource with the oxmysql stand-in on `database`, the given convars, and then the given
 * resources, started in order once Handset reports it is up.
 */
export async function startHandset(options: {
  database: TestDatabaseTarget;
  convars?: Record<string, string>;
  resources?: Record<string, ResourceFiles>;
  /** Started before Handset (frameworks). */
  before?: string[];
  /** Resources from these folders, started after Handset and the given resources. */
  ensure?: { dirs: string[]; names: string[] };
}): Promise<HandsetSimulation> {
  const resources = options.resources ?? {};
  const simulation = await simulate(resources, {
    namedResources: { handset: repoRoot },
    systemResourceDirs: [standIns, ...(options.ensure?.dirs ?? [])],
  });
  const { sim, printed } = simulation;
  sim.convars.set('mysql_connection_string', options.database.connection);
  for (const [name, value] of Object.entries(options.convars ?? {})) sim.convars.set(name, value);
  await sim.ensure('oxmysql');
  for (const name of options.before ?? []) await sim.ensure(name);
  await sim.ensure('handset');
  await eventually(() => {
    if (!printed('handset').some((line) => /^Handset \S+ started$/.test(line))) throw new Error('Handset has not started');
  }, 10_000);
  for (const name of [...Object.keys(resources), ...(options.ensure?.names ?? [])]) await sim.ensure(name);
  return { ...simulation, database: options.database };
}

/** For a test file: each test's Handset, started through the returned function, is shut down and its database dropped after it. */
export function handsetPerTest(): typeof startHandset {
  let current: HandsetSimulation | undefined;
  afterEach(async () => {
    await current?.sim.shutdown();
    await current?.database.dispose();
    current = undefined;
  });
  return async (options) => (current = await startHandset(options));
}

/** Connects a player and waits until Handset has loaded their phone; resolves to the player and their number. */
export async function connectWithPhone(simulation: Simulation, options: Parameters<Simulation['sim']['connectPlayer']>[0] = {}) {
  const player = await simulation.sim.connectPlayer(options);
  const page = player.nui.page('handset');
  let number = '';
  await eventually(() => {
    const state = page.messages.filter((message) => (message as { type?: string }).type === 'phone:state').at(-1) as
      | { state: { number: string } | null }
      | undefined;
    if (!state?.state) throw new Error(`player ${player.id} has no phone yet`);
    number = state.state.number;
  }, 5000);
  return { player, page, number };
}

/** Sends one of the shell's NUI callbacks to Handset's client and resolves to its answer. */
export function nui(page: { fetch(url: string, body: string): Promise<unknown> }, callback: string, body: unknown) {
  return page.fetch(`https://handset/${callback}`, JSON.stringify(body)) as Promise<Record<string, unknown>>;
}
