import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, openPhoneSession, type PhoneSession } from '../support/browser';

const TWENTY_FOUR_HOUR = /^\d\d:\d\d$/;
const TWELVE_HOUR = /^(?:[1-9]|1[0-2]):\d\d [AP]M$/;

describe.skipIf(!hasChromium)(`the phone's clock, in Chromium (skipped without ${chromiumPath})`, () => {
  let session: PhoneSession;

  beforeAll(async () => {
    session = await openPhoneSession({});
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  /** Waits until the clock at `selector` shows a time in `format`. */
  const showsTime = (selector: string, format: RegExp) => session.shell.locator(selector).getByText(format).waitFor();

  it('shows 24-hour time on the lock screen, the status bar and the notification center by default', async () => {
    await session.openPhone();
    await showsTime('.lock-clock', TWENTY_FOUR_HOUR);
    await session.unlock();
    await showsTime('.status-left', TWENTY_FOUR_HOUR);
    await session.shell.getByRole('button', { name: 'Notification center' }).click();
    await showsTime('.center-clock', TWENTY_FOUR_HOUR);
    expect(await session.shell.getByRole('button', { name: '24-hour time' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('switches every clock to 12-hour time from the notification center, and keeps it when the phone is opened again', async () => {
    await session.shell.getByRole('button', { name: '24-hour time' }).click();
    expect(await session.shell.getByRole('button', { name: '24-hour time' }).getAttribute('aria-pressed')).toBe('false');
    await showsTime('.center-clock', TWELVE_HOUR);
    await session.page.keyboard.press('Escape');
    await showsTime('.status-left', TWELVE_HOUR);

    await session.putAway();
    await session.openPhone();
    await showsTime('.lock-clock', TWELVE_HOUR);
  });
});
