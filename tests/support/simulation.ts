import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { Simulator, type LogEntry, type ScriptErrorEntry, type SimulatorOptions } from '../simulator/simulator.js';

export type ResourceFiles = Record<string, string>;

/** Writes resource folders (name → file → contents) into a fresh temporary resources directory. */
export async function writeResources(resources: Record<string, ResourceFiles>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handset-resources-'));
  for (const [name, files] of Object.entries(resources)) {
    for (const [file, contents] of Object.entries(files)) {
      const full = path.join(dir, name, file);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, contents);
    }
  }
  return dir;
}

/** A manifest for a test resource: `fx_version`, `game`, then the given lines. */
export function manifest(...lines: string[]): string {
  return [`fx_version 'cerulean'`, `game 'common'`, ...lines].join('\n');
}

/** A client resource that prints each chat message it receives (`chat <author>: <text>`): what a command replied. */
export const chatlogResource: ResourceFiles = {
  'fxmanifest.lua': manifest(`client_script 'client.js'`),
  'client.js': `onNet('chat:addMessage', (message) => console.log('chat ' + message.args.join(': ')));`,
};

export interface Simulation {
  sim: Simulator;
  logs: LogEntry[];
  errors: ScriptErrorEntry[];
  /** Lines a resource printed, in order. */
  printed(resource: string): string[];
}

/** A simulator over the given resources that records what they print and every script error. */
export async function simulate(
  resources: Record<string, ResourceFiles>,
  options: Partial<SimulatorOptions> = {},
): Promise<Simulation> {
  const dir = await writeResources(resources);
  const sim = new Simulator({ resourceDirs: [dir], ...options });
  const logs: LogEntry[] = [];
  const errors: ScriptErrorEntry[] = [];
  sim.on('log', (entry: LogEntry) => logs.push(entry));
  sim.on('scriptError', (entry: ScriptErrorEntry) => errors.push(entry));
  const printed = (resource: string) =>
    logs.filter((e) => e.resource === resource && !/^(Started resource|Stopping resource|SCRIPT ERROR) /.test(e.text)).map((e) => e.text);
  return { sim, logs, errors, printed };
}

/** For a test file: each test's simulation, started through the returned function, is shut down after it. */
export function simulationPerTest(): typeof simulate {
  let current: Simulation | undefined;
  afterEach(async () => {
    await current?.sim.shutdown();
    current = undefined;
  });
  return async (resources, options) => (current = await simulate(resources, options));
}

/** Polls until the check passes (for things that happen after net events or timers). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
