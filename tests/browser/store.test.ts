import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, openPhoneSession, type PhoneSession } from '../support/browser';
import { eventually } from '../support/simulation';

describe.skipIf(!hasChromium)(`the App Store and the owner's live control, in Chromium (skipped without ${chromiumPath})`, () => {
  let session: PhoneSession;

  beforeAll(async () => {
    // The template registers as an App Store app; the owner's word for it exists from the start.
    session = await openPhoneSession({ convars: { 'handset:app:template_app': 'enabled' }, ensure: ['preact-app'] });
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const homeHas = (label: string) => session.shell.getByLabel('Home screen').getByRole('button', { name: label, exact: true });

  it('installs an app from the App Store onto the home screen, and removes it after asking', async () => {
    await session.openPhone();
    await session.unlock();
    expect(await homeHas('Template').count()).toBe(0);
    let store = await session.openApp('App Store', 'appstore');
    // Each app's icon is its resource's file, loaded across origins as the home screen's are.
    await eventually(async () => {
      // A broken icon gives way to a letter tile, so fewer images than apps would show it.
      const loaded = await store.locator('img.tile').evaluateAll((icons) => icons.map((icon) => (icon as HTMLImageElement).complete && (icon as HTMLImageElement).naturalWidth > 0));
      expect(loaded.length).toBeGreaterThanOrEqual(8);
      expect(loaded.every(Boolean)).toBe(true);
    });
    await store.getByRole('button', { name: 'Get Template' }).click();
    await store.getByRole('button', { name: 'Remove Template' }).waitFor();
    await store.getByRole('button', { name: 'Open', exact: true }).click();
    await session.appFrame('template_app');
    await session.shell.getByRole('button', { name: 'Home', exact: true }).click();
    await homeHas('Template').waitFor();
    // A fresh App Store frame: headless Chromium 156 drops clicks on a cross-origin frame brought forward again.
    await session.putAway();
    await session.openPhone();
    await session.unlock();
    store = await session.openApp('App Store', 'appstore');
    await store.getByRole('button', { name: 'Remove Template' }).click();
    await session.shell.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await store.getByRole('button', { name: 'Get Template' }).waitFor();
    await session.shell.getByRole('button', { name: 'Home', exact: true }).click();
    await homeHas('Template').waitFor({ state: 'detached' });
  });

  it('takes an app the owner disables at run time off an online home screen at once, and closes it', async () => {
    await session.putAway();
    await session.openPhone();
    await session.unlock();
    const store = await session.openApp('App Store', 'appstore');
    await store.getByRole('button', { name: 'Get Template' }).click();
    await store.getByRole('button', { name: 'Remove Template' }).waitFor();
    await session.putAway();
    await session.openPhone();
    await session.unlock();
    await homeHas('Template').waitFor();
    await session.openApp('Template', 'template_app');
    session.simulation.sim.executeCommand('set handset:app:template_app disabled', 0);
    await session.shell.locator('.app-frame[data-app="template_app"]').waitFor({ state: 'detached' });
    await homeHas('Template').waitFor({ state: 'detached' });
    await eventually(() => expect(session.simulation.printed('handset')).toContain('applied handset:app:template_app'));
    // A bad word keeps the previous value and says why.
    session.simulation.sim.executeCommand('set handset:app:template_app jobs=', 0);
    await eventually(() =>
      expect(session.simulation.printed('handset')).toContain(
        'convar handset:app:template_app: "jobs=" is not one of enabled, disabled, default, removable, system, jobs=…, order=… — the previous value is kept',
      ),
    );
    session.simulation.sim.executeCommand('set handset:app:template_app enabled', 0);
    await homeHas('Template').waitFor();
  }, 40_000);

  it('keeps the home screen in the order the player drags it to, on the server', async () => {
    await session.putAway();
    await session.openPhone();
    await session.unlock();
    const grid = session.shell.locator('.app-grid .app-button');
    const order = () => grid.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')));
    const before = await order();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const [first, , third] = before as [string, string, string];
    // Press the third icon, move past the drag threshold, then over the first one's place, and let go.
    const from = (await homeHas(third).boundingBox())!;
    const to = (await homeHas(first).boundingBox())!;
    await session.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await session.page.mouse.down();
    await session.page.mouse.move(from.x + from.width / 2 - 12, from.y + from.height / 2, { steps: 3 });
    await session.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await session.page.mouse.up();
    const moved = [third, ...before.filter((label) => label !== third)];
    await eventually(async () => expect(await order()).toEqual(moved));
    // The drag opened nothing, and the order comes back from the server on the next opening.
    expect(await session.shell.locator('.app-frame').count()).toBe(0);
    await session.putAway();
    await session.openPhone();
    await session.unlock();
    await eventually(async () => expect(await order()).toEqual(moved));
    // A press that does not move is still a click.
    await homeHas(third).click();
    await session.shell.locator('.app-frame').first().waitFor();
  });
});
