import { describe, expect, it } from 'vitest';
import { eventually, manifest, simulationPerTest } from '../support/simulation.js';

const run = simulationPerTest();

const both = (server: string, client: string) => ({
  'fxmanifest.lua': manifest(`server_script 'server.js'`, `client_script 'client.js'`),
  'server.js': server,
  'client.js': client,
});

describe('net events', () => {
  it('give the handler `source` as the sender id, reset once its synchronous part is over', async () => {
    const { sim, printed } = await run({
      game: both(
        `onNet('hello', async (text) => {
           console.log('sync ' + source + ' ' + text);
           await null;
           console.log('after await ' + source);
         });`,
        `RegisterCommand('hi', () => emitNet('hello', 'there'), false);`,
      ),
    });
    await sim.ensure('game');
    await sim.connectPlayer();
    const second = await sim.connectPlayer();
    second.executeCommand('hi');
    await sim.network.idle();
    await eventually(() => expect(printed('game')).toEqual(['sync 2 there', 'after await null']));
  });

  it('reach only handlers registered with onNet/RegisterNetEvent; others print "was not safe for net"', async () => {
    const { sim, printed } = await run({
      game: both(
        `on('localOnly', () => console.log('ran localOnly'));
         RegisterNetEvent('declared');
         on('declared', () => console.log('ran declared'));`,
        `RegisterCommand('send', () => { emitNet('localOnly'); emitNet('declared'); }, false);`,
      ),
    });
    await sim.ensure('game');
    const player = await sim.connectPlayer();
    player.executeCommand('send');
    await sim.network.idle();
    expect(printed('game')).toEqual(['Event localOnly was not safe for net', 'ran declared']);
  });

  it('from the server reach one client, or every client with -1', async () => {
    const { sim, logs } = await run({
      game: both(
        `RegisterCommand('tell', (src, args) => emitNet('told', Number(args[0]), args[1]), true);`,
        `onNet('told', (text) => console.log('got ' + text));`,
      ),
    });
    await sim.ensure('game');
    await sim.connectPlayer();
    await sim.connectPlayer();
    sim.executeCommand('tell 2 one', 0);
    sim.executeCommand('tell -1 all', 0);
    await sim.network.idle();
    const received = logs.filter((e) => e.text.startsWith('got ')).map((e) => `${e.playerId}:${e.text}`);
    expect(received.sort()).toEqual(['1:got all', '2:got all', '2:got one']);
  });

  it('past 200 in a burst are dropped, and past the flood limit the player is dropped', async () => {
    const { sim, printed } = await run({
      game: both(
        `let count = 0; onNet('ping', () => count++);
         RegisterCommand('count', () => console.log('received ' + count), false);
         on('playerDropped', (reason) => console.log('dropped ' + source + ': ' + reason));`,
        `RegisterCommand('spam', (src, args) => { for (let i = 0; i < Number(args[0]); i++) emitNet('ping'); }, false);`,
      ),
    });
    await sim.ensure('game');
    const player = await sim.connectPlayer();
    player.executeCommand('spam 250');
    await sim.network.idle();
    sim.executeCommand('count', 0);
    expect(printed('game')).toEqual(['received 200']);
    expect(sim.players.has(player.id)).toBe(true);
    player.executeCommand('spam 400');
    await sim.network.idle();
    expect(sim.players.has(player.id)).toBe(false);
    expect(printed('game').at(-1)).toBe('dropped 1: Reliable network event overflow.');
  });

  it('past 384 KiB in a burst drop the player for size overflow', async () => {
    const { sim, printed } = await run({
      game: both(
        `onNet('blob', (data) => console.log('blob ' + data.length));
         on('playerDropped', (reason) => console.log('dropped: ' + reason));`,
        `RegisterCommand('send', (src, args) => emitNet('blob', 'x'.repeat(Number(args[0]))), false);`,
      ),
    });
    await sim.ensure('game');
    const player = await sim.connectPlayer();
    player.executeCommand('send 300000');
    await sim.network.idle();
    player.executeCommand('send 100000');
    await sim.network.idle();
    expect(printed('game')).toEqual(['blob 300000', 'dropped: Reliable network event size overflow: blob']);
  });
});

describe('lifecycle events', () => {
  it('onResourceStart/onResourceStop reach every resource, with the resource name', async () => {
    const { sim, printed } = await run({
      watcher: {
        'fxmanifest.lua': manifest(`server_script 'server.js'`),
        'server.js': `on('onResourceStart', (name) => console.log('start ' + name));
                      on('onResourceStop', (name) => console.log('stop ' + name));`,
      },
      other: { 'fxmanifest.lua': manifest() },
    });
    await sim.ensure('watcher');
    await sim.ensure('other');
    await sim.restart('other');
    await sim.stop('watcher');
    expect(printed('watcher')).toEqual(['start watcher', 'start other', 'stop other', 'start other', 'stop watcher']);
  });

  it('playerDropped runs with the player as source, and their client scripts stop', async () => {
    const { sim, printed } = await run({
      game: both(
        `on('playerDropped', (reason) => console.log('dropped ' + source + ' ' + reason + ' ' + GetPlayerName(source)));`,
        `setTick(() => {});`,
      ),
    });
    await sim.ensure('game');
    const player = await sim.connectPlayer({ name: 'Ana' });
    expect(sim.ticks.active('game', player.id)).toBe(1);
    await sim.dropPlayer(player.id, 'Exiting');
    expect(printed('game')).toEqual(['dropped 1 Exiting Ana']);
    expect(sim.ticks.active('game', player.id)).toBe(0);
    expect(player.client.runtimesOf('game')).toEqual([]);
  });
});
