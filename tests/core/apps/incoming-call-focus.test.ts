import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../support/handset';
import { eventually } from '../../support/simulation';

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

const noFocus = { resource: null, hasFocus: false, hasCursor: false, keepInput: false };

onEachDatabase((open) => {
  it('rings a phone that is put away without taking NUI focus; the answer key reaches the shell, F1 still opens the phone', async () => {
    const simulation = await startHandset({ database: await open() });
    const a = await connectWithPhone(simulation);
    const b = await connectWithPhone(simulation);
    const ofType = (type: string) => a.page.messages.filter((message) => (message as { type?: string }).type === type);

    expect(a.player.keyMappings.all()).toContainEqual({
      command: 'phone_answer',
      description: 'Answer a call on the phone',
      mapper: 'keyboard',
      key: 'Y',
      resource: 'handset',
    });
    // Nothing is presented yet: the key does nothing.
    a.player.pressKey('Y');

    const call = (await nui(b.page, 'request', { appId: 'phone', action: 'calls.start', payload: { requestId: 'c-1', number: a.number } })) as {
      ok: true;
      data: { callId: string; status: string };
    };
    expect(call).toMatchObject({ ok: true, data: { status: 'dialing' } });
    await eventually(() => expect(ofType('app:present')).toEqual([{ type: 'app:present', appId: 'phone', link: `call/${call.data.callId}` }]));
    expect(a.player.nui.focus).toEqual(noFocus);
    expect(ofType('phone:visibility')).toEqual([]);

    // The shell opens the presented app's frame, as it does for the peek.
    await expect(nui(a.page, 'appState', { appId: 'phone', open: true })).resolves.toEqual({ ok: true, data: null });
    a.player.pressKey('Y');
    expect(ofType('app:accept')).toEqual([{ type: 'app:accept', appId: 'phone' }]);
    expect(a.player.nui.focus).toEqual(noFocus);

    // The page answers and the call goes on; the page closes once it is over, and the key is free again.
    await expect(nui(a.page, 'request', { appId: 'phone', action: 'calls.answer', payload: { callId: call.data.callId } })).resolves.toMatchObject({
      ok: true,
      data: { status: 'active' },
    });
    await expect(nui(a.page, 'appState', { appId: 'phone', open: false })).resolves.toMatchObject({ ok: true });
    a.player.pressKey('Y');
    expect(ofType('app:accept')).toHaveLength(1);
    expect(a.player.nui.focus).toEqual(noFocus);

    a.player.pressKey('F1');
    expect(a.player.nui.focus).toEqual({ resource: 'handset', hasFocus: true, hasCursor: true, keepInput: false });
    expect(ofType('phone:visibility')).toEqual([{ type: 'phone:visibility', open: true }]);
    await expect(nui(a.page, 'request', { appId: 'phone', action: 'calls.end', payload: { callId: call.data.callId } })).resolves.toMatchObject({ ok: true });
    expect(simulation.errors).toEqual([]);
  });
});
