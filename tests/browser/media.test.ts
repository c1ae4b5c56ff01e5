import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { SECRET } from '../fixtures/images';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { eventually } from '../support/simulation';

describe.skipIf(!hasChromium)(`photos and places, from the game's camera to another phone, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;
  let messagesA: Frame;

  beforeAll(async () => {
    sandbox = await openSandbox({});
    [a, b] = [await sandbox.connect(), await sandbox.connect()];
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  const lastMine = () => messagesA.locator('.message.mine [role="article"]').last();
  /** Whether an image in the page has loaded its picture. */
  const loaded = (frame: Frame, selector: string) =>
    frame.locator(selector).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);

  it('takes a photo, kept in Photos, and sends it and the player’s location in Messages; the other phone shows both, and a picker offers it', async () => {
    await a.openPhone();
    await a.unlock();
    messagesA = await a.openApp('Messages', 'messages');
    await messagesA.getByRole('button', { name: 'New message' }).click();
    const to = messagesA.getByRole('textbox', { name: 'To', exact: true });
    await to.fill(b.number);
    await to.press('Enter');

    // The camera: the game's phone camera is up while the viewfinder is, facing the character in selfie mode.
    await messagesA.getByRole('button', { name: 'Take photo' }).click();
    const camera = a.shell.getByRole('dialog', { name: 'Camera' });
    await camera.waitFor();
    await eventually(() => expect(a.player.phoneProp).toEqual({ inHand: true, camera: true, selfie: false }));
    await camera.getByRole('button', { name: 'Selfie' }).click();
    await eventually(() => expect(a.player.phoneProp).toEqual({ inHand: true, camera: true, selfie: true }));
    await camera.getByRole('button', { name: 'Take photo' }).click();
    await camera.waitFor({ state: 'detached' });
    await eventually(() => expect(a.player.phoneProp).toEqual({ inHand: false, camera: false, selfie: false }));

    const photo = lastMine().locator('img.photo');
    await photo.waitFor();
    const url = (await photo.getAttribute('src'))!;
    const served = new URL(url);
    expect(served.pathname).toMatch(/^\/handset\/media\/[A-Za-z0-9_-]{22}\.jpg$/);
    await eventually(async () => expect(await loaded(messagesA, '.message.mine img.photo')).toBe(true));
    // What the server stored has lost the camera's metadata (the stand-in's photo carries a GPS position).
    const stored = await sandbox.simulation.sim.http.request('handset', { path: served.pathname.slice('/handset'.length) });
    expect(stored.headers['Content-Type']).toBe('image/jpeg');
    expect([...stored.body.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(stored.body.includes(SECRET)).toBe(false);

    // The place: where the game says the character stands.
    await messagesA.getByRole('button', { name: 'Share location' }).click();
    const place = a.shell.getByRole('dialog', { name: 'Share your location' });
    await place.getByText('Vespucci Blvd, Pillbox Hill').waitFor();
    await place.getByRole('button', { name: 'Share' }).click();
    await lastMine().getByText('Vespucci Blvd, Pillbox Hill').waitFor();

    // The other phone shows the photo, loaded, and the place.
    await b.openPhone();
    await b.unlock();
    const messagesB = await b.openApp('Messages', 'messages');
    await messagesB.locator('.thread-row').first().click();
    const theirs = messagesB.locator('.message.theirs [role="article"]');
    await theirs.getByText('Vespucci Blvd, Pillbox Hill').waitFor();
    await expect(theirs.locator('img.photo').getAttribute('src')).resolves.toBe(url);
    await eventually(async () => expect(await loaded(messagesB, '.message.theirs img.photo')).toBe(true));

    // The shutter saved the photo in A's gallery, where Photos shows it ...
    await a.shell.getByRole('button', { name: 'Home' }).click();
    const photos = await a.openApp('Photos', 'photos');
    await photos.locator('button.thumb img').first().waitFor();
    await expect(photos.locator('button.thumb img').evaluateAll((images) => images.map((image) => image.getAttribute('src')))).resolves.toEqual([url]);

    // ... and where another app picks it through gallery.pick.
    await a.shell.getByRole('button', { name: 'Home' }).click();
    messagesA = await a.openApp('Messages', 'messages');
    await messagesA.getByRole('button', { name: 'Attach photo' }).click();
    const gallery = a.shell.getByRole('dialog', { name: 'Choose a photo' });
    await gallery.getByRole('button', { name: 'Photo 1' }).click();
    await expect(messagesA.locator('.message.mine img.photo').count()).resolves.toBe(2);
    await expect(lastMine().locator('img.photo').getAttribute('src')).resolves.toBe(url);
  }, 60_000);

  it('says clearly that the server lacks screenshot-basic, and keeps the viewfinder up to try again', async () => {
    await sandbox.simulation.sim.stop('screenshot-basic');
    await messagesA.getByRole('button', { name: 'Take photo' }).click();
    const camera = a.shell.getByRole('dialog', { name: 'Camera' });
    await camera.getByRole('button', { name: 'Take photo' }).click();
    await expect(camera.getByRole('alert').textContent()).resolves.toBe(
      'the camera needs screenshot-basic: the server owner must ensure screenshot-basic in server.cfg',
    );
    await camera.getByRole('button', { name: 'Cancel' }).click();
    await camera.waitFor({ state: 'detached' });
    await eventually(() => expect(a.player.phoneProp).toEqual({ inHand: false, camera: false, selfie: false }));
    await expect(messagesA.locator('.message.mine img.photo').count()).resolves.toBe(2);
  });
});
