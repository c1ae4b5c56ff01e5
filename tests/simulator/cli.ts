import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { SimulatorError } from './errors.js';
import { errorMessage } from './runtime.js';
import { Simulator, type LogEntry } from './simulator.js';
import { startWebServer } from './sandbox/web-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const usage = `usage: npm start -- [--cfg FILE] [--resources DIR]... [--set NAME=VALUE]... [--ensure NAME]... [--players N] [--headless] [--timeout S] [--port P]
  --cfg FILE        server.cfg-style file to run (default: sandbox.cfg)
  --resources DIR   a folder searched for resources by name, like FXServer's resources/ (repeatable)
  --set NAME=VALUE  set a convar before the cfg runs, like FXServer's '+set NAME VALUE' (repeatable)
  --ensure NAME     start this resource after the cfg ran, like an 'ensure NAME' line at its end (repeatable)
  --players N       simulated players to connect at start (default: 1)
  --headless        no browser: print every resource's console output; exit on 'quit' (status 0, or N for 'quit N')
  --timeout S       headless: exit 2 if nothing ran 'quit' after S seconds
  --port P          the sandbox's web port (default: 30120)`;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function options() {
  try {
    const { values } = parseArgs({
      options: {
        cfg: { type: 'string', default: path.join(repoRoot, 'sandbox.cfg') },
        resources: { type: 'string', multiple: true, default: [] },
        set: { type: 'string', multiple: true, default: [] },
        ensure: { type: 'string', multiple: true, default: [] },
        players: { type: 'string', default: '1' },
        headless: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        port: { type: 'string', default: '30120' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    const count = (name: string, value: string | undefined) => {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 0) fail(`--${name} must be a whole number, not "${value}"\n${usage}`);
      return number;
    };
    return {
      cfg: path.resolve(values.cfg),
      resourceDirs: values.resources.map((dir) => path.resolve(dir)),
      convars: values.set.map((assignment) => {
        const match = /^([^=\s]+)=(.*)$/s.exec(assignment);
        if (!match) fail(`--set takes NAME=VALUE, not "${assignment}"\n${usage}`);
        return [match[1]!, match[2]!] as const;
      }),
      ensure: values.ensure,
      players: count('players', values.players),
      headless: values.headless,
      timeoutSeconds: values.timeout === undefined ? undefined : count('timeout', values.timeout),
      port: count('port', values.port),
    };
  } catch (error) {
    return fail(`${errorMessage(error)}\n${usage}`);
  }
}

/** FiveM's colour codes (^0 to ^9), which a terminal would print as they are. */
const COLOUR_CODE = /\^[0-9]/g;

export function formatLog(entry: LogEntry): string {
  const where = entry.playerId === undefined ? '' : ` (player ${entry.playerId})`;
  return entry.text
    .replace(COLOUR_CODE, '')
    .split('\n')
    .map((line) => `[${entry.resource}]${where} ${line}`)
    .join('\n');
}

async function main(): Promise<void> {
  const opts = options();
  const sim = new Simulator({
    resourceDirs: opts.resourceDirs,
    // Handset itself (this checkout, whatever its folder is called), the simulator's stand-ins and the app templates.
    namedResources: { handset: repoRoot },
    systemResourceDirs: [path.join(repoRoot, 'tests/simulator/resources'), path.join(repoRoot, 'templates')],
  });
  sim.on('log', (entry: LogEntry) => process.stdout.write(`${formatLog(entry)}\n`));

  if (opts.headless) {
    sim.on('scriptError', () => {
      void sim.shutdown().finally(() => fail('stopping: a script raised an uncaught error (see above)'));
    });
    // `quit <number>` lets a scripted scenario choose the exit status; plain `quit` (or a reason) exits 0.
    sim.on('quit', (reason: string) => {
      const status = /^\d+$/.test(reason.trim()) ? Number(reason.trim()) : 0;
      void sim.shutdown().finally(() => process.exit(status));
    });
    process.on('unhandledRejection', (error) => fail(`unhandled rejection: ${errorMessage(error)}`));
    if (opts.timeoutSeconds !== undefined) {
      setTimeout(() => fail(`timed out after ${opts.timeoutSeconds} s: no resource ran 'quit'`, 2), opts.timeoutSeconds * 1000);
    }
    // Like FXServer, a headless run lives until something quits, even with no timer of its own pending.
    setInterval(() => {}, 60_000);
  }

  const web = opts.headless ? null : await startWebServer((resource, init) => sim.http.request(resource, init));
  // Photos taken in the sandbox are served by Handset's own handler there, unless the command line says otherwise.
  if (web) sim.convars.set('handset:media:local_url', web.url);

  try {
    for (const [name, value] of opts.convars) sim.convars.set(name, value);
    await sim.exec(opts.cfg);
    for (const name of opts.ensure) {
      await sim.ensure(name).catch((error: unknown) => fail(`--ensure ${name}: ${errorMessage(error)}`));
    }
    for (let i = 0; i < opts.players; i++) await sim.connectPlayer();
  } catch (error) {
    fail(error instanceof SimulatorError ? error.message : errorMessage(error));
  }

  if (!opts.headless) {
    const { startSandboxServer } = await import('./sandbox/server.js');
    const { url } = await startSandboxServer(sim, { port: opts.port });
    process.stdout.write(`Handset sandbox running at ${url}\n`);
    if (web) process.stdout.write(`Photos are served at ${web.url}: open it once and accept its certificate to see them\n`);
    sim.on('quit', () => void sim.shutdown().finally(() => process.exit(0)));
  }
}

await main();
