import { describe, expect, it } from 'vitest';
import { connectWithPhone, handsetPerTest, nui, openSqlite } from '../../support/handset';

const startHandset = handsetPerTest();
const CLIENT_REFUSAL = { ok: false, error: { code: 'RATE_LIMITED', message: 'the phone is sending too much at once; slow down' } };

describe("the client's sending budget", () => {
  it('refuses what would get the player dropped by FXServer (128 KiB/s, 50 events/s), and the player stays', async () => {
    const simulation = await startHandset({ database: await openSqlite() });
    const { player, page } = await connectWithPhone(simulation);

    // 40 requests of 15 KiB at once, each within the shell's limits: 600 KiB, past FXServer's 384 KiB burst.
    const big = () => nui(page, 'request', { appId: 'handset', action: 'storage.set', payload: { appId: 'contacts', key: 'draft', value: 'x'.repeat(15_000) } });
    const heavy = await Promise.all(Array.from({ length: 40 }, big));
    const refusedHeavy = heavy.filter((answer) => JSON.stringify(answer) === JSON.stringify(CLIENT_REFUSAL)).length;
    // Half of FXServer's burst (192 KiB) lets 12 through, and what refills while they go.
    expect(refusedHeavy).toBeGreaterThanOrEqual(25);

    // 250 small ones at once: past FXServer's 200-event burst, and its 300-event flood limit with what came before.
    const small = await Promise.all(Array.from({ length: 250 }, () => nui(page, 'request', { appId: 'handset', action: 'apps.list' })));
    const refusedSmall = small.filter((answer) => JSON.stringify(answer) === JSON.stringify(CLIENT_REFUSAL)).length;
    expect(refusedSmall).toBeGreaterThanOrEqual(150);

    expect(simulation.sim.players.has(player.id)).toBe(true);
  });
});
