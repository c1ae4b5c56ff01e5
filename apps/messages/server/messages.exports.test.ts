import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../../tests/support/handset';
import { eventually, manifest } from '../../../tests/support/simulation';

// A taxi company's script, as the README shows it: its line texts a player, and answers what players text it.
const taxiServer = `
local function report(label, value) print(label .. ' ' .. json.encode({ value })) end
RegisterCommand('taxi', function(_, args)
  CreateThread(function()
    local player, offline = args[1], args[2]
    report('hook', exports.handset:onMessageToNumber('555-0199', function(fromNumber, text, threadId)
      print('heard ' .. json.encode({ fromNumber, text, threadId }))
      if text == 'never mind' then return nil end
      return 'A driver is on the way to ' .. fromNumber
    end))
    report('sent', exports.handset:sendMessage('555-0199', player, 'Your taxi has arrived'))
    report('offline', exports.handset:sendMessage(5550199, offline, 'Your taxi is waiting'))
    report('badFrom', exports.handset:sendMessage({}, player, 'hi'))
    report('badText', exports.handset:sendMessage('5550199', player, 42))
    report('tooLong', exports.handset:sendMessage('5550199', player, string.rep('x', 1001)))
    report('nobody', exports.handset:sendMessage('5550199', '555-000-0000', 'hi'))
    report('hookOnPlayer', exports.handset:onMessageToNumber(player, function() return 'mine now' end))
    report('hookBad', exports.handset:onMessageToNumber('5550198', 'not a function'))
  end)
end, true)
`;

// Another script that wants the taxi company's line.
const rivalServer = `
RegisterCommand('rival', function()
  CreateThread(function()
    print('took ' .. json.encode({ exports.handset:onMessageToNumber('555-0199', function() return 'rival here' end) }))
  end)
end, true)
`;

const resources = {
  taxi: { 'fxmanifest.lua': manifest(`server_script 'server.lua'`), 'server.lua': taxiServer },
  rival: { 'fxmanifest.lua': manifest(`server_script 'server.lua'`), 'server.lua': rivalServer },
};

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

type Page = Parameters<typeof nui>[0] & { messages: unknown[] };
type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

/** What a resource printed for `label`, decoded. */
const reported = (lines: string[]) =>
  Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(' ')), (JSON.parse(line.slice(line.indexOf(' ') + 1)) as unknown[])[0]]));

const pushedMessages = (page: Page) =>
  page.messages
    .filter((message) => {
      const push = message as { type?: string; appId?: string; messageType?: string };
      return push.type === 'app:message' && push.appId === 'messages' && push.messageType === 'message.new';
    })
    .map((message) => (message as { data: { senderNumber: string; body: string; threadId: string } }).data);

onEachDatabase((open) => {
  it('keeps a line with the resource that answered for it first, and frees it when that resource stops', async () => {
    const { sim, printed } = await startHandset({ database: await open(), resources });
    sim.executeCommand('taxi', 0);
    await eventually(() => expect(printed('taxi')).toHaveLength(9), 5000);
    expect(reported(printed('taxi'))).toMatchObject({ hook: true });
    sim.executeCommand('rival', 0);
    await eventually(() => expect(printed('rival')).toEqual(['took [false]']), 5000);
    await sim.stop('taxi');
    sim.executeCommand('rival', 0);
    await eventually(() => expect(printed('rival')).toEqual(['took [false]', 'took [true]']), 5000);
  });

  it('lets a script text players from a line and answer what they text it, with the documented results', async () => {
    const simulation = await startHandset({ database: await open(), resources });
    const { sim, printed, errors } = simulation;
    const gone = await connectWithPhone(simulation);
    await sim.dropPlayer(gone.player.id);
    const a = await connectWithPhone(simulation);
    const page = a.page as unknown as Page;
    await nui(page, 'appState', { appId: 'messages', open: true });

    sim.executeCommand(`taxi ${a.number} ${gone.number}`, 0);
    await eventually(() => expect(printed('taxi')).toHaveLength(9), 5000);
    const results = reported(printed('taxi'));
    expect(results).toEqual({
      hook: true,
      sent: { success: true, messageId: expect.any(Number) },
      offline: { success: true, messageId: expect.any(Number) },
      badFrom: { success: false, message: 'fromNumber must be a phone number' },
      badText: { success: false, message: 'text must be a string' },
      tooLong: { success: false, message: 'a message is 1-1000 characters' },
      nobody: { success: false, message: 'no phone has the number 5550000000' },
      hookOnPlayer: false,
      hookBad: false,
    });

    const digits = a.number.replace(/\D/g, '');
    const threadId = digits < '5550199' ? `d:${digits}:5550199` : `d:5550199:${digits}`;
    await eventually(() => expect(pushedMessages(page)).toMatchObject([{ threadId, senderNumber: '5550199', body: 'Your taxi has arrived' }]));

    // The player answers in the thread: the line's script hears it and its answer comes back.
    const request = (payload: unknown) => nui(page, 'request', { appId: 'messages', action: 'messages.send', payload }) as Promise<Answer>;
    await expect(request({ clientId: 'a-1', threadId, kind: 'text', body: 'how long?' })).resolves.toMatchObject({ ok: true });
    await eventually(() => expect(printed('taxi').filter((line) => line.startsWith('heard '))).toEqual([`heard ${JSON.stringify([a.number, 'how long?', threadId])}`]));
    await eventually(() => expect(pushedMessages(page).at(-1)).toMatchObject({ senderNumber: '5550199', body: `A driver is on the way to ${a.number}` }));
    await expect(request({ clientId: 'a-2', threadId, kind: 'text', body: 'never mind' })).resolves.toMatchObject({ ok: true });
    await eventually(() => expect(printed('taxi').filter((line) => line.startsWith('heard '))).toHaveLength(2));
    const lastPreview = () => {
      const summaries = page.messages.filter((message) => (message as { messageType?: string }).messageType === 'thread.updated');
      return (summaries.at(-1) as { data: { lastMessage: { preview: string } } } | undefined)?.data.lastMessage.preview;
    };
    await eventually(() => expect(lastPreview()).toBe('never mind'));
    const listed = (await nui(page, 'request', { appId: 'messages', action: 'messages.list', payload: { threadId } })) as { data: { messages: { body: string }[] } };
    expect(listed.data.messages.map((message) => message.body)).toEqual(['never mind', `A driver is on the way to ${a.number}`, 'how long?', 'Your taxi has arrived']);

    // The offline character finds the line's message when they come back.
    const back = await connectWithPhone(simulation, { identifiers: gone.player.identifiers });
    expect(back.number).toBe(gone.number);
    const theirs = (await nui(back.page, 'request', { appId: 'messages', action: 'threads.list', payload: {} })) as { data: { threads: unknown[] } };
    expect(theirs.data.threads).toMatchObject([{ title: '5550199', unread: 1, lastMessage: { preview: 'Your taxi is waiting' } }]);
    expect(errors).toEqual([]);
  });
});
