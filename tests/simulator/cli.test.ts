import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { manifest, writeResources } from '../support/simulation.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const scenario = path.join(root, 'tests/fixtures/scenario');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function headless(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'tests/simulator/cli.ts', '--headless', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const scenarioArgs = ['--cfg', path.join(scenario, 'scenario.cfg'), '--resources', path.join(scenario, 'resources')];

describe('npm start -- --headless', () => {
  it('runs a Lua and a JS resource that call each other’s exports, then exits as the scenario asks', async () => {
    const outcome = await headless(...scenarioArgs, '--players', '2', '--timeout', '30');
    expect(outcome.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.split('\n').filter((line) => /^\[(js_shop|lua_bank)\] (?!Started|Stopping)/.test(line))).toEqual([
      '[js_shop] players 1,2',
      '[js_shop] balance 120',
      '[lua_bank] ana bought apple for 30, 90 left',
      '[js_shop] apple true',
      '[js_shop] car false',
    ]);
  });

  it('exits with the status given to quit', async () => {
    const cfg = path.join(await writeResources({}), 'exit3.cfg');
    await writeFile(cfg, `set scenario_players 1\nset scenario_exit 3\nexec ${path.join(scenario, 'scenario.cfg')}\n`);
    const outcome = await headless('--cfg', cfg, '--resources', path.join(scenario, 'resources'), '--players', '1', '--timeout', '30');
    expect(outcome.code).toBe(3);
  });

  it('exits 2 when nothing quits before the timeout', async () => {
    const outcome = await headless(...scenarioArgs, '--players', '1', '--timeout', '1');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("timed out after 1 s: no resource ran 'quit'");
  });

  it('exits 1 on an uncaught script error, after printing it under the resource name', async () => {
    const dir = await writeResources({
      crashy: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': `setTimeout(() => { null.boom; }, 10);` },
    });
    const cfg = path.join(dir, 'server.cfg');
    await writeFile(cfg, 'ensure crashy\n');
    const outcome = await headless('--cfg', cfg, '--resources', dir, '--players', '0', '--timeout', '30');
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/^\[crashy\] SCRIPT ERROR in timer: TypeError: Cannot read properties of null/m);
    expect(outcome.stderr).toContain('stopping: a script raised an uncaught error');
  });

  it('--set sets convars before the cfg runs; --ensure starts resources after it, in the order given', async () => {
    const serverScript = (script: string) => ({ 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': script });
    const dir = await writeResources({
      first: serverScript(`console.log(\`first sees cfg_ran=\${GetConvar('cfg_ran', 'no')} greeting=\${GetConvar('greeting', 'none')}\`);`),
      second: serverScript(`console.log('second'); ExecuteCommand('quit 4');`),
    });
    const cfg = path.join(dir, 'server.cfg');
    await writeFile(cfg, 'set cfg_ran yes\n');
    const ensures = ['--ensure', 'first', '--ensure', 'second'];
    const sets = ['--set', 'greeting=hello = world', '--set', 'cfg_ran=overridden by the cfg'];
    const outcome = await headless('--cfg', cfg, '--resources', dir, ...sets, ...ensures, '--players', '0', '--timeout', '30');
    expect(outcome.code).toBe(4);
    expect(outcome.stdout.split('\n').filter((line) => /^\[(first|second)\] (?!Started|Stopping)/.test(line))).toEqual([
      '[first] first sees cfg_ran=yes greeting=hello = world',
      '[second] second',
    ]);
  });

  it('prints what resources log without FiveM colour codes', async () => {
    const dir = await writeResources({
      painter: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': `console.log('^1red^0 and ^3yellow^7 text, 2^10'); ExecuteCommand('quit');` },
    });
    const cfg = path.join(dir, 'server.cfg');
    await writeFile(cfg, 'ensure painter\n');
    const outcome = await headless('--cfg', cfg, '--resources', dir, '--players', '0', '--timeout', '30');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.split('\n').filter((line) => /^\[painter\] (?!Started|Stopping)/.test(line))).toEqual([
      '[painter] red and yellow text, 20',
    ]);
  });

  it('--set without NAME=VALUE exits 1 with the usage', async () => {
    const outcome = await headless('--set', 'greeting', '--players', '0');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.replace(/npm warn.*\n/g, '')).toMatch(/^--set takes NAME=VALUE, not "greeting"\nusage: npm start -- /);
  });

  it('--ensure of an unknown resource exits 1 naming the option and the folders searched', async () => {
    const dir = await writeResources({});
    const cfg = path.join(dir, 'server.cfg');
    await writeFile(cfg, 'set cfg_ran yes\n');
    const outcome = await headless('--cfg', cfg, '--resources', dir, '--ensure', 'my_app', '--players', '0');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.replace(/npm warn.*\n/g, '')).toBe(
      `--ensure my_app: resource my_app was not found in ${dir}, ${path.join(root, 'tests/simulator/resources')}, ${path.join(root, 'templates')}\n`,
    );
  });

  it('prints a one-line error naming the file and line of a cfg typo', async () => {
    const dir = await writeResources({});
    const cfg = path.join(dir, 'server.cfg');
    await writeFile(cfg, 'ensure oxmysql\nstrat handset\n');
    const outcome = await headless('--cfg', cfg, '--players', '0');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.replace(/npm warn.*\n/g, '')).toBe(`${cfg}:2: unknown command "strat"\n`);
  });
});
