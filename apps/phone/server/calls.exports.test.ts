import { describe, expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase, openSqlite } from '../../../tests/support/handset';
import { eventually, manifest } from '../../../tests/support/simulation';

// A script written for 17mov_Phone, unchanged: it only knows 17mov's resource and export names. The NPC line
// 911 calls a player; the script also asks about, places and ends calls between players and service lines.
const dispatchServer = `
local function report(label, value) print(label .. ' ' .. json.encode({ value })) end
local phone = exports['17mov_Phone']
RegisterCommand('dispatch', function(_, args)
  CreateThread(function()
    local src, number, other = tonumber(args[1]), args[2], tonumber(args[3])
    report('start', phone:PhoneApp_StartCall('911', number, 'video'))
    report('inCallBySrc', phone:PhoneApp_IsInCallBySrc(src))
    report('inCallByNumber', phone:PhoneApp_IsInCallByNumber(tonumber((number:gsub('%D', '')))))
    report('lineInCall', phone:PhoneApp_IsInCallByNumber('911'))
    report('otherInCall', phone:PhoneApp_IsInCallBySrc(other))
    report('busy', phone:PhoneApp_StartCall('912', number))
    report('noPlayers', phone:PhoneApp_StartCall('911', '912'))
    report('badType', phone:PhoneApp_StartCall('912', number, 'fax'))
    report('badNumber', phone:PhoneApp_StartCall({}, number))
    report('badSrc', phone:PhoneApp_IsInCallBySrc('me'))
  end)
end, true)
RegisterCommand('hangup', function()
  CreateThread(function()
    report('end', phone:PhoneApp_EndCallByNumber('911'))
    report('endAgain', phone:PhoneApp_EndCallByNumber('911'))
  end)
end, true)
RegisterCommand('between', function(_, args)
  CreateThread(function()
    local from, to, src = args[1], args[2], tonumber(args[3])
    report('between', phone:PhoneApp_StartCall(from, to))
    report('endBySrc', phone:PhoneApp_EndCallBySrc(src))
    report('endBySrcAgain', phone:PhoneApp_EndCallBySrc(src))
  end)
end, true)
-- A taxi company's line: a player calls it, and the company's script picks up with Handset's own export.
RegisterCommand('taxi', function(_, args)
  CreateThread(function()
    local number, src = args[1], tonumber(args[2])
    local call = phone:PhoneApp_StartCall(number, '5550199')
    report('taxi', call)
    report('answer', exports.handset:answerCall(call.callId))
    report('answerAgain', exports.handset:answerCall(call.callId))
    report('endTaxi', phone:PhoneApp_EndCallBySrc(src))
  end)
end, true)
`;

// A script that knows Handset's own export names.
const handsetServer = `
RegisterCommand('own', async (_source, [player, number]) => {
  console.log('own ' + JSON.stringify([
    await exports.handset.startCall('911', number),
    await exports.handset.isInCallBySource(Number(player)),
    await exports.handset.isInCallByNumber(number),
    await exports.handset.endCallBySource(Number(player)),
  ]));
}, true);
`;

const resources = {
  dispatch: { 'fxmanifest.lua': manifest(`server_script 'server.lua'`), 'server.lua': dispatchServer },
  own: { 'fxmanifest.lua': manifest(`server_script 'server.js'`), 'server.js': handsetServer },
};

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

/** What a resource printed for `label`, decoded (Lua tables have no key order, so lines are compared as data). */
const reported = (lines: string[]) =>
  Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(' ')), (JSON.parse(line.slice(line.indexOf(' ') + 1)) as unknown[])[0]]));

describe('the 17mov_Phone call exports', () => {
  onEachDatabase((open) => {
    it('serve 17mov scripts unchanged with its shapes and refusals, for players and service lines', async () => {
      const simulation = await startHandset({ database: await open(), convars: { 'handset:compat': '17mov_Phone' }, resources });
      const { sim, printed, errors } = simulation;
      const [a, b] = [await connectWithPhone(simulation), await connectWithPhone(simulation)];
      await nui(a.page, 'appState', { appId: 'phone', open: true });
      const request = (action: string, payload: unknown) => nui(a.page, 'request', { appId: 'phone', action, payload });

      sim.executeCommand(`dispatch ${a.player.id} ${a.number} ${b.player.id}`, 0);
      await eventually(() => expect(printed('dispatch')).toHaveLength(10), 5000);
      const results = reported(printed('dispatch'));
      const call = results.start as { callId: string; callTime: number };
      expect(call).toEqual({
        callId: expect.any(String),
        fromId: 0,
        fromNumber: '911',
        toId: a.player.id,
        toNumber: a.number,
        callTime: expect.any(Number),
        inCall: false,
        type: 'video',
        isNumberHidden: false,
        isCompanyCall: true,
      });
      expect(Math.abs(call.callTime - Date.now() / 1000)).toBeLessThan(10);
      expect(results).toEqual({
        start: call,
        inCallBySrc: true,
        inCallByNumber: true,
        lineInCall: true,
        otherInCall: false,
        busy: false,
        noPlayers: false,
        badType: false,
        badNumber: false,
        badSrc: false,
      });
      await a.page.waitForMessage((message) => JSON.stringify(message) === JSON.stringify({ type: 'app:present', appId: 'phone', link: `call/${call.callId}` }));
      await expect(request('calls.answer', { callId: call.callId })).resolves.toMatchObject({ ok: true, data: { status: 'active', number: '911', company: true, video: true } });

      sim.executeCommand('hangup', 0);
      await eventually(() => expect(printed('dispatch')).toHaveLength(12));
      expect(reported(printed('dispatch').slice(10))).toEqual({ end: true, endAgain: false });
      await expect(request('calls.recents', {})).resolves.toMatchObject({
        ok: true,
        data: [{ callId: call.callId, direction: 'incoming', number: '911', status: 'completed', company: true, video: true }],
      });

      // Between two players: the callee's hang-up while it rings is a decline.
      sim.executeCommand(`between ${a.number} ${b.number} ${b.player.id}`, 0);
      await eventually(() => expect(printed('dispatch')).toHaveLength(15));
      const between = reported(printed('dispatch').slice(12));
      expect(between).toEqual({
        between: {
          callId: expect.any(String),
          fromId: a.player.id,
          fromNumber: a.number,
          toId: b.player.id,
          toNumber: b.number,
          callTime: expect.any(Number),
          inCall: false,
          type: 'phone',
          isNumberHidden: false,
          isCompanyCall: false,
        },
        endBySrc: true,
        endBySrcAgain: false,
      });
      await expect(request('calls.recents', { limit: 1 })).resolves.toMatchObject({
        ok: true,
        data: [{ callId: (between.between as { callId: string }).callId, direction: 'outgoing', status: 'declined' }],
      });

      sim.executeCommand(`taxi ${a.number} ${a.player.id}`, 0);
      await eventually(() => expect(printed('dispatch')).toHaveLength(19));
      const taxi = reported(printed('dispatch').slice(15));
      const taxiCall = taxi.taxi as Record<string, unknown>;
      expect(taxiCall).toMatchObject({ fromId: a.player.id, toId: 0, toNumber: '5550199', inCall: false, isCompanyCall: true });
      expect(taxi).toEqual({ taxi: taxiCall, answer: { ...taxiCall, inCall: true }, answerAgain: false, endTaxi: true });
      await expect(request('calls.recents', { limit: 1 })).resolves.toMatchObject({
        ok: true,
        data: [{ callId: taxiCall.callId, direction: 'outgoing', number: '5550199', status: 'completed', company: true }],
      });
      expect(errors).toEqual([]);
    });
  });

  it('are absent unless the server owner switches them on; Handset’s own names answer either way', async () => {
    const simulation = await startHandset({ database: await openSqlite(), resources });
    const { sim, errors, printed } = simulation;
    const a = await connectWithPhone(simulation);
    sim.executeCommand(`own ${a.player.id} ${a.number}`, 0);
    await eventually(() => expect(printed('own')).toHaveLength(1));
    const [call, ...rest] = JSON.parse(printed('own')[0]!.slice('own '.length)) as [Record<string, unknown>, ...boolean[]];
    expect(call).toMatchObject({ fromNumber: '911', toId: a.player.id, isCompanyCall: true });
    expect(rest).toEqual([true, true, true]);
    sim.executeCommand(`dispatch ${a.player.id} ${a.number} 0`, 0);
    await eventually(() => expect(errors).toHaveLength(1));
    expect(String(errors[0]!.error)).toContain('No such export PhoneApp_StartCall in resource 17mov_Phone');
  });
});
