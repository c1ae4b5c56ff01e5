import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { manifest, simulationPerTest } from '../support/simulation.js';

const run = simulationPerTest();

const exporter = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `
    class Greeter { constructor() { this.name = 'g'; } hello() { return 'hi'; } }
    exports('shapes', () => ({ greeter: new Greeter(), when: new Date(0), map: new Map([['a', 1]]), set: new Set([1]), nothing: undefined, bytes: new Uint8Array([1, 2]) }));
    exports('echo', (...args) => args);
    exports('argTypes', (value) => [typeof value, Array.isArray(value), value instanceof Object]);
    exports('invoker', () => GetInvokingResource());
    exports('invokerAfterAwait', async () => { const before = GetInvokingResource(); await null; return [before, GetInvokingResource()]; });
    exports('double', async (x) => { await new Promise((r) => setTimeout(r, 5)); return x * 2; });
    exports('rejects', async () => { await null; throw new Error('nope'); });
    exports('throws', () => { throw new Error('boom'); });
  `,
};

describe('exports', () => {
  it('round-trip through msgpack: methods are lost, Date/Map/Set arrive as {}, undefined as null', async () => {
    const caller = await run({
      exporter,
      caller: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `
          const shapes = exports.exporter.shapes();
          console.log(JSON.stringify(shapes));
          console.log(typeof shapes.greeter.hello, shapes.bytes instanceof Uint8Array, shapes.bytes.length);
          console.log(JSON.stringify(exports.exporter.echo(1, 'two', [3], { four: 4 }, null)));
        `,
      },
    });
    await caller.sim.ensure('exporter');
    await caller.sim.ensure('caller');
    expect(caller.printed('caller')).toEqual([
      '{"greeter":{"name":"g"},"when":{},"map":{},"set":{},"nothing":null,"bytes":{"0":1,"1":2}}',
      'undefined true 2',
      '[1,"two",[3],{"four":4},null]',
    ]);
    expect(caller.errors).toEqual([]);
  });

  it('are found through the __cfx_export_<resource>_<name> event, which any resource can answer', async () => {
    const { sim, printed, errors } = await run({
      provider: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        // Registering the raw handler is exactly what exports() does under the hood.
        'server.js': `on('__cfx_export_provider_manual', (setCallback) => setCallback((x) => 'manual ' + x));`,
      },
      caller: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `console.log(exports.provider.manual('call'));
          try { exports.provider.missing(); } catch (e) { console.log(e.message); }
          try { exports.nobody.anything(); } catch (e) { console.log(e.message); }`,
      },
    });
    await sim.ensure('provider');
    await sim.ensure('caller');
    expect(printed('caller')).toEqual([
      'manual call',
      'No such export missing in resource provider',
      'No such export anything in resource nobody',
    ]);
    expect(errors).toEqual([]);
  });

  it('wrap errors thrown by the export, naming export and resource', async () => {
    const { sim, printed } = await run({
      exporter,
      caller: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `try { exports.exporter.throws(); } catch (e) { console.log(e.message); }`,
      },
    });
    await sim.ensure('exporter');
    await sim.ensure('caller');
    expect(printed('caller')).toEqual([
      'An error occurred while calling export throws of resource exporter - boom - see above for details',
    ]);
  });

  it('return a Promise to JS callers when the export is async, rejected when it throws', async () => {
    const { sim, printed } = await run({
      exporter,
      caller: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `(async () => {
          const pending = exports.exporter.double(21);
          console.log(typeof pending.then);
          console.log(await pending);
          try { await exports.exporter.rejects(); } catch (e) { console.log('rejected: ' + e.message); }
        })();`,
      },
    });
    await sim.ensure('exporter');
    await sim.ensure('caller');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(printed('caller')).toEqual(['function', '42', 'rejected: nope']);
  });

  it('see GetInvokingResource() as the caller only before the first await', async () => {
    const { sim, printed } = await run({
      exporter,
      caller: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `(async () => {
          console.log(exports.exporter.invoker());
          console.log(JSON.stringify(await exports.exporter.invokerAfterAwait()));
          console.log(String(GetInvokingResource()));
        })();`,
      },
    });
    await sim.ensure('exporter');
    await sim.ensure('caller');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(printed('caller')).toEqual(['caller', '["caller",null]', 'null']);
  });

  it('are looked up again after the exporting resource restarts', async () => {
    const { sim, printed, errors } = await run({
      exporter,
      caller: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `RegisterCommand('callit', () => console.log(exports.exporter.invoker()), false);`,
      },
    });
    await sim.ensure('exporter');
    await sim.ensure('caller');
    sim.executeCommand('callit', 0);
    await sim.restart('exporter');
    sim.executeCommand('callit', 0);
    await sim.stop('exporter');
    sim.executeCommand('callit', 0);
    expect(printed('caller')).toEqual(['caller', 'caller']);
    expect(errors.map((e) => e.text.split('\n')[0])).toEqual([
      'SCRIPT ERROR in command callit: Error: No such export invoker in resource exporter',
    ]);
  });
});

describe('function references', () => {
  v8.setFlagsFromString('--expose-gc');
  const collectGarbage = vm.runInNewContext('gc') as () => void;

  it('are freed once every callable made of them in JS or Lua is collected, and live while one is held', async () => {
    const { sim, printed, errors } = await run({
      'js-taker': {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `let kept; exports('take', (cb) => (kept = cb)()); RegisterCommand('jskept', () => console.log('js kept ' + kept()), false);`,
      },
      'lua-taker': {
        'fxmanifest.lua': manifest(`server_script 'server.lua'`),
        'server.lua': `local kept
          exports('take', function(cb) kept = cb return cb() end)
          RegisterCommand('luakept', function() collectgarbage() print('lua kept ' .. kept()) end, false)`,
      },
      giver: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `let sum = 0;
          for (let n = 1; n <= 100; n++) sum += exports['js-taker'].take(() => n) + exports['lua-taker'].take(() => n);
          console.log('sum ' + sum);`,
      },
    });
    for (const name of ['js-taker', 'lua-taker', 'giver']) await sim.ensure(name);
    sim.executeCommand('jskept', 0);
    sim.executeCommand('luakept', 0);
    for (let round = 0; round < 3; round++) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [giver] = sim.server.runtimesOf('giver');
    // Of the 200 callbacks passed out, the two the takers still hold are left, and still answer.
    expect(giver!.liveRefs).toBe(2);
    sim.executeCommand('jskept', 0);
    sim.executeCommand('luakept', 0);
    expect([...printed('giver'), ...printed('js-taker'), ...printed('lua-taker')]).toEqual(['sum 10100', 'js kept 100', 'js kept 100', 'lua kept 100', 'lua kept 100']);
    expect(errors).toEqual([]);
  });
});
