import { expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, onEachDatabase } from '../../support/handset';
import { eventually } from '../../support/simulation';

// Each test's Handset is shut down, and its database dropped, after it.
const startHandset = handsetPerTest();

const airplane = (page: Parameters<typeof nui>[0], enabled: boolean) =>
  nui(page, 'request', { appId: 'handset', action: 'settings.update', payload: { airplaneMode: enabled } });

onEachDatabase((open) => {
  it('keeps a phone in airplane mode from sending messages, placing calls and ringing', async () => {
    const simulation = await startHandset({ database: await open() });
    const a = await connectWithPhone(simulation);
    const b = await connectWithPhone(simulation);
    const ask = (page: typeof a.page, appId: string, action: string, payload: unknown) => nui(page, 'request', { appId, action, payload });
    const refused = { ok: false, error: { code: 'UNAVAILABLE', message: 'the phone is in airplane mode' } };

    await expect(airplane(a.page, true)).resolves.toMatchObject({ ok: true, data: { airplaneMode: true, passcodeSet: false } });
    await expect(ask(a.page, 'messages', 'messages.send', { clientId: 'm-1', to: b.number, kind: 'text', body: 'hi' })).resolves.toEqual(refused);
    await expect(ask(a.page, 'phone', 'calls.start', { requestId: 'c-1', number: b.number })).resolves.toEqual(refused);

    // B calling A: A's phone does not ring, the call is unavailable at once.
    const call = (await ask(b.page, 'phone', 'calls.start', { requestId: 'c-2', number: a.number })) as { ok: true; data: { status: string } };
    expect(call).toMatchObject({ ok: true, data: { status: 'unavailable' } });
    expect(a.page.messages).not.toContainEqual(expect.objectContaining({ type: 'app:present' }));
    await eventually(async () => {
      const recents = (await ask(b.page, 'phone', 'calls.recents', {})) as { data: { status: string }[] };
      expect(recents.data.map((record) => record.status)).toEqual(['unavailable']);
    });

    await airplane(a.page, false);
    await expect(ask(a.page, 'messages', 'messages.send', { clientId: 'm-1', to: b.number, kind: 'text', body: 'hi' })).resolves.toMatchObject({
      ok: true,
      data: { body: 'hi', mine: true },
    });
    await eventually(() =>
      expect(b.page.messages).toContainEqual({ type: 'notification', notification: expect.objectContaining({ appId: 'messages', body: 'hi' }) }),
    );
    expect(simulation.errors).toEqual([]);
  });
});
