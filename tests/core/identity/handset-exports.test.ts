import { describe, expect, it } from 'vitest';
import { openSqlite, handsetPerTest, type HandsetSimulation } from '../../support/handset';
import { eventually, manifest } from '../../support/simulation';
import { driver, driverResource, FRAMEWORKS, shared } from './frameworks';

// The built handset resource, as a server runs it: `set handset:framework`, and other resources asking its exports.
// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();
let simulation: HandsetSimulation | undefined;

const EXPORTS = `
  phoneNumber: (source) => exports.handset.getPhoneNumber(source),
  sourceByNumber: (number) => exports.handset.getSourceByNumber(number),`;

interface Asking {
  phoneNumber(source: number): string | null;
  sourceByNumber(number: string): number | null;
}

async function restartHandset(running: HandsetSimulation) {
  const started = () => running.printed('handset').filter((line) => /^Handset \S+ started$/.test(line)).length;
  const before = started();
  await running.sim.restart('handset');
  await eventually(() => expect(started()).toBe(before + 1), 10_000);
}

describe.each(FRAMEWORKS)('Handset with handset:framework $bridge, on the $resource stand-in', (framework) => {
  it('answers getPhoneNumber and getSourceByNumber across load, switch, switch back, restart and drop', async () => {
    simulation = await startHandset({
      database: await openSqlite(),
      convars: { 'handset:framework': framework.bridge },
      before: [framework.resource],
      resources: { driver: driverResource(framework, EXPORTS) },
    });
    const { sim, errors } = simulation;
    const ask = driver() as unknown as Asking;
    const player = await sim.connectPlayer();
    await sim.network.idle();
    expect(ask.phoneNumber(player.id)).toBeNull();

    await driver().load(player.id, 'ana');
    await eventually(() => expect(ask.phoneNumber(player.id)).toMatch(/^555\d{7}$/));
    const ana = ask.phoneNumber(player.id)!;
    expect(ask.sourceByNumber(ana)).toBe(player.id);
    expect(ask.sourceByNumber(`${ana.slice(0, 3)}-${ana.slice(3, 6)}-${ana.slice(6)}`)).toBe(player.id);

    await driver().logout(player.id);
    await eventually(() => expect(ask.phoneNumber(player.id)).toBeNull());
    expect(ask.sourceByNumber(ana)).toBeNull();
    await driver().load(player.id, 'bob');
    await eventually(() => expect(ask.phoneNumber(player.id)).toMatch(/^555\d{7}$/));
    const bob = ask.phoneNumber(player.id)!;
    expect(bob).not.toBe(ana);
    expect(ask.sourceByNumber(bob)).toBe(player.id);
    expect(ask.sourceByNumber(ana)).toBeNull();

    await driver().logout(player.id);
    await eventually(() => expect(ask.phoneNumber(player.id)).toBeNull());
    await driver().load(player.id, 'ana');
    await eventually(() => expect(ask.phoneNumber(player.id)).toBe(ana));
    expect(ask.sourceByNumber(bob)).toBeNull();

    await restartHandset(simulation);
    expect(ask.phoneNumber(player.id)).toBe(ana);
    expect(ask.sourceByNumber(ana)).toBe(player.id);

    await sim.dropPlayer(player.id);
    expect(ask.phoneNumber(player.id)).toBeNull();
    expect(ask.sourceByNumber(ana)).toBeNull();
    expect(errors).toEqual([]);
  });
});

describe('Handset with handset:framework standalone', () => {
  it('gives each license its phone on join, the same one back after a rejoin, and rebuilds on restart', async () => {
    simulation = await startHandset({
      database: await openSqlite(),
      convars: { 'handset:framework': 'standalone' },
      resources: {
        asking: {
          'fxmanifest.lua': manifest(`server_script 'server.js'`),
          'server.js': `process.handsetAsking = { ${EXPORTS} };`,
        },
      },
    });
    const { sim, errors } = simulation;
    const ask = shared<Asking>('handsetAsking');
    const license = `license:${'b'.repeat(40)}`;
    const first = await sim.connectPlayer({ identifiers: [license] });
    const other = await sim.connectPlayer();
    await eventually(() => expect(ask.phoneNumber(first.id)).toMatch(/^555\d{7}$/));
    await eventually(() => expect(ask.phoneNumber(other.id)).toMatch(/^555\d{7}$/));
    const number = ask.phoneNumber(first.id)!;
    expect(ask.phoneNumber(other.id)).not.toBe(number);
    expect(ask.sourceByNumber(number)).toBe(first.id);

    await sim.dropPlayer(first.id);
    expect(ask.sourceByNumber(number)).toBeNull();
    const back = await sim.connectPlayer({ identifiers: [license] });
    await eventually(() => expect(ask.phoneNumber(back.id)).toBe(number));
    expect(ask.sourceByNumber(number)).toBe(back.id);

    await restartHandset(simulation);
    expect(ask.sourceByNumber(number)).toBe(back.id);
    expect(ask.phoneNumber(other.id)).toMatch(/^555\d{7}$/);
    expect(errors).toEqual([]);
  });
});
