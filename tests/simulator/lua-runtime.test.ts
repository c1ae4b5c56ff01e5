import path from 'node:path';
import { encode } from '@msgpack/msgpack';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Simulator, type LogEntry, type ScriptErrorEntry } from './simulator.js';

const fixtures = path.resolve('tests/fixtures/resources');

let sim: Simulator;
let logs: LogEntry[];
let errors: ScriptErrorEntry[];

beforeEach(() => {
  sim = new Simulator({ resourceDirs: ['tests/fixtures/resources'] });
  logs = [];
  errors = [];
  sim.on('log', (entry: LogEntry) => logs.push(entry));
  sim.on('scriptError', (entry: ScriptErrorEntry) => errors.push(entry));
});

afterEach(async () => {
  await sim.shutdown();
});

/** What a resource's scripts printed (not the simulator's own lines or script errors), in order. */
function printed(resource: string, playerId?: number): string[] {
  return logs
    .filter((entry) => entry.resource === resource && entry.playerId === playerId)
    .map((entry) => entry.text)
    .filter((text) => !/^(SCRIPT ERROR|Started resource|Stopping resource)/.test(text));
}

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out; logs:\n${logs.map((entry) => entry.text).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Lua runtime: JS calling Lua exports', () => {
  beforeEach(async () => {
    await sim.ensure('lua-js-caller');
    await waitFor(() => printed('lua-js-caller').length === 9);
  });

  it('returns one result as a value, several as an array, and an empty table as []', () => {
    expect(printed('lua-js-caller').slice(0, 3)).toEqual(['sum 5', 'multi [1,"two",3.5]', 'empty []']);
  });

  it('delivers integers, floats, nil in the middle and tables as Lua sees them; a JS function is a callable table', () => {
    expect(printed('lua-js-caller').slice(3, 5)).toEqual([
      'types integer,float,nil,string,table,table',
      'callback ["table",40]',
    ]);
  });

  it('reports a failing Lua export as a script error and hands JS undefined, as CfxLua does', () => {
    expect(printed('lua-js-caller')[5]).toBe('fails undefined');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.resource).toBe('lua-exports');
    expect(errors[0]!.text).toContain(`SCRIPT ERROR in ref call: ${path.join(fixtures, 'lua-exports', 'server.lua')}:14: lua boom`);
  });

  it('turns a Lua export that Waits into a Promise for JS', () => {
    expect(printed('lua-js-caller')[6]).toBe('slow function 42');
  });

  it('gives GetInvokingResource() the caller before the first Wait and nil after it', () => {
    expect(printed('lua-js-caller')[7]).toBe('invoker lua-js-caller|nil');
  });

  it('exports the global functions named by server_export in fxmanifest.lua', () => {
    expect(printed('lua-js-caller')[8]).toBe('viaManifest manifest');
  });
});

describe('Lua runtime: Lua calling exports', () => {
  beforeEach(async () => {
    await sim.ensure('lua-caller');
    await waitFor(() => printed('lua-caller').some((line) => line.startsWith('missing')));
  });

  it('drops the self of a colon call, so a dot call loses its first argument', () => {
    expect(printed('lua-caller').slice(1, 3)).toEqual(['colon 1', 'dot 1']);
    expect(printed('lua-jsexports').slice(0, 2)).toEqual(['describe ["a"]', 'describe ["b"]']);
  });

  it('sends an empty Lua table to JS as [], a sequence as an array, other tables as objects, nil as null', () => {
    expect(printed('lua-jsexports')[2]).toBe('describe [[],[1,2],{"a":1},null,3]');
  });

  it('awaits a JS async export inside a thread and hands back the raw async table outside one', () => {
    const lines = printed('lua-caller');
    expect(lines[0]).toBe('raw table table');
    expect(lines[3]).toBe('later 42');
    expect(lines[4]).toBe('rejects false An error happened while calling export rejects of resource lua-jsexports (nope), see above for details');
  });

  it('gives the JS export the calling Lua resource as invoker', () => {
    expect(printed('lua-caller')[5]).toBe('whoCalls lua-caller');
  });

  it('calls Lua exports from Lua: several results, floats stay floats, a waiting export is awaited', () => {
    expect(printed('lua-caller').slice(6, 9)).toEqual(['lua multi 1,two,3.5', 'lua types integer,float,string', 'lua slow 10']);
  });

  it('raises "No such export" at the calling line', () => {
    // Inside Lua the message carries the chunk name as Lua gives it: cut to `...<tail>` when the path is long.
    const [, where, message] = /^missing false (\S+):17: (.*)$/.exec(printed('lua-caller')[9] ?? '') ?? [];
    expect(path.join(fixtures, 'lua-caller', 'server.lua').endsWith(where!.replace(/^\.\.\./, ''))).toBe(true);
    expect(message).toBe('No such export nope in resource lua-jsexports');
    expect(errors).toEqual([]);
  });
});

describe('Lua runtime: net events and players', () => {
  it('sets source to the player id number for the synchronous part only, and refuses events not registered for net', async () => {
    await sim.ensure('lua-net');
    const player = await sim.connectPlayer({ name: 'one' });
    player.executeCommand('lua-net-send');
    await waitFor(() => printed('lua-net', 1).length === 1);
    expect(printed('lua-net')).toEqual([
      'hello integer 1 hey',
      'Event lua-net:unsafe was not safe for net',
      'after wait source=nil',
    ]);
    expect(printed('lua-net', 1)).toEqual(['reply hi 1 from 65535']);
  });

  it('returns GetPlayers() as strings', async () => {
    await sim.ensure('lua-net');
    await sim.connectPlayer();
    await sim.connectPlayer();
    sim.executeCommand('lua-net-players', 0);
    expect(printed('lua-net')).toEqual(['players 2 string ["1","2"]']);
  });
});

describe('Lua runtime: scripts and the scheduler', () => {
  it('reports a script error as file:line (full path) and still runs the next script; Wait outside a thread errors', async () => {
    await sim.ensure('lua-errors');
    await waitFor(() => errors.length === 2);
    const dir = path.join(fixtures, 'lua-errors');
    // Lua shortens chunk names past 60 characters; the runtime restores the full path.
    const broken = 'scripts/a-folder-deep-enough-that-lua-shortens-its-chunk-name/broken.lua';
    expect(errors.map((entry) => entry.text.split('\n')[0])).toEqual([
      `SCRIPT ERROR in loading ${broken}: ${dir}/${broken}:3: attempt to index a nil value (local 'settings')`,
      `SCRIPT ERROR in thread: ${dir}/fine.lua:4: thread boom`,
    ]);
    expect(printed('lua-errors')).toEqual([
      'fine loaded',
      'top-level wait false Current execution context is not in the scheduler, you should use CreateThread / SetTimeout or Event system (AddEventHandler) to be able to Wait',
    ]);
  });

  it('re-enters the Lua state from inside a call into it (TriggerEvent, own exports)', async () => {
    await sim.ensure('lua-misc');
    await waitFor(() => printed('lua-misc').some((line) => line.startsWith('self export')));
    expect(printed('lua-misc').slice(0, 6)).toEqual(['enter 1', 'enter 2', 'enter 3', 'leave 3', 'leave 2', 'leave 1']);
    expect(printed('lua-misc')).toContain('self export 42');
  });

  it('encodes JSON with an empty table as []', async () => {
    await sim.ensure('lua-misc');
    expect(printed('lua-misc')[6]).toBe('json [] [1,2] {"a":{"b":true}} 20');
  });

  it('stops calling a handler once RemoveEventHandler removed it', async () => {
    await sim.ensure('lua-misc');
    expect(printed('lua-misc').filter((line) => line === 'once ran')).toHaveLength(1);
  });

  it('resolves, rejects and chains promises; Citizen.Await waits for them', async () => {
    await sim.ensure('lua-misc');
    await waitFor(() => printed('lua-misc').some((line) => line.startsWith('chained')));
    expect(printed('lua-misc').slice(8)).toEqual(['await settled', 'self export 42', 'rejected false denied', 'chained 42']);
    expect(errors).toEqual([]);
  });
});

describe('Lua runtime: NUI', () => {
  it('sends messages to its own page and answers NUI callbacks through a callable cb', async () => {
    await sim.ensure('lua-nui');
    const player = await sim.connectPlayer();
    const page = player.nui.page('lua-nui');
    expect(page.messages).toEqual([{ hello: 'page', empty: [] }]);
    await expect(page.fetch('https://lua-nui/ping', '{"n":1}')).resolves.toEqual({ pong: 2, list: [] });
    expect(printed('lua-nui', player.id)).toEqual(['ping table 1']);
  });
});

describe('Lua runtime: stopping', () => {
  it('survives its resource stopping mid-call, cancels its waits and refuses later calls cleanly', async () => {
    await sim.ensure('lua-stopper');
    const [runtime] = sim.server.runtimesOf('lua-stopper');
    sim.executeCommand('lua-stop-self', 0);
    expect(printed('lua-stopper')).toEqual(['still running after stop']);
    expect(() => runtime!.callRef(-1, encode([]), 'test')).toThrow('resource lua-stopper has stopped: its Lua state is closed');
    runtime!.dispatchEvent('anything', encode([]), '', null);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(printed('lua-stopper')).toEqual(['still running after stop']);
    expect(errors).toEqual([]);
  });
});
