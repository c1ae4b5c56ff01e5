import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, type HandsetSimulation } from '../../../tests/support/handset';
import { eventually, manifest } from '../../../tests/support/simulation';

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

type Page = Parameters<typeof nui>[0] & { messages: unknown[]; waitForMessage(match: (message: unknown) => boolean, timeoutMs?: number): Promise<unknown> };
type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
type Call = { callId: string; status: string; duration: number; [field: string]: unknown };

/** The phone page's `request(action, payload)`, as the shell sends it for the player. */
const phone = (page: Page) => (action: string, payload: unknown) => nui(page, 'request', { appId: 'phone', action, payload }) as Promise<Answer>;

async function data<T = Call>(answer: Promise<Answer>): Promise<T> {
  const settled = await answer;
  if (!settled.ok) throw new Error(`expected success, got ${JSON.stringify(settled.error)}`);
  return settled.data as T;
}

const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** Adds `number` to the player's contacts as `firstName`, through the Contacts app's page action. */
const addContact = (page: Page, firstName: string, number: string) =>
  data(nui(page, 'request', { appId: 'contacts', action: 'contacts.add', payload: { requestId: `add-${firstName}`, firstName, number } }) as Promise<Answer>);
const digits = (number: string) => number.replace(/\D/g, '');

/** The calls the phone app's page was pushed, with their type. */
const pushes = (page: Page) =>
  page.messages
    .filter((message) => (message as { type?: string; appId?: string }).type === 'app:message' && (message as { appId: string }).appId === 'phone')
    .map((message) => message as { messageType: string; data: Call });

/** What the phone app's page was pushed, as `type status`. */
const pushed = (page: Page) => pushes(page).map(({ messageType, data: call }) => `${messageType} ${call.status}`);

/** What the phone app's page was pushed, as `type contactName`; a null field arrives left out, as from Lua. */
const pushedNames = (page: Page) => pushes(page).map(({ messageType, data: call }) => `${messageType} ${call.contactName ?? null}`);

// Asks the pma-voice stand-in who is in which call channel.
const voiceProbe = {
  'fxmanifest.lua': manifest(`server_script 'server.js'`),
  'server.js': `RegisterCommand('voice', () => console.log('voice ' + JSON.stringify(exports['pma-voice'].calls())), true);`,
};

/** Who is in which pma-voice call channel now, by server id. */
async function voiceChannels({ sim, printed }: HandsetSimulation): Promise<Record<string, number>> {
  const before = printed('probe').length;
  sim.executeCommand('voice', 0);
  await eventually(() => expect(printed('probe').length).toBe(before + 1));
  const channels = JSON.parse(printed('probe').at(-1)!.slice('voice '.length)) as Record<string, number> | [];
  return Array.isArray(channels) ? {} : channels;
}

// A multicharacter script on qbx_core: logs a player in as a new character, or out.
const characters = {
  'fxmanifest.lua': manifest(`server_script 'server.lua'`),
  'server.lua': `
RegisterCommand('login', function(_, args)
  CreateThread(function() exports.qbx_core:Login(tonumber(args[1]), nil, { charinfo = { firstname = args[2], lastname = 'Doe' } }) end)
end, true)
RegisterCommand('logout', function(_, args)
  CreateThread(function() exports.qbx_core:Logout(tonumber(args[1])) end)
end, true)`,
};

type Player = Awaited<ReturnType<HandsetSimulation['sim']['connectPlayer']>>;

/** Logs `player` (a new one when not given) in as a new character; resolves once their phone has that character's number. */
async function playCharacter(simulation: HandsetSimulation, name: string, player?: Player) {
  const playing = player ?? (await simulation.sim.connectPlayer());
  const page = playing.nui.page('handset') as unknown as Page;
  const states = () => page.messages.filter((message) => (message as { type?: string }).type === 'phone:state').length;
  const before = states();
  simulation.sim.executeCommand(`login ${playing.id} ${name}`, 0);
  let number = '';
  await eventually(() => {
    const last = page.messages.filter((message) => (message as { type?: string }).type === 'phone:state').at(-1) as { state: { number: string } | null } | undefined;
    if (states() === before || !last?.state) throw new Error(`${name} has no phone yet`);
    number = last.state.number;
  }, 5000);
  return { player: playing, page, number };
}

const withVoice = { resources: { probe: voiceProbe }, ensure: { dirs: [], names: ['pma-voice'] } };

onEachDatabase((open) => {
  it('puts a call through: it rings, opens the callee’s phone, joins both in one voice channel, and records both sides', async () => {
    const simulation = await startHandset({ database: await open(), ...withVoice });
    const [a, b, c] = [await connectWithPhone(simulation), await connectWithPhone(simulation), await connectWithPhone(simulation)];
    await nui(a.page, 'appState', { appId: 'phone', open: true });
    // A knows B by name; B does not have A in their contacts.
    await addContact(a.page, 'Bea', b.number);

    const dialing = await data(phone(a.page)('calls.start', { requestId: 'a-1', number: b.number }));
    expect(dialing).toEqual({
      callId: expect.any(String),
      direction: 'outgoing',
      number: digits(b.number),
      displayNumber: b.number,
      contactName: 'Bea',
      hidden: false,
      video: false,
      company: false,
      status: 'dialing',
      startedAt: expect.any(Number),
      answeredAt: null,
      endedAt: null,
      duration: 0,
    });
    const { callId } = dialing;
    // B's phone was put away: it comes up with the call in front.
    await b.page.waitForMessage((message) => JSON.stringify(message) === JSON.stringify({ type: 'app:present', appId: 'phone', link: `call/${callId}` }));
    await nui(b.page, 'appState', { appId: 'phone', open: true });
    await expect(phone(b.page)('calls.current', {})).resolves.toEqual({
      ok: true,
      data: { ...dialing, direction: 'incoming', number: digits(a.number), displayNumber: a.number, contactName: null },
    });
    await expect(phone(a.page)('calls.start', { requestId: 'a-1', number: b.number })).resolves.toEqual({ ok: true, data: dialing });

    // A third player finds both lines busy.
    await expect(phone(c.page)('calls.start', { requestId: 'c-1', number: b.number })).resolves.toMatchObject({ ok: true, data: { status: 'busy' } });
    await expect(phone(c.page)('calls.start', { requestId: 'c-2', number: a.number })).resolves.toMatchObject({ ok: true, data: { status: 'busy' } });
    await expect(phone(a.page)('calls.start', { requestId: 'a-2', number: c.number })).resolves.toEqual(refused('UNAVAILABLE', 'you are already in a call'));

    await expect(phone(b.page)('calls.answer', { callId })).resolves.toMatchObject({ ok: true, data: { status: 'active', answeredAt: expect.any(Number) } });
    await eventually(() => expect(pushed(a.page)).toEqual(['call.updated active']));
    const channels = await voiceChannels(simulation);
    expect(Object.keys(channels).sort()).toEqual([String(a.player.id), String(b.player.id)].sort());
    expect(channels[String(a.player.id)]).toBe(channels[String(b.player.id)]);
    expect(channels[String(a.player.id)]).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(phone(a.page)('calls.end', { callId })).resolves.toEqual({ ok: true, data: null });
    await expect(voiceChannels(simulation)).resolves.toEqual({});
    await eventually(() => expect(pushed(b.page).at(-1)).toBe('call.ended completed'));
    expect(pushed(a.page)).toEqual(['call.updated active', 'call.ended completed']);
    expect(pushedNames(a.page)).toEqual(['call.updated Bea', 'call.ended Bea']);
    expect(pushedNames(b.page).slice(-2)).toEqual(['call.updated null', 'call.ended null']);

    const recents = async (page: Page) => data<Call[]>(phone(page)('calls.recents', {}));
    const [mine] = await recents(a.page);
    expect(mine).toEqual({ ...dialing, id: expect.any(Number), status: 'completed', answeredAt: expect.any(Number), endedAt: expect.any(Number), duration: expect.any(Number) });
    expect(mine!.duration).toBeGreaterThanOrEqual(1);
    await expect(recents(b.page)).resolves.toEqual([
      { ...mine, id: expect.any(Number), direction: 'incoming', number: digits(a.number), displayNumber: a.number, contactName: null },
    ]);
    expect((await recents(c.page)).map((record) => `${record.number} ${record.status} ${record.contactName}`)).toEqual([
      `${digits(a.number)} busy null`,
      `${digits(b.number)} busy null`,
    ]);
    // A name B gives A afterwards shows in B's recents: names are read when asked for.
    await addContact(b.page, 'Al', a.number);
    await expect(recents(b.page)).resolves.toMatchObject([{ callId, contactName: 'Al' }]);
    await expect(phone(a.page)('calls.current', null)).resolves.toEqual({ ok: true, data: null });
    expect(simulation.errors).toEqual([]);
  });

  it('ends a declined call for both, and a call that rings out as missed with a notice to the callee', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:phone:ring_seconds': '1' } });
    const [a, b] = [await connectWithPhone(simulation), await connectWithPhone(simulation)];
    for (const { page } of [a, b]) await nui(page, 'appState', { appId: 'phone', open: true });

    const declined = await data(phone(a.page)('calls.start', { requestId: 'a-1', number: b.number, video: true }));
    await eventually(() => expect(pushed(b.page)).toEqual(['call.incoming dialing']));
    await expect(phone(b.page)('calls.decline', { callId: declined.callId })).resolves.toEqual({ ok: true, data: null });
    await eventually(() => expect(pushed(a.page)).toEqual(['call.ended declined']));

    const rangOut = await data(phone(a.page)('calls.start', { requestId: 'a-2', number: b.number }));
    await eventually(() => expect(pushed(a.page).at(-1)).toBe('call.ended missed'), 3000);
    await eventually(() =>
      expect(b.page.messages).toContainEqual({
        type: 'notification',
        notification: expect.objectContaining({ appId: 'phone', title: 'Missed call', body: a.number }),
      }),
    );
    const statuses = async (page: Page) => (await data<Call[]>(phone(page)('calls.recents', { limit: 10 }))).map((call) => `${call.callId} ${call.status} ${call.video}`);
    const expected = [`${rangOut.callId} missed false`, `${declined.callId} declined true`];
    await expect(statuses(a.page)).resolves.toEqual(expected);
    await expect(statuses(b.page)).resolves.toEqual(expected);
    expect(simulation.errors).toEqual([]);
  });

  it('names each side’s party from its own contacts, never a hidden caller to the callee, and names the missed-call notice', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:phone:ring_seconds': '1' } });
    const [a, b] = [await connectWithPhone(simulation), await connectWithPhone(simulation)];
    for (const { page } of [a, b]) await nui(page, 'appState', { appId: 'phone', open: true });
    await addContact(a.page, 'Bea', b.number);
    await addContact(b.page, 'Al', a.number);

    const hidden = await data(phone(a.page)('calls.start', { requestId: 'a-1', number: b.number, hideNumber: true }));
    expect(hidden).toMatchObject({ number: digits(b.number), contactName: 'Bea', hidden: true });
    await eventually(() => expect(pushedNames(b.page)).toEqual(['call.incoming null']));
    await expect(phone(b.page)('calls.current', {})).resolves.toMatchObject({ ok: true, data: { number: '', displayNumber: 'Unknown', contactName: null } });
    await expect(phone(b.page)('calls.decline', { callId: hidden.callId })).resolves.toEqual({ ok: true, data: null });
    await eventually(() => expect(pushedNames(a.page)).toEqual(['call.ended Bea']));
    expect(pushedNames(b.page)).toEqual(['call.incoming null', 'call.ended null']);

    // The banner is written in the callee's language.
    await expect(nui(b.page, 'request', { appId: 'handset', action: 'settings.update', payload: { language: 'de' } })).resolves.toMatchObject({ ok: true });
    const shown = await data(phone(a.page)('calls.start', { requestId: 'a-2', number: b.number }));
    expect(shown.contactName).toBe('Bea');
    await eventually(() => expect(pushedNames(b.page).at(-1)).toBe('call.incoming Al'));
    await eventually(() => expect(pushedNames(b.page).at(-1)).toBe('call.ended Al'), 3000);
    await eventually(() =>
      expect(b.page.messages).toContainEqual({
        type: 'notification',
        notification: expect.objectContaining({ appId: 'phone', title: 'Verpasster Anruf', body: 'Al' }),
      }),
    );

    const names = async (page: Page) =>
      (await data<Call[]>(phone(page)('calls.recents', {}))).map((record) => `${record.callId} ${record.number} ${record.contactName}`);
    await expect(names(a.page)).resolves.toEqual([`${shown.callId} ${digits(b.number)} Bea`, `${hidden.callId} ${digits(b.number)} Bea`]);
    await expect(names(b.page)).resolves.toEqual([`${shown.callId} ${digits(a.number)} Al`, `${hidden.callId}  null`]);
    expect(simulation.errors).toEqual([]);
  });

  it('ends the call for the other side when a player drops, and clears voice', async () => {
    const simulation = await startHandset({ database: await open(), ...withVoice });
    const [a, b] = [await connectWithPhone(simulation), await connectWithPhone(simulation)];
    await nui(a.page, 'appState', { appId: 'phone', open: true });
    const { callId } = await data(phone(a.page)('calls.start', { requestId: 'a-1', number: b.number }));
    await data(phone(b.page)('calls.answer', { callId }));
    expect(Object.keys(await voiceChannels(simulation))).toHaveLength(2);

    await simulation.sim.dropPlayer(b.player.id);
    await eventually(() => expect(pushed(a.page).at(-1)).toBe('call.ended completed'));
    await expect(voiceChannels(simulation)).resolves.toEqual({});
    await expect(phone(a.page)('calls.recents', {})).resolves.toMatchObject({ ok: true, data: [{ callId, status: 'completed' }] });
    await expect(phone(a.page)('calls.current', {})).resolves.toEqual({ ok: true, data: null });
    expect(simulation.errors).toEqual([]);
  });

  it('ends the call for both when a player switches character; the new character hears nothing of it', async () => {
    const simulation = await startHandset({
      database: await open(),
      convars: { 'handset:framework': 'qbox' },
      before: ['qbx_core'],
      resources: { probe: voiceProbe, characters },
      ensure: { dirs: [], names: ['pma-voice'] },
    });
    const [a, b] = [await playCharacter(simulation, 'Ana'), await playCharacter(simulation, 'Ben')];
    for (const { page } of [a, b]) await nui(page, 'appState', { appId: 'phone', open: true });
    const { callId } = await data(phone(a.page)('calls.start', { requestId: 'a-1', number: b.number }));
    await data(phone(b.page)('calls.answer', { callId }));
    expect(Object.keys(await voiceChannels(simulation))).toHaveLength(2);

    simulation.sim.executeCommand(`logout ${b.player.id}`, 0);
    await eventually(() => expect(pushed(a.page).at(-1)).toBe('call.ended completed'), 3000);
    await expect(voiceChannels(simulation)).resolves.toEqual({});
    const bob = await playCharacter(simulation, 'Bob', b.player);
    expect(bob.number).not.toBe(b.number);
    await expect(phone(b.page)('calls.current', {})).resolves.toEqual({ ok: true, data: null });
    await expect(phone(b.page)('calls.recents', {})).resolves.toEqual({ ok: true, data: [] });
    await expect(phone(a.page)('calls.recents', {})).resolves.toMatchObject({ ok: true, data: [{ callId, status: 'completed' }] });
    expect(pushed(b.page)).toEqual(['call.incoming dialing', 'call.updated active']);
    expect(simulation.errors).toEqual([]);
  });

  it('refuses malformed requests, and lets nobody answer, decline, end or see another’s call or records', async () => {
    const simulation = await startHandset({ database: await open() });
    const [a, b, c] = [await connectWithPhone(simulation), await connectWithPhone(simulation), await connectWithPhone(simulation)];
    const badNumber = refused('INVALID_INPUT', 'number must be 3-15 digits, with optional spaces and ( ) + - .');
    await expect(phone(a.page)('calls.start', { requestId: 'x', number: '555-CALL-NOW' })).resolves.toEqual(badNumber);
    await expect(phone(a.page)('calls.start', { requestId: 'x', number: '12' })).resolves.toEqual(badNumber);
    await expect(phone(a.page)('calls.start', { number: b.number })).resolves.toEqual(refused('INVALID_INPUT', 'requestId must be 1-64 characters'));
    await expect(phone(a.page)('calls.start', { requestId: 'x', number: a.number })).resolves.toEqual(refused('INVALID_INPUT', 'you cannot call your own number'));
    await expect(phone(a.page)('calls.start', { requestId: 'x', number: '555-000-0000' })).resolves.toMatchObject({ ok: true, data: { status: 'unavailable' } });

    const { callId } = await data(phone(a.page)('calls.start', { requestId: 'a-1', number: b.number }));
    const notYours = refused('NOT_FOUND', `no call ${callId} of yours`);
    for (const action of ['calls.answer', 'calls.decline', 'calls.end']) {
      await expect(phone(c.page)(action, { callId })).resolves.toEqual(notYours);
    }
    // The caller cannot answer or decline for the callee.
    await expect(phone(a.page)('calls.answer', { callId })).resolves.toEqual(notYours);
    await expect(phone(a.page)('calls.decline', { callId })).resolves.toEqual(notYours);
    await expect(phone(c.page)('calls.current', {})).resolves.toEqual({ ok: true, data: null });
    // The phone is the sender's own: a payload that names another is refused, not obeyed.
    await expect(phone(c.page)('calls.recents', { phoneId: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(phone(c.page)('calls.current', { source: a.player.id })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    await data(phone(b.page)('calls.answer', { callId }));
    await expect(phone(c.page)('calls.end', { callId })).resolves.toEqual(notYours);
    await expect(phone(b.page)('calls.end', { callId })).resolves.toEqual({ ok: true, data: null });
    await expect(phone(a.page)('calls.end', { callId })).resolves.toEqual(notYours);
    await expect(phone(c.page)('calls.recents', {})).resolves.toEqual({ ok: true, data: [] });
    await expect(phone(b.page)('calls.recents', {})).resolves.toMatchObject({ ok: true, data: [{ callId, status: 'completed' }] });
    expect(simulation.errors).toEqual([]);
  });

  it('stops a hidden-number flood at handset:phone:hidden_calls_per_minute, and "Block this caller" then keeps the caller out unseen', async () => {
    const simulation = await startHandset({ database: await open(), convars: { 'handset:phone:hidden_calls_per_minute': '3' } });
    const [a, b] = [await connectWithPhone(simulation), await connectWithPhone(simulation)];
    const presented = () => b.page.messages.filter((message) => (message as { type?: string }).type === 'app:present').length;

    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const answer = await phone(a.page)('calls.start', { requestId: `h-${attempt}`, number: b.number, hideNumber: true });
      answers.push(answer);
      if (answer.ok) await data(phone(a.page)('calls.end', { callId: (answer.data as Call).callId }));
    }
    expect(answers.map((answer) => (answer.ok ? (answer.data as Call).status : answer.error.code))).toEqual([
      ...Array<string>(3).fill('dialing'),
      ...Array<string>(17).fill('RATE_LIMITED'),
    ]);
    expect(answers.at(-1)).toEqual(refused('RATE_LIMITED', 'too many calls with a hidden number: at most 3 a minute'));
    await eventually(() => expect(presented()).toBe(3));
    const recents = await data<(Call & { id: number })[]>(phone(b.page)('calls.recents', {}));
    expect(recents.map((record) => `${record.direction} ${record.number || 'hidden'} ${record.displayNumber}`)).toEqual(Array(3).fill('incoming hidden Unknown'));

    await expect(phone(b.page)('calls.blockCaller', { id: recents[0]!.id })).resolves.toEqual({ ok: true, data: null });
    // The block is not a contact: the callee's phone book still does not show the number.
    await expect(nui(b.page, 'request', { appId: 'contacts', action: 'contacts.list', payload: {} })).resolves.toEqual({ ok: true, data: { contacts: [], cursor: null } });
    const shown = await data(phone(a.page)('calls.start', { requestId: 'shown', number: b.number }));
    expect(shown.status).toBe('unavailable');
    expect(presented()).toBe(3);
    await expect(phone(b.page)('calls.blockCaller', { id: recents[0]!.id + 1000 })).resolves.toEqual(refused('NOT_FOUND', `no call record ${recents[0]!.id + 1000} of yours`));
    expect(simulation.errors).toEqual([]);
  });

  it('keeps an answered call through a restart of Handset in a new voice channel, and ends a ringing one with its records', async () => {
    const simulation = await startHandset({ database: await open(), ...withVoice });
    const { sim, printed } = simulation;
    const [a, b, c, d] = [await connectWithPhone(simulation), await connectWithPhone(simulation), await connectWithPhone(simulation), await connectWithPhone(simulation)];
    const talking = await data(phone(a.page)('calls.start', { requestId: 'a-1', number: b.number }));
    const answered = await data(phone(b.page)('calls.answer', { callId: talking.callId }));
    const ringing = await data(phone(c.page)('calls.start', { requestId: 'c-1', number: d.number }));
    const channelBefore = (await voiceChannels(simulation))[String(a.player.id)];

    const restart = async (between?: () => Promise<void>) => {
      const started = () => printed('handset').filter((line) => /^Handset \S+ started$/.test(line)).length;
      const before = started();
      await sim.stop('handset');
      await between?.();
      await sim.ensure('handset');
      await eventually(() => expect(started()).toBe(before + 1), 10_000);
    };
    await restart();
    // The phones' pages came back with the resource.
    const [pageA, pageB, pageC, pageD] = [a, b, c, d].map((player) => player.player.nui.page('handset') as unknown as Page);
    await eventually(async () => expect(await phone(pageA!)('calls.current', {})).toMatchObject({ ok: true, data: { callId: talking.callId, status: 'active', answeredAt: answered.answeredAt } }), 5000);
    await expect(phone(pageB!)('calls.current', {})).resolves.toMatchObject({ ok: true, data: { callId: talking.callId, status: 'active', direction: 'incoming' } });
    const channels = await voiceChannels(simulation);
    expect(channels[String(a.player.id)]).toBe(channels[String(b.player.id)]);
    expect(channels[String(a.player.id)]).not.toBe(channelBefore);
    expect(Object.keys(channels)).toHaveLength(2);
    // The ringing call ended with the restart: missed, on both sides, and D hears of it.
    for (const page of [pageC!, pageD!]) await expect(phone(page)('calls.current', {})).resolves.toEqual({ ok: true, data: null });
    await expect(data<Call[]>(phone(pageC!)('calls.recents', {}))).resolves.toMatchObject([{ callId: ringing.callId, direction: 'outgoing', status: 'missed' }]);
    await expect(data<Call[]>(phone(pageD!)('calls.recents', {}))).resolves.toMatchObject([{ callId: ringing.callId, direction: 'incoming', status: 'missed' }]);
    // Kept in D's notification center, which D's phone reads when it comes up (a push may beat the page back).
    await eventually(async () => expect(await nui(pageD!, 'request', { appId: 'handset', action: 'notifications.list', payload: { limit: 20 } })).toMatchObject({ ok: true, data: [{ title: 'Missed call', body: c.number }] }));

    // The call goes on as any other: hanging up records it once, from when it was answered.
    await expect(phone(pageB!)('calls.end', { callId: talking.callId })).resolves.toEqual({ ok: true, data: null });
    await expect(voiceChannels(simulation)).resolves.toEqual({});
    for (const page of [pageA!, pageB!]) {
      await expect(data<Call[]>(phone(page)('calls.recents', {}))).resolves.toMatchObject([{ callId: talking.callId, status: 'completed', answeredAt: answered.answeredAt }]);
    }

    // A call whose player left while Handset was down ends with the restart, recorded for both.
    const second = await data(phone(pageA!)('calls.start', { requestId: 'a-2', number: b.number }));
    await data(phone(pageB!)('calls.answer', { callId: second.callId }));
    await restart(() => sim.dropPlayer(b.player.id));
    const pageAfter = a.player.nui.page('handset') as unknown as Page;
    await eventually(async () => expect(await data<Call[]>(phone(pageAfter)('calls.recents', {}))).toMatchObject([{ callId: second.callId, status: 'completed' }, { callId: talking.callId }]), 5000);
    await expect(phone(pageAfter)('calls.current', {})).resolves.toEqual({ ok: true, data: null });
    await expect(voiceChannels(simulation)).resolves.toEqual({});
    expect(simulation.errors).toEqual([]);
  });

});
