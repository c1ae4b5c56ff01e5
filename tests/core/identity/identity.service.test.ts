import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Character, CharacterEvents, FrameworkBridge } from '../../../core/server/identity/bridge';
import type { OnlinePhone } from '../../../core/server/identity/identity';
import { startIdentity, type IdentityService } from '../../../core/server/identity/identity.service';
import { coreMigrations } from '../../../core/server/storage/core.migrations';
import type { Database } from '../../../sdk/server/database';
import { createDriverDatabase } from '../../../core/server/storage/driver-database';
import { migrate } from '../../../core/server/storage/migrations';

/** The service's database, whose next statement can be held to keep a phone lookup awaiting. */
interface TestDatabase extends Database {
  /** Holds the next statement until `release()`; resolves once it is being held. */
  hold(): Promise<void>;
  release(): void;
  /** Resolves once no statement is running and what followed them has run. */
  settled(): Promise<void>;
  phoneOf(identifier: string): Promise<string | undefined>;
  close(): Promise<void>;
}

async function openDatabase(): Promise<TestDatabase> {
  const db = await createDriverDatabase('');
  await migrate(db, 'core', coreMigrations);
  let holding: (() => void) | undefined;
  let running = 0;
  const held: (() => void)[] = [];
  const statement = async <T,>(run: () => Promise<T>): Promise<T> => {
    running++;
    try {
      if (holding) {
        const heldNow = holding;
        holding = undefined;
        await new Promise<void>((resolve) => {
          held.push(resolve);
          heldNow();
        });
      }
      return await run();
    } finally {
      running--;
    }
  };
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return {
    dialect: db.dialect,
    transaction: (work) => db.transaction(work),
    batch: (statements) => db.batch(statements),
    select: (sql, values) => statement(() => db.select(sql, values)),
    run: (sql, values) => statement(() => db.run(sql, values)),
    hold: () => new Promise<void>((resolve) => (holding = resolve)),
    release: () => held.shift()?.(),
    async settled() {
      for (let quiet = 0; quiet < 3; quiet = running === 0 ? quiet + 1 : 0) await tick();
    },
    async phoneOf(identifier) {
      const [row] = await db.select<{ phone_number: string }>(
        'SELECT phone_number FROM handset_core_phones WHERE identifier = ?',
        [identifier],
      );
      return row?.phone_number;
    },
    close: () => db.close(),
  };
}

/** A framework whose characters the test sets, and whose events the test fires. */
function fakeBridge(characters: Map<number, Character | Promise<Character | null>> = new Map()) {
  let listening: CharacterEvents | undefined;
  const bridge: FrameworkBridge & { events(): CharacterEvents } = {
    name: 'qbox',
    current: async (source) => (await characters.get(source)) ?? null,
    listen: (events) => void (listening = events),
    events() {
      if (!listening) throw new Error('the service has not listened yet');
      return listening;
    },
  };
  return bridge;
}

/** The CitizenFX globals the service uses, over a fake server with `players` connected. */
function fakeServer(players: number[] = []) {
  const handlers = new Map<string, (() => void)[]>();
  vi.stubGlobal('on', (name: string, handler: () => void) => handlers.set(name, [...(handlers.get(name) ?? []), handler]));
  vi.stubGlobal('removeEventListener', (name: string, handler: () => void) =>
    handlers.set(name, (handlers.get(name) ?? []).filter((h) => h !== handler)),
  );
  vi.stubGlobal('GetNumPlayerIndices', () => players.length);
  vi.stubGlobal('GetPlayerFromIndex', (index: number) => String(players[index]));
  return {
    /** As FXServer: `source` is the dropped player while the handlers run. */
    drop(player: number) {
      vi.stubGlobal('source', player);
      for (const handler of handlers.get('playerDropped') ?? []) handler();
      vi.stubGlobal('source', null);
    },
    handlerCount: (name: string) => handlers.get(name)?.length ?? 0,
  };
}

function record(service: IdentityService) {
  const heard: [string, OnlinePhone][] = [];
  service.subscribe({
    loaded: (phone) => heard.push(['loaded', phone]),
    unloaded: (phone) => heard.push(['unloaded', phone]),
  });
  return heard;
}

const ana: Character = { identifier: 'ANA11111', job: 'police', grade: 2 };
const bob: Character = { identifier: 'BOB22222', job: null, grade: 0 };

let db: TestDatabase;
let services: IdentityService[] = [];
beforeEach(async () => {
  db = await openDatabase();
});
afterEach(async () => {
  for (const service of services) service.stop();
  services = [];
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await db.close();
});

async function start(bridge = fakeBridge(), numberFormat = '555-###-####') {
  const service = await startIdentity({ db, bridge, numberFormat });
  services.push(service);
  return service;
}

describe('the identity service', () => {
  it('maps a loaded character to its phone both ways, and tells its listeners', async () => {
    fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const heard = record(service);
    bridge.events().loaded(1, ana);
    await db.settled();
    const number = await db.phoneOf(ana.identifier);
    const phone = { id: 1, identifier: 'ANA11111', number, source: 1, job: 'police', grade: 2 };
    expect(number).toMatch(/^555\d{7}$/);
    expect(service.phoneOf(1)).toEqual(phone);
    expect(service.byNumber(number!)).toEqual(phone);
    expect(service.byNumber(`${number!.slice(0, 3)}-${number!.slice(3, 6)}-${number!.slice(6)}`)).toEqual(phone);
    expect(service.online()).toEqual([phone]);
    expect(heard).toEqual([['loaded', phone]]);
    expect(service.phoneOf(2)).toBeUndefined();
    expect(service.byNumber('5550000000')).toBeUndefined();
  });

  it('follows job and grade changes without a load or unload', async () => {
    fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const heard = record(service);
    bridge.events().loaded(1, ana);
    await db.settled();
    bridge.events().jobChanged(1, 'police', 3);
    expect(service.phoneOf(1)).toMatchObject({ job: 'police', grade: 3 });
    bridge.events().jobChanged(1, 'ambulance', 1);
    expect(service.phoneOf(1)).toMatchObject({ job: 'ambulance', grade: 1 });
    expect(service.byNumber(service.phoneOf(1)!.number)).toMatchObject({ job: 'ambulance', grade: 1 });
    bridge.events().jobChanged(1, null, 0);
    expect(service.phoneOf(1)).toMatchObject({ job: null, grade: 0 });
    expect(heard.map(([event]) => event)).toEqual(['loaded']);
  });

  it('swaps the phone on a character switch: the old number maps nobody, and switching back brings it back', async () => {
    fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const heard = record(service);
    bridge.events().loaded(1, ana);
    await db.settled();
    const anaPhone = service.phoneOf(1)!;

    bridge.events().unloaded(1);
    expect(service.phoneOf(1)).toBeUndefined();
    expect(service.byNumber(anaPhone.number)).toBeUndefined();
    bridge.events().loaded(1, bob);
    await db.settled();
    const bobPhone = service.phoneOf(1)!;
    expect(bobPhone).toEqual({ id: 2, identifier: 'BOB22222', number: await db.phoneOf('BOB22222'), source: 1, job: null, grade: 0 });
    expect(bobPhone.number).not.toBe(anaPhone.number);
    expect(service.byNumber(anaPhone.number)).toBeUndefined();

    bridge.events().unloaded(1);
    bridge.events().loaded(1, ana);
    await db.settled();
    expect(service.phoneOf(1)).toEqual(anaPhone);
    expect(service.byNumber(bobPhone.number)).toBeUndefined();
    expect(heard).toEqual([
      ['loaded', anaPhone],
      ['unloaded', anaPhone],
      ['loaded', bobPhone],
      ['unloaded', bobPhone],
      ['loaded', anaPhone],
    ]);
  });

  it('treats a load with no logout before it as a switch: unloaded first, then loaded', async () => {
    fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const heard = record(service);
    bridge.events().loaded(1, ana);
    await db.settled();
    bridge.events().loaded(1, bob);
    expect(service.phoneOf(1)).toBeUndefined();
    await db.settled();
    expect(service.phoneOf(1)?.identifier).toBe('BOB22222');
    expect(heard.map(([event, phone]) => [event, phone.identifier])).toEqual([
      ['loaded', 'ANA11111'],
      ['unloaded', 'ANA11111'],
      ['loaded', 'BOB22222'],
    ]);
  });

  it('forgets a dropped player, and only them', async () => {
    const server = fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const heard = record(service);
    bridge.events().loaded(1, ana);
    bridge.events().loaded(2, bob);
    await db.settled();
    const anaPhone = service.phoneOf(1)!;
    server.drop(1);
    expect(service.phoneOf(1)).toBeUndefined();
    expect(service.byNumber(anaPhone.number)).toBeUndefined();
    expect(service.online().map((phone) => phone.source)).toEqual([2]);
    expect(heard.at(-1)).toEqual(['unloaded', anaPhone]);
    server.drop(7);
    expect(heard).toHaveLength(3);
  });

  it('rebuilds the map of the players already online before it resolves (a restart)', async () => {
    fakeServer([1, 2, 3]);
    await start(fakeBridge(new Map([[1, ana], [3, bob]])));
    const anaNumber = await db.phoneOf(ana.identifier);
    services.pop()!.stop();

    const restarted = await start(fakeBridge(new Map([[1, ana], [3, bob]])));
    expect(restarted.online()).toEqual([
      { id: 1, identifier: 'ANA11111', number: anaNumber, source: 1, job: 'police', grade: 2 },
      { id: 2, identifier: 'BOB22222', number: await db.phoneOf(bob.identifier), source: 3, job: null, grade: 0 },
    ]);
    expect(restarted.phoneOf(2)).toBeUndefined();
  });

  it('looks any phone up in the database by number, online or not', async () => {
    fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    bridge.events().loaded(1, ana);
    await db.settled();
    const number = service.phoneOf(1)!.number;
    bridge.events().unloaded(1);
    await expect(service.findByNumber(`(${number.slice(0, 3)}) ${number.slice(3)}`)).resolves.toEqual({
      id: 1,
      identifier: 'ANA11111',
      number,
    });
    await expect(service.findByNumber('5550000000')).resolves.toBeUndefined();
    await expect(service.findByNumber('no digits')).resolves.toBeUndefined();
  });

  it('unsubscribes, and keeps telling the other listeners when one throws', async () => {
    fakeServer();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bridge = fakeBridge();
    const service = await start(bridge);
    const unsubscribe = service.subscribe({ loaded: () => { throw new Error('listener bug'); }, unloaded: () => undefined });
    const heard = record(service);
    const gone: string[] = [];
    service.subscribe({ loaded: (phone) => gone.push(phone.identifier), unloaded: () => undefined })();
    bridge.events().loaded(1, ana);
    await db.settled();
    expect(heard.map(([event]) => event)).toEqual(['loaded']);
    expect(gone).toEqual([]);
    expect(logged).toHaveBeenCalledWith('an identity listener failed on loaded of player 1:', expect.any(Error));
    unsubscribe();
    bridge.events().unloaded(1);
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('logs a character whose phone cannot be created, and leaves that player without one', async () => {
    fakeServer();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bridge = fakeBridge();
    const service = await start(bridge, '555-0001');
    bridge.events().loaded(1, ana);
    bridge.events().loaded(2, bob);
    await db.settled();
    expect(service.phoneOf(1)).toMatchObject({ identifier: 'ANA11111', number: '5550001' });
    expect(service.phoneOf(2)).toBeUndefined();
    expect(logged).toHaveBeenCalledWith(
      'could not load the phone of player 2:',
      expect.objectContaining({ name: 'PhoneNumbersExhaustedError' }),
    );
  });

  it('stops: forgets every phone, stops hearing drops and ignores later framework events', async () => {
    const server = fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const heard = record(service);
    bridge.events().loaded(1, ana);
    await db.settled();
    expect(server.handlerCount('playerDropped')).toBe(1);
    service.stop();
    expect(server.handlerCount('playerDropped')).toBe(0);
    expect(service.online()).toEqual([]);
    bridge.events().loaded(2, bob);
    await db.settled();
    expect(service.phoneOf(2)).toBeUndefined();
    expect(heard.map(([event]) => event)).toEqual(['loaded']);
  });
});

describe('the identity service, while a phone lookup is still awaiting the database', () => {
  it('never maps the previous character after a switch, even when its lookup finishes last', async () => {
    fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const heard = record(service);
    const held = db.hold();
    bridge.events().loaded(1, ana);
    await held;
    bridge.events().unloaded(1);
    bridge.events().loaded(1, bob);
    await vi.waitFor(() => expect(service.phoneOf(1)?.identifier).toBe('BOB22222'));
    db.release();
    await db.settled();
    expect(service.phoneOf(1)?.identifier).toBe('BOB22222');
    expect(service.online()).toHaveLength(1);
    expect(heard.map(([event, phone]) => [event, phone.identifier])).toEqual([['loaded', 'BOB22222']]);
  });

  it('never maps a player who dropped meanwhile', async () => {
    const server = fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const heard = record(service);
    const held = db.hold();
    bridge.events().loaded(1, ana);
    await held;
    server.drop(1);
    db.release();
    await db.settled();
    expect(await db.phoneOf(ana.identifier)).toMatch(/^555\d{7}$/);
    expect(service.phoneOf(1)).toBeUndefined();
    expect(service.online()).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('never maps a character logged out meanwhile', async () => {
    fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const held = db.hold();
    bridge.events().loaded(1, ana);
    await held;
    bridge.events().unloaded(1);
    db.release();
    await db.settled();
    expect(service.online()).toEqual([]);
  });

  it('keeps a job change heard meanwhile', async () => {
    fakeServer();
    const bridge = fakeBridge();
    const service = await start(bridge);
    const held = db.hold();
    bridge.events().loaded(1, ana);
    await held;
    bridge.events().jobChanged(1, 'ambulance', 1);
    db.release();
    await db.settled();
    expect(service.phoneOf(1)).toMatchObject({ job: 'ambulance', grade: 1 });
  });

  it('lets a load heard during the restart rebuild win over what the rebuild read', async () => {
    fakeServer([1]);
    let answer: (character: Character) => void = () => undefined;
    const bridge = fakeBridge(new Map([[1, new Promise<Character>((resolve) => (answer = resolve))]]));
    const starting = startIdentity({ db, bridge, numberFormat: '555-###-####' });
    bridge.events().loaded(1, bob);
    answer(ana);
    const service = await starting;
    services.push(service);
    await db.settled();
    expect(service.online().map((phone) => phone.identifier)).toEqual(['BOB22222']);
  });
});
