import { expect, it } from 'vitest';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { DatabaseError } from '@handset/sdk/server/database';
import { forEachDatabase } from '../../../tests/core/storage/databases';
import { migratePlugin, seedPluginPhones } from '../../../tests/support/plugin-phones';
import { callsMigrations } from './calls.migrations';
import { createCallsRepository } from './calls.repository';
import { CallsService, type StartInput } from './calls.service';
import type { CallView } from './calls.views';
import type { VoiceAdapter } from './voice';

const STARTED = 1_700_000_000_000;

async function codeOf(work: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof work === 'function' ? work() : work);
    return 'resolved';
  } catch (error) {
    return error instanceof HandsetError ? error.code : `not a HandsetError: ${String(error)}`;
  }
}

/** Retries an async check until it passes or `timeoutMs` is over. */
async function until(check: () => Promise<void> | void, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const dial = (number: string, requestId = `r-${number}-${Math.random()}`, fields: Partial<StartInput> = {}): StartInput => ({
  requestId,
  number,
  video: false,
  hideNumber: false,
  ...fields,
});

forEachDatabase((current) => {
  /**
   * Both migrations; phones 1-4 (5550001-5550004), of which 1-3 are played by players 11-13 and 4 is offline;
   * the service over a clock the test moves, and recorders for voice and for what reaches the phones. `contacts`
   * are the names each number gave its contacts, and `lookups` the numbers whose contacts were asked for.
   */
  async function setup(options: { ringMs?: number; hiddenCallsPerMinute?: number; callsPerCalleePerMinute?: number; unreachableSaves?: number } = {}) {
    const db = current();
    await migratePlugin(db, 'phone', callsMigrations);
    const { phones, online } = await seedPluginPhones(db);
    const voice = new Map<number, number>();
    const voiceAdapter: VoiceAdapter = {
      join: (sources, channel) => sources.forEach((source) => voice.set(source, channel)),
      leave: (sources) => sources.forEach((source) => voice.delete(source)),
    };
    const pushes: [number, string, CallView][] = [];
    const presented: [number, string][] = [];
    const missed: [number, CallView][] = [];
    const seen: number[] = [];
    const refusesPresent = new Set<number>();
    const blocked = new Set<string>();
    const contacts = new Map<string, Map<string, string>>();
    const lookups: string[] = [];
    /** Each look-up's owner and the numbers it asked names for. */
    const askedNumbers: [string, string[]][] = [];
    const contactsFail = new Set<string>();
    /** Holds the next look-up of a number until the test releases it. */
    const heldLookups = new Map<string, Promise<void>>();
    const logs: string[] = [];
    const clock = { now: STARTED };
    const repository = createCallsRepository(db);
    // The database refuses this many saves of finished calls, as when it is unreachable.
    let unreachable = options.unreachableSaves ?? 0;
    const service = new CallsService({
      repository: {
        ...repository,
        insert: (records, endedCallId) =>
          unreachable-- > 0 ? Promise.reject(new DatabaseError('unavailable', 'connect ECONNREFUSED 127.0.0.1:3306')) : repository.insert(records, endedCallId),
      },
      phones,
      voice: voiceAdapter,
      signals: {
        push: (source, type, call) => void pushes.push([source, type, call]),
        present: async (source, link) => {
          presented.push([source, link]);
          return !refusesPresent.has(source);
        },
        missed: (source, call) => void missed.push([source, call]),
        missedSeen: (source) => void seen.push(source),
      },
      isBlocked: async (owner, number) => blocked.has(`${owner}:${number}`),
      block: async (owner, number) => {
        blocked.add(`${owner}:${number}`);
        return true;
      },
      contactNames: async (owner, numbers) => {
        lookups.push(owner);
        askedNumbers.push([owner, [...numbers]]);
        const held = heldLookups.get(owner);
        heldLookups.delete(owner);
        await held;
        if (contactsFail.has(owner)) throw new Error('the contacts are not there');
        // Only the numbers asked for, as the Contacts app answers: a view that forgets to ask for one shows no name.
        return new Map([...(contacts.get(owner) ?? [])].filter(([number]) => numbers.includes(number)));
      },
      ringMs: options.ringMs ?? 60_000,
      hiddenCallsPerMinute: options.hiddenCallsPerMinute ?? 600,
      callsPerCalleePerMinute: options.callsPerCalleePerMinute ?? 600,
      log: (message) => void logs.push(message),
      now: () => clock.now,
    });
    const phone = (source: number) => online.get(source)!;
    const records = async (phoneId: number) =>
      (await repository.recents(phoneId, null, 50)).map(({ callId, direction, otherNumber, status, answeredAt, duration, hidden }) => ({
        callId,
        direction,
        otherNumber,
        status,
        answeredAt,
        duration,
        hidden,
      }));
    const pushTypes = (source: number) => pushes.filter(([to]) => to === source).map(([, type, call]) => `${type} ${call.status}`);
    return {
      ...{ db, service, online, phone, voice, pushes, pushTypes, presented, missed, seen, refusesPresent, blocked, logs, clock, records },
      ...{ contacts, lookups, askedNumbers, contactsFail, heldLookups },
    };
  }

  it('rings the callee, joins both in one voice channel when answered, and records a completed call with its duration', async () => {
    const { service, phone, voice, pushes, presented, records, clock, pushTypes } = await setup();
    const dialing = await service.start(phone(11), dial('555-0002', 'req-1'));
    const callId = dialing.callId;
    expect(dialing).toEqual({
      callId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      direction: 'outgoing',
      number: '5550002',
      displayNumber: '555-0002',
      contactName: null,
      hidden: false,
      video: false,
      company: false,
      status: 'dialing',
      startedAt: STARTED,
      answeredAt: null,
      endedAt: null,
      duration: 0,
    });
    expect(presented).toEqual([[12, `call/${callId}`]]);
    expect(pushes).toEqual([[12, 'call.incoming', { ...dialing, direction: 'incoming', number: '5550001', displayNumber: '555-0001' }]]);
    await expect(service.current(phone(12))).resolves.toMatchObject({ callId, direction: 'incoming', status: 'dialing' });
    expect(service.isInCallBySource(11) && service.isInCallBySource(12) && service.isInCallByNumber('5550002')).toBe(true);

    clock.now += 4000;
    await expect(service.answer(phone(12), callId)).resolves.toMatchObject({ status: 'active', answeredAt: STARTED + 4000, duration: 0 });
    expect(voice.get(11)).toBeGreaterThan(0);
    expect(voice.get(11)).toBeLessThan(2 ** 31);
    expect(voice.get(12)).toBe(voice.get(11));
    clock.now += 61_500;
    await expect(service.current(phone(11))).resolves.toMatchObject({ status: 'active', duration: 61 });

    await service.end(phone(11), callId);
    expect(voice.size).toBe(0);
    const expected = { callId, status: 'completed', answeredAt: STARTED + 4000, duration: 61, hidden: false };
    expect(await records(1)).toEqual([{ ...expected, direction: 'outgoing', otherNumber: '5550002' }]);
    expect(await records(2)).toEqual([{ ...expected, direction: 'incoming', otherNumber: '5550001' }]);
    expect(pushTypes(11)).toEqual(['call.updated active', 'call.ended completed']);
    expect(pushTypes(12)).toEqual(['call.incoming dialing', 'call.updated active', 'call.ended completed']);
    expect(pushes.at(-1)![2]).toMatchObject({ status: 'completed', endedAt: STARTED + 65_500, duration: 61 });
    await expect(service.current(phone(11))).resolves.toBeNull();
    expect(service.isInCallBySource(11) || service.isInCallByNumber('5550002')).toBe(false);
    // A retried request answers with the same call, as it ended; it does not dial again.
    await expect(service.start(phone(11), dial('5550002', 'req-1'))).resolves.toMatchObject({ callId, status: 'completed', duration: 61 });
    expect(presented).toHaveLength(1);
  });

  it('ends a call for its players while the database is unreachable, and saves its records once it is back', async () => {
    const { service, phone, records, pushTypes, logs } = await setup({ unreachableSaves: 2 });
    const { callId } = await service.start(phone(11), dial('555-0002'));
    await service.answer(phone(12), callId);
    await expect(service.end(phone(11), callId)).resolves.toBeUndefined();
    await until(() => expect(pushTypes(12).at(-1)).toBe('call.ended completed'));
    await expect(service.current(phone(11))).resolves.toBeNull();
    expect(await records(1)).toEqual([]);
    expect(logs).toEqual([`the records of call ${callId} wait for the database: connect ECONNREFUSED 127.0.0.1:3306`]);
    // Tried again after 1 s, refused, then after 2 s more: saved once, for both.
    await until(async () => expect(await records(1)).toMatchObject([{ callId, direction: 'outgoing', status: 'completed' }]), 5000);
    expect(await records(2)).toMatchObject([{ callId, direction: 'incoming', status: 'completed' }]);
    service.stop();
  });

  it('ends at once as busy or unavailable, recorded on the caller’s side only', async () => {
    const { service, phone, blocked, refusesPresent, records, pushes, presented } = await setup();
    const first = await service.start(phone(11), dial('5550002'));
    const busy = await service.start(phone(13), dial('5550001'));
    expect(busy).toMatchObject({ status: 'busy', number: '5550001', endedAt: STARTED, duration: 0 });
    await expect(service.start(phone(13), dial('5550002'))).resolves.toMatchObject({ status: 'busy' });
    await expect(service.start(phone(13), dial('5550004'))).resolves.toMatchObject({ status: 'unavailable' }); // offline
    await expect(service.start(phone(13), dial('5559999'))).resolves.toMatchObject({ status: 'unavailable' }); // nobody's
    await service.end(phone(11), first.callId);
    const heardBefore = pushes.filter(([source]) => source !== 13).length;
    blocked.add('5550001:5550003');
    await expect(service.start(phone(13), dial('5550001'))).resolves.toMatchObject({ status: 'unavailable' });
    refusesPresent.add(12); // airplane mode, or not allowed the app
    await expect(service.start(phone(13), dial('5550002'))).resolves.toMatchObject({ status: 'unavailable' });

    expect((await records(3)).map((record) => `${record.otherNumber} ${record.status}`)).toEqual([
      '5550002 unavailable',
      '5550001 unavailable',
      '5559999 unavailable',
      '5550004 unavailable',
      '5550002 busy',
      '5550001 busy',
    ]);
    expect((await records(2)).map((record) => record.status)).toEqual(['missed']);
    expect(await records(4)).toEqual([]);
    // Neither the blocking nor the refusing callee heard a thing; the caller heard each call end.
    expect(pushes.filter(([source]) => source !== 13)).toHaveLength(heardBefore);
    expect(presented.filter(([source]) => source === 11)).toEqual([]);
    expect(pushes.filter(([source]) => source === 13).map(([, type, call]) => `${type} ${call.status}`)).toEqual([
      'call.ended busy',
      'call.ended busy',
      'call.ended unavailable',
      'call.ended unavailable',
      'call.ended unavailable',
      'call.ended unavailable',
    ]);
  });

  it('refuses calling yourself, or a second call while in one', async () => {
    const { service, phone } = await setup();
    expect(await codeOf(service.start(phone(11), dial('5550001')))).toBe('INVALID_INPUT');
    await service.start(phone(11), dial('5550002'));
    expect(await codeOf(service.start(phone(11), dial('5550003')))).toBe('UNAVAILABLE');
    expect(await codeOf(service.start(phone(12), dial('5550003')))).toBe('UNAVAILABLE');
  });

  it('ends a declined call for both, a call the caller gave up on as missed, and one that rang out as missed with a notice', async () => {
    const { service, phone, records, missed, pushTypes } = await setup({ ringMs: 50 });
    const declined = await service.start(phone(11), dial('5550002'));
    await service.decline(phone(12), declined.callId);
    const givenUp = await service.start(phone(11), dial('5550002'));
    await service.end(phone(11), givenUp.callId);
    const rangOut = await service.start(phone(11), dial('5550002'));
    await until(() => expect(pushTypes(12).at(-1)).toBe('call.ended missed'));
    await expect(service.current(phone(11))).resolves.toBeNull();
    const hungUpByCallee = await service.start(phone(11), dial('5550002'));
    await service.end(phone(12), hungUpByCallee.callId);

    const statuses = async (phoneId: number) => (await records(phoneId)).map((record) => `${record.callId} ${record.status}`);
    const expected = [`${hungUpByCallee.callId} declined`, `${rangOut.callId} missed`, `${givenUp.callId} missed`, `${declined.callId} declined`];
    expect(await statuses(1)).toEqual(expected);
    expect(await statuses(2)).toEqual(expected);
    expect(missed.map(([source, call]) => [source, call.callId, call.displayNumber])).toEqual([
      [12, givenUp.callId, '555-0001'],
      [12, rangOut.callId, '555-0001'],
    ]);
    expect(pushTypes(11)).toEqual(['call.ended declined', 'call.ended missed', 'call.ended missed', 'call.ended declined']);
  });

  it('counts the badge as incoming missed calls not yet seen in Recents', async () => {
    const { service, phone, seen } = await setup({ ringMs: 50 });
    const miss = async () => {
      const call = await service.start(phone(11), dial('5550002'));
      await service.end(phone(11), call.callId);
    };
    await miss();
    await miss();
    // The caller's own missed (outgoing) records are not theirs to see.
    expect([await service.unseenMissed(phone(12)), await service.unseenMissed(phone(11))]).toEqual([2, 0]);
    await service.markRecentsSeen(phone(12));
    expect(seen).toEqual([12]);
    expect(await service.unseenMissed(phone(12))).toBe(0);
    await miss();
    expect(await service.unseenMissed(phone(12))).toBe(1);
    await service.markRecentsSeen(phone(12));
    await service.markRecentsSeen(phone(12));
    expect(await service.unseenMissed(phone(12))).toBe(0);
  });

  it('hides a hidden caller’s number from the callee, in the call and in their record', async () => {
    const { service, phone, pushes, records } = await setup();
    const call = await service.start(phone(11), dial('5550002', 'hidden', { hideNumber: true, video: true }));
    expect(call).toMatchObject({ number: '5550002', displayNumber: '555-0002', hidden: true, video: true });
    expect(pushes[0]![2]).toMatchObject({ number: '', displayNumber: 'Unknown', hidden: true, video: true });
    await expect(service.current(phone(12))).resolves.toMatchObject({ number: '', displayNumber: 'Unknown' });
    await service.end(phone(11), call.callId);
    expect(pushes.filter(([to]) => to === 12).at(-1)![2]).toMatchObject({ number: '', displayNumber: 'Unknown', status: 'missed' });
    expect(await records(2)).toEqual([expect.objectContaining({ otherNumber: '5550001', hidden: true })]);
  });

  it('names the other party from each side’s own contacts, in answers, pushes and records, one look-up each', async () => {
    const { service, phone, pushes, missed, contacts, lookups, askedNumbers } = await setup();
    contacts.set('5550001', new Map([['5550002', 'Bea']]));
    const dialing = await service.start(phone(11), dial('5550002'));
    expect(dialing).toMatchObject({ number: '5550002', contactName: 'Bea' });
    // One look-up for the callee's push, one for the caller's answer.
    expect(lookups).toEqual(['5550002', '5550001']);
    await expect(service.current(phone(11))).resolves.toMatchObject({ contactName: 'Bea' });
    await expect(service.current(phone(12))).resolves.toMatchObject({ number: '5550001', contactName: null });
    await expect(service.answer(phone(12), dialing.callId)).resolves.toMatchObject({ status: 'active', contactName: null });
    await service.end(phone(11), dialing.callId);
    const names = (source: number) => pushes.filter(([to]) => to === source).map(([, type, call]) => `${type} ${call.contactName}`);
    expect(names(11)).toEqual(['call.updated Bea', 'call.ended Bea']);
    expect(names(12)).toEqual(['call.incoming null', 'call.updated null', 'call.ended null']);

    // A name the callee gives the caller later shows in their records, and in the next call.
    contacts.set('5550002', new Map([['5550001', 'Al']]));
    const missedCall = await service.start(phone(11), dial('5550002'));
    await service.end(phone(11), missedCall.callId);
    expect(missed.map(([source, call]) => [source, call.contactName])).toEqual([[12, 'Al']]);
    lookups.length = 0;
    const recents = async (source: number) => (await service.recents(phone(source), null, 50)).map((record) => [record.number, record.contactName]);
    await expect(recents(11)).resolves.toEqual([['5550002', 'Bea'], ['5550002', 'Bea']]);
    await expect(recents(12)).resolves.toEqual([['5550001', 'Al'], ['5550001', 'Al']]);
    expect(lookups).toEqual(['5550001', '5550002']);
    // Each look-up asks only for the numbers on the page (each once), never the whole phone book.
    expect(askedNumbers.slice(-2)).toEqual([
      ['5550001', ['5550002']],
      ['5550002', ['5550001']],
    ]);
    expect(askedNumbers.every(([, numbers]) => numbers.length === 1)).toBe(true);
  });

  it('never names a hidden caller to the callee, nor looks their contacts up for it', async () => {
    const { service, phone, pushes, contacts, lookups } = await setup({ ringMs: 50 });
    contacts.set('5550001', new Map([['5550002', 'Bea']]));
    contacts.set('5550002', new Map([['5550001', 'Al']]));
    const call = await service.start(phone(11), dial('5550002', 'hidden', { hideNumber: true }));
    expect(call).toMatchObject({ number: '5550002', contactName: 'Bea', hidden: true });
    await expect(service.current(phone(12))).resolves.toMatchObject({ number: '', displayNumber: 'Unknown', contactName: null });
    await until(() => expect(pushes.filter(([to]) => to === 12).map(([, type]) => type)).toEqual(['call.incoming', 'call.ended']));
    expect(pushes.filter(([to]) => to === 12).map(([, , view]) => view.contactName)).toEqual([null, null]);
    expect(lookups.filter((owner) => owner === '5550002')).toEqual([]);
    await expect(service.recents(phone(12), null, 50)).resolves.toEqual([expect.objectContaining({ number: '', contactName: null, status: 'missed' })]);
    await expect(service.recents(phone(11), null, 50)).resolves.toEqual([expect.objectContaining({ number: '5550002', contactName: 'Bea' })]);
  });

  it('puts calls through unnamed when the contacts cannot be read', async () => {
    const { service, phone, pushes, contactsFail, contacts, logs } = await setup();
    contacts.set('5550001', new Map([['5550002', 'Bea']]));
    contactsFail.add('5550001');
    const call = await service.start(phone(11), dial('5550002'));
    expect(call).toMatchObject({ status: 'dialing', contactName: null });
    expect(pushes.map(([to, type]) => `${to} ${type}`)).toEqual(['12 call.incoming']);
    await service.end(phone(11), call.callId);
    expect(pushes.map(([to, type, view]) => `${to} ${type} ${view.contactName}`).slice(1)).toEqual(['11 call.ended null', '12 call.ended null']);
    await expect(service.recents(phone(11), null, 50)).resolves.toEqual([expect.objectContaining({ status: 'missed', contactName: null })]);
    // The answer to calls.start, the push of call.ended, and the recents.
    expect(logs).toEqual(Array(3).fill('the contacts of 5550001 could not be read: the contacts are not there'));
  });

  it('tells each side of a call in the order it changed, however long the names take', async () => {
    const { service, phone, pushTypes, heldLookups } = await setup();
    const call = await service.start(phone(11), dial('5550002'));
    let release = () => {};
    heldLookups.set('5550001', new Promise<void>((resolve) => (release = resolve)));
    const answered = service.answer(phone(12), call.callId);
    const ended = service.end(phone(12), call.callId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The callee was told both; the caller's "answered" waits on its names, and its "ended" waits behind it.
    expect(pushTypes(12)).toEqual(['call.incoming dialing', 'call.updated active', 'call.ended completed']);
    expect(pushTypes(11)).toEqual([]);
    release();
    await Promise.all([answered, ended]);
    expect(pushTypes(11)).toEqual(['call.updated active', 'call.ended completed']);
  });

  it('lets nobody but the callee answer or decline, and nobody outside the call see or end it', async () => {
    const { service, phone, online } = await setup();
    const call = await service.start(phone(11), dial('5550002'));
    const notFound = (work: () => unknown) => codeOf(work);
    expect(await notFound(() => service.answer(phone(13), call.callId))).toBe('NOT_FOUND');
    expect(await notFound(() => service.answer(phone(11), call.callId))).toBe('NOT_FOUND');
    expect(await notFound(() => service.decline(phone(13), call.callId))).toBe('NOT_FOUND');
    expect(await notFound(() => service.decline(phone(11), call.callId))).toBe('NOT_FOUND');
    expect(await notFound(() => service.end(phone(13), call.callId))).toBe('NOT_FOUND');
    expect(await notFound(() => service.answer(phone(12), 'no-such-call'))).toBe('NOT_FOUND');
    await expect(service.current(phone(13))).resolves.toBeNull();
    // Player 12's previous character's call is not the new character's.
    online.set(12, { phoneId: 3, number: '5550003', source: 12 });
    expect(await notFound(() => service.answer(phone(12), call.callId))).toBe('NOT_FOUND');
    await expect(service.current(phone(12))).resolves.toBeNull();
  });

  it('ends the call for the other side when a player drops, and takes the other out of voice', async () => {
    const { service, phone, online, voice, records, pushTypes } = await setup();
    const call = await service.start(phone(11), dial('5550002'));
    await service.answer(phone(12), call.callId);
    online.delete(11);
    expect(voice.has(12)).toBe(false);
    // pma-voice forgets a dropped player itself; the adapter is not asked about them.
    expect(voice.has(11)).toBe(true);
    await until(() => expect(pushTypes(12).at(-1)).toBe('call.ended completed'));
    expect((await records(2)).map((record) => record.status)).toEqual(['completed']);
    expect(pushTypes(11)).toEqual(['call.updated active']);
    expect(service.isInCallBySource(12)).toBe(false);
  });

  it('ends the call for both when a player switches character, as the core says so', async () => {
    const { service, phone, online, voice, records, pushTypes } = await setup();
    const call = await service.start(phone(11), dial('5550002'));
    await service.answer(phone(12), call.callId);
    online.set(12, { phoneId: 3, number: '5550003', source: 12 });
    // The phones are told once the records are written.
    await until(() => expect(pushTypes(11).at(-1)).toBe('call.ended completed'), 3000);
    expect(voice.size).toBe(0);
    expect((await records(1)).map((record) => record.status)).toEqual(['completed']);
    expect((await records(2)).map((record) => record.status)).toEqual(['completed']);
    // The new character's phone hears nothing of the old one's call.
    expect(pushTypes(12)).toEqual(['call.incoming dialing', 'call.updated active']);
  });

  it('connects a service line to a player, answered by the player, and ended by the line’s number', async () => {
    const { service, phone, voice, records, presented } = await setup();
    const call = await service.startBetween('911', '5550002', true);
    expect(call).toMatchObject({ caller: { number: '911', phoneId: null, source: null }, callee: { source: 12 }, company: true, video: true, status: 'dialing' });
    expect(presented).toEqual([[12, `call/${call!.callId}`]]);
    expect(service.isInCallByNumber('911')).toBe(true);
    expect(service.answerLine(call!.callId)).toBeNull(); // a player's call is answered by the player
    await service.answer(phone(12), call!.callId);
    expect(voice.size).toBe(0);
    await expect(service.endByNumber('911')).resolves.toBe(true);
    await expect(service.endByNumber('911')).resolves.toBe(false);
    expect(await records(2)).toEqual([expect.objectContaining({ direction: 'incoming', otherNumber: '911', status: 'completed' })]);
  });

  it('connects a player to a service line that another resource answers, and refuses what cannot be placed', async () => {
    const { service, phone, records, presented } = await setup();
    const call = await service.startBetween('5550001', '5550100', false);
    expect(call).toMatchObject({ caller: { source: 11 }, callee: { number: '5550100', source: null }, company: true, status: 'dialing' });
    expect(presented).toEqual([[11, `call/${call!.callId}`]]);
    await expect(service.current(phone(11))).resolves.toMatchObject({ direction: 'outgoing', number: '5550100', company: true });
    expect(service.answerLine(call!.callId)).toMatchObject({ status: 'active' });
    expect(service.answerLine(call!.callId)).toBeNull();

    await expect(service.startBetween('5550002', '5550001', false)).resolves.toBeNull(); // busy
    await expect(service.startBetween('5550100', '5550200', false)).resolves.toBeNull(); // no player on either end
    await expect(service.startBetween('5550004', '5550003', false)).resolves.toBeNull(); // an offline character's number
    await expect(service.startBetween('5550003', '5550004', false)).resolves.toBeNull();
    await expect(service.startBetween('5550003', '5550003', false)).resolves.toBeNull();

    await expect(service.endBySource(11)).resolves.toBe(true);
    await expect(service.endBySource(11)).resolves.toBe(false);
    expect(await records(1)).toEqual([expect.objectContaining({ direction: 'outgoing', otherNumber: '5550100', status: 'completed' })]);
  });

  it('takes everyone out of voice when Handset stops', async () => {
    const { service, phone, voice } = await setup();
    const call = await service.start(phone(11), dial('5550002'));
    await service.answer(phone(12), call.callId);
    expect(voice.size).toBe(2);
    service.stop();
    expect(voice.size).toBe(0);
    expect(service.isInCallBySource(11)).toBe(false);
  });

  it('rings a callee only as often as the hidden-call limit allows: 20 hidden calls in 3 s ring 5 times, the rest RATE_LIMITED and stored nowhere', async () => {
    const { service, phone, presented, records, clock } = await setup({ hiddenCallsPerMinute: 5 });
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const started = await service.start(phone(11), dial('5550002', `hidden-${attempt}`, { hideNumber: true })).then(
        (call) => call,
        (error: unknown) => error,
      );
      if (started instanceof HandsetError) outcomes.push(started.code);
      else {
        outcomes.push((started as CallView).status);
        await service.end(phone(11), (started as CallView).callId);
      }
      clock.now += 150;
    }
    expect(outcomes).toEqual([...Array<string>(5).fill('dialing'), ...Array<string>(15).fill('RATE_LIMITED')]);
    expect(presented.filter(([source]) => source === 12)).toHaveLength(5);
    expect(await records(1)).toHaveLength(5);
    expect(await records(2)).toHaveLength(5);
    // A retry of a refused request is refused again, not answered with a call.
    expect(await codeOf(service.start(phone(11), dial('5550002', 'hidden-19', { hideNumber: true })))).toBe('RATE_LIMITED');
    // Calls with the number shown are not counted against the hidden limit.
    const shown = await service.start(phone(11), dial('5550002', 'shown'));
    expect(shown.status).toBe('dialing');
    await service.end(phone(11), shown.callId);
  });

  it('blocks the last hidden caller from Recents without showing their number: their calls, hidden or not, then never ring', async () => {
    const { service, phone, presented, blocked, clock } = await setup();
    const hidden = await service.start(phone(11), dial('5550002', 'h-1', { hideNumber: true }));
    await service.decline(phone(12), hidden.callId);
    const [record] = await service.recents(phone(12), null, 10);
    expect(record).toMatchObject({ direction: 'incoming', hidden: true, number: '', displayNumber: 'Unknown', contactName: null });

    await expect(service.blockCaller(phone(12), record!.id)).resolves.toBeUndefined();
    expect([...blocked]).toEqual(['5550002:5550001']);
    // The record still shows nothing of the number behind it.
    expect((await service.recents(phone(12), null, 10))[0]).toMatchObject({ number: '', displayNumber: 'Unknown' });

    clock.now += 1000;
    const before = presented.length;
    await expect(service.start(phone(11), dial('5550002', 'h-2', { hideNumber: true }))).resolves.toMatchObject({ status: 'unavailable' });
    await expect(service.start(phone(11), dial('5550002', 'h-3'))).resolves.toMatchObject({ status: 'unavailable' });
    expect(presented.length).toBe(before);
    expect(await service.recents(phone(12), null, 10)).toHaveLength(1);
  });

  it('blocks only a hidden caller of the player’s own records', async () => {
    const { service, phone, blocked } = await setup();
    const shown = await service.start(phone(11), dial('5550002', 's-1'));
    await service.decline(phone(12), shown.callId);
    const hidden = await service.start(phone(11), dial('5550002', 'h-1', { hideNumber: true }));
    await service.decline(phone(12), hidden.callId);
    const [hiddenRecord, shownRecord] = await service.recents(phone(12), null, 10);
    const [callerRecord] = await service.recents(phone(11), null, 10);
    expect(await codeOf(service.blockCaller(phone(12), shownRecord!.id))).toBe('INVALID_INPUT');
    expect(await codeOf(service.blockCaller(phone(11), callerRecord!.id))).toBe('INVALID_INPUT'); // the caller's own outgoing record
    expect(await codeOf(service.blockCaller(phone(13), hiddenRecord!.id))).toBe('NOT_FOUND');
    expect(await codeOf(service.blockCaller(phone(12), 999_999))).toBe('NOT_FOUND');
    expect(blocked.size).toBe(0);
  });

  it('limits the calls from one phone to one number a minute, hidden or not, and lets other numbers be called', async () => {
    const { service, phone, presented, records, clock } = await setup({ callsPerCalleePerMinute: 3 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const call = await service.start(phone(11), dial('5550002', `c-${attempt}`, { hideNumber: attempt === 1 }));
      await service.end(phone(11), call.callId);
    }
    expect(await codeOf(service.start(phone(11), dial('5550002', 'c-3')))).toBe('RATE_LIMITED');
    expect(presented.filter(([source]) => source === 12)).toHaveLength(3);
    expect(await records(1)).toHaveLength(3);
    const other = await service.start(phone(11), dial('5550003', 'other'));
    expect(other.status).toBe('dialing');
    await service.end(phone(11), other.callId);
    // Another caller to the same number has their own count.
    const fromThree = await service.start(phone(13), dial('5550002', 'from-3'));
    expect(fromThree.status).toBe('dialing');
    await service.end(phone(13), fromThree.callId);
    clock.now += 20_000;
    await expect(service.start(phone(11), dial('5550002', 'c-4'))).resolves.toMatchObject({ status: 'dialing' });
  });
});
