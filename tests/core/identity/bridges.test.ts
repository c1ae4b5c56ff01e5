import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OnlinePhone } from '../../../core/server/identity/identity';
import type { Simulator } from '../../simulator/simulator';
import { repoRoot } from '../../support/handset';
import { eventually, simulationPerTest, type ResourceFiles } from '../../support/simulation';
import { driver, driverResource, FRAMEWORKS, type Framework } from './frameworks';
import { harness, HARNESS, harnessResource } from './harness';

const run = simulationPerTest();
const standIns = path.join(repoRoot, 'tests/simulator/resources');

/** The identity harness on oxmysql (SQLite) with `handset:framework` set, after the given stand-ins. */
async function start(convar: string, before: string[], framework?: Framework) {
  const resources: Record<string, ResourceFiles> = { [HARNESS]: await harnessResource() };
  if (framework) resources.driver = driverResource(framework);
  const simulation = await run(resources, { systemResourceDirs: [standIns] });
  const { sim } = simulation;
  sim.convars.set('mysql_connection_string', 'sqlite::memory:');
  sim.convars.set('handset:framework', convar);
  await sim.ensure('oxmysql');
  for (const name of before) await sim.ensure(name);
  if (framework) await sim.ensure('driver');
  await sim.ensure(HARNESS);
  return { ...simulation, ...(await harness()) };
}

/** Connects a player and lets the frameworks' client scripts reach the server (ox_core's joins the user). */
async function connect(sim: Simulator) {
  const player = await sim.connectPlayer();
  await sim.network.idle();
  return player;
}

const phoneShape = (identifier: string, source: number, job: string | null) => ({
  id: expect.any(Number),
  identifier,
  number: expect.stringMatching(/^555\d{7}$/),
  source,
  job,
  grade: 0,
});

const bySource = (phones: OnlinePhone[]) => [...phones].sort((a, b) => a.source - b.source);

describe.each(FRAMEWORKS)('the $bridge bridge, on the $resource stand-in', (framework) => {
  const setup = () => start(framework.bridge, [framework.resource], framework);

  /** Loads `name` for `source` and resolves to the phone once the service has it. */
  async function loadPhone(identity: Awaited<ReturnType<typeof setup>>['identity'], source: number, name: string) {
    const identifier = await driver().load(source, name);
    await eventually(() => expect(identity.phoneOf(source)?.identifier).toBe(identifier));
    return identity.phoneOf(source)!;
  }

  it('gives a player no phone in the character menu, then the loaded character’s phone', async () => {
    const { sim, identity, heard, errors } = await setup();
    const player = await connect(sim);
    expect(identity.phoneOf(player.id)).toBeUndefined();
    const identifier = await driver().load(player.id, 'ana');
    expect(identifier).toMatch(framework.identifier(player.identifiers[0]!));
    await eventually(() => expect(identity.phoneOf(player.id)).toEqual(phoneShape(identifier, player.id, framework.noJob)));
    const phone = identity.phoneOf(player.id)!;
    expect(identity.byNumber(phone.number)).toEqual(phone);
    expect(heard).toEqual([['loaded', phone]]);
    expect(errors).toEqual([]);
  });

  it('follows the character’s job and grade changes', async () => {
    const { sim, identity, heard, errors } = await setup();
    const player = await connect(sim);
    const phone = await loadPhone(identity, player.id, 'ana');
    await driver().setJob(player.id, 'police');
    await eventually(() => expect(identity.phoneOf(player.id)).toEqual({ ...phone, job: 'police', grade: 1 }));
    expect(identity.byNumber(phone.number)?.job).toBe('police');
    await driver().clearJob(player.id);
    await eventually(() => expect(identity.phoneOf(player.id)).toEqual({ ...phone, job: framework.noJob, grade: 0 }));
    expect(heard.map(([event]) => event)).toEqual(['loaded']);
    expect(errors).toEqual([]);
  });

  it('swaps the phone on a character switch, and gives the same number back on switching back', async () => {
    const { sim, identity, heard, errors } = await setup();
    const player = await connect(sim);
    const ana = await loadPhone(identity, player.id, 'ana');
    await driver().setJob(player.id, 'police');
    await eventually(() => expect(identity.phoneOf(player.id)?.job).toBe('police'));
    const anaWorking = identity.phoneOf(player.id)!;

    await driver().logout(player.id);
    expect(identity.phoneOf(player.id)).toBeUndefined();
    expect(identity.byNumber(ana.number)).toBeUndefined();
    const bob = await loadPhone(identity, player.id, 'bob');
    expect(bob).toEqual(phoneShape(bob.identifier, player.id, framework.noJob));
    expect(bob.identifier).not.toBe(ana.identifier);
    expect(bob.number).not.toBe(ana.number);
    expect(identity.byNumber(ana.number)).toBeUndefined();

    await driver().logout(player.id);
    await eventually(() => expect(identity.phoneOf(player.id)).toBeUndefined());
    expect(await loadPhone(identity, player.id, 'ana')).toEqual(anaWorking);
    expect(identity.byNumber(bob.number)).toBeUndefined();
    expect(identity.byNumber(ana.number)?.source).toBe(player.id);
    expect(heard).toEqual([
      ['loaded', ana],
      ['unloaded', anaWorking],
      ['loaded', bob],
      ['unloaded', bob],
      ['loaded', anaWorking],
    ]);
    expect(errors).toEqual([]);
  });

  it('takes the phone away on logout', async () => {
    const { sim, identity, heard, errors } = await setup();
    const player = await connect(sim);
    const phone = await loadPhone(identity, player.id, 'ana');
    await driver().logout(player.id);
    expect(identity.phoneOf(player.id)).toBeUndefined();
    expect(identity.byNumber(phone.number)).toBeUndefined();
    expect(identity.online()).toEqual([]);
    expect(heard).toEqual([
      ['loaded', phone],
      ['unloaded', phone],
    ]);
    expect(errors).toEqual([]);
  });

  it.runIf(framework.bridge === 'ox_core')('deletes the phone of a character ox_core deleted, with everything that goes with it', async () => {
    const { sim, identity, errors } = await setup();
    const player = await connect(sim);
    const phone = await loadPhone(identity, player.id, 'ana');
    driver().deleteCharacter!(player.id);
    await eventually(async () => expect(await identity.findByIdentifier(phone.identifier)).toBeUndefined());
    expect(identity.phoneOf(player.id)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it.runIf(framework.bridge === 'qbcore')(
    'deletes the phone of a character qb-core deleted: the delete button, /deletechar, and while Handset was not running',
    async () => {
      const { sim, identity, errors, printed } = await setup();
      const [first, second, third] = [await connect(sim), await connect(sim), await connect(sim)];
      const [ana, bob, cal] = [await loadPhone(identity, first.id, 'ana'), await loadPhone(identity, second.id, 'bob'), await loadPhone(identity, third.id, 'cal')];
      const kept = await loadPhone(identity, first.id, 'dan');
      const exists = async (phone: OnlinePhone) => (await identity.findByIdentifier(phone.identifier)) !== undefined;

      await driver().logout(first.id);
      await loadPhone(identity, first.id, 'ana');
      await driver().deleteCharacter!(first.id);
      await eventually(async () => expect(await exists(ana)).toBe(false));

      sim.executeCommand(`deletechar ${bob.identifier}`, 0);
      await eventually(async () => expect(await exists(bob)).toBe(false));
      expect(identity.phoneOf(second.id)).toBeUndefined();

      // A row deleted with no log line (by hand, or while Handset was stopped) is found when Handset starts.
      await driver().deleteRow!(cal.identifier);
      expect(await exists(cal)).toBe(true);
      await sim.restart(HARNESS);
      const { identity: restarted } = await harness();
      await eventually(async () => expect(await restarted.findByIdentifier(cal.identifier)).toBeUndefined());
      expect(await restarted.findByIdentifier(kept.identifier)).toMatchObject({ id: kept.id });
      expect(printed(HARNESS).filter((line) => line.startsWith('deleted the phone'))).toEqual(
        [ana, bob, cal].map((phone) => `deleted the phone of character ${phone.identifier}: players no longer has it`),
      );
      expect(errors).toEqual([]);
    },
  );

  it.runIf(framework.bridge === 'esx')(
    'loses the phone of a character esx_multicharacter deleted: its row has the VARCHAR identifier column ESX deletes from',
    async () => {
      const { sim, identity, errors } = await setup();
      const player = await connect(sim);
      const ana = await loadPhone(identity, player.id, 'ana');
      await driver().logout(player.id);
      const kept = await loadPhone(identity, player.id, 'bob');
      await driver().logout(player.id);
      expect([ana.identifier, kept.identifier]).toEqual([expect.stringMatching(/^char1:/), expect.stringMatching(/^char2:/)]);
      player.executeCommand('menu esx_multicharacter:DeleteCharacter [1]');
      await eventually(async () => expect(await identity.findByIdentifier(ana.identifier)).toBeUndefined());
      expect(await identity.findByIdentifier(kept.identifier)).toMatchObject({ id: kept.id });
      expect(errors).toEqual([]);
    },
  );

  it('forgets the phone of a player who drops, and only theirs', async () => {
    const { sim, identity, heard, errors } = await setup();
    const leaving = await connect(sim);
    const staying = await connect(sim);
    const gone = await loadPhone(identity, leaving.id, 'ana');
    const kept = await loadPhone(identity, staying.id, 'bob');
    await sim.dropPlayer(leaving.id);
    expect(identity.phoneOf(leaving.id)).toBeUndefined();
    expect(identity.byNumber(gone.number)).toBeUndefined();
    expect(identity.online()).toEqual([kept]);
    expect(heard.at(-1)).toEqual(['unloaded', gone]);
    expect(heard.filter(([event]) => event === 'unloaded')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('rebuilds who is on which phone when it restarts', async () => {
    const { sim, identity, errors } = await setup();
    const [working, resting, choosing] = [await connect(sim), await connect(sim), await connect(sim)];
    await loadPhone(identity, working.id, 'ana');
    await driver().setJob(working.id, 'police');
    await loadPhone(identity, resting.id, 'bob');
    await eventually(() => expect(identity.phoneOf(working.id)?.job).toBe('police'));
    const before = bySource(identity.online());
    expect(before).toHaveLength(2);

    await sim.restart(HARNESS);
    const { identity: restarted, heard } = await harness();
    expect(restarted).not.toBe(identity);
    expect(bySource(restarted.online())).toEqual(before);
    expect(restarted.byNumber(before[0]!.number)?.source).toBe(working.id);
    expect(restarted.phoneOf(choosing.id)).toBeUndefined();
    expect(heard).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('the standalone bridge', () => {
  it('gives each player the phone of their license from the moment they join, with no job', async () => {
    const { sim, identity, heard, errors } = await start('standalone', []);
    const first = await sim.connectPlayer();
    const second = await sim.connectPlayer();
    await eventually(() => expect(identity.online()).toHaveLength(2));
    const phone = identity.phoneOf(first.id)!;
    expect(phone).toEqual(phoneShape(first.identifiers[0]!, first.id, null));
    expect(first.identifiers[0]).toMatch(/^license:[0-9a-f]{40}$/);
    expect(identity.phoneOf(second.id)).toEqual(phoneShape(second.identifiers[0]!, second.id, null));
    expect(identity.phoneOf(second.id)!.number).not.toBe(phone.number);
    expect(heard.map(([event, loaded]) => [event, loaded.source])).toEqual([
      ['loaded', first.id],
      ['loaded', second.id],
    ]);
    expect(errors).toEqual([]);
  });

  it('gives a player without a license no phone', async () => {
    const { sim, identity, errors } = await start('standalone', []);
    const player = await sim.connectPlayer({ identifiers: ['ip:127.0.0.1'] });
    await sim.connectPlayer();
    await eventually(() => expect(identity.online()).toHaveLength(1));
    expect(identity.phoneOf(player.id)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('gives a returning license its number back, forgets drops and rebuilds on restart', async () => {
    const { sim, identity, errors } = await start('standalone', []);
    const license = `license:${'a'.repeat(40)}`;
    const first = await sim.connectPlayer({ identifiers: [license] });
    const other = await sim.connectPlayer();
    await eventually(() => expect(identity.online()).toHaveLength(2));
    const number = identity.phoneOf(first.id)!.number;
    await sim.dropPlayer(first.id);
    expect(identity.byNumber(number)).toBeUndefined();

    const back = await sim.connectPlayer({ identifiers: [license] });
    await eventually(() => expect(identity.phoneOf(back.id)?.number).toBe(number));
    const before = bySource(identity.online());
    await sim.restart(HARNESS);
    const { identity: restarted } = await harness();
    expect(bySource(restarted.online())).toEqual(before);
    expect(restarted.byNumber(number)?.source).toBe(back.id);
    expect(restarted.phoneOf(other.id)?.identifier).toBe(other.identifiers[0]);
    expect(errors).toEqual([]);
  });
});

describe('handset:framework auto', () => {
  it.each(FRAMEWORKS)('finds $resource and uses the $bridge bridge', async (framework) => {
    const { sim, identity, printed, errors } = await start('auto', [framework.resource], framework);
    expect(printed(HARNESS)).toEqual([`framework auto: ${framework.resource} is started; using ${framework.bridge}`]);
    const player = await connect(sim);
    const identifier = await driver().load(player.id, 'ana');
    await eventually(() => expect(identity.phoneOf(player.id)).toEqual(phoneShape(identifier, player.id, framework.noJob)));
    expect(errors).toEqual([]);
  });

  it('prefers Qbox when qb-core runs too (Qbox provides qb-core)', async () => {
    const qbox = FRAMEWORKS.find((framework) => framework.bridge === 'qbox')!;
    const { sim, identity, printed, errors } = await start('auto', ['qb-core', 'qbx_core'], qbox);
    expect(printed(HARNESS)).toEqual(['framework auto: qbx_core is started; using qbox']);
    const player = await connect(sim);
    const citizenid = await driver().load(player.id, 'ana');
    await eventually(() => expect(identity.phoneOf(player.id)?.identifier).toBe(citizenid));
    expect(errors).toEqual([]);
  });

  it('falls back to standalone when no framework runs', async () => {
    const { sim, identity, printed, errors } = await start('auto', []);
    expect(printed(HARNESS)).toEqual([
      'framework auto: none of qbx_core, qb-core, es_extended, ox_core is started; using standalone',
    ]);
    const player = await sim.connectPlayer();
    await eventually(() => expect(identity.phoneOf(player.id)?.identifier).toBe(player.identifiers[0]));
    expect(errors).toEqual([]);
  });
});
