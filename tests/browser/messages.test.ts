import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, openSandbox, type PhoneScreen, type Sandbox } from '../support/browser';
import { eventually } from '../support/simulation';
import { createDriverDatabase } from '../../core/server/storage/driver-database';
import { MAX_SHOWN } from '../../apps/messages/web/src/timeline';

interface Thread {
  id: string;
  kind: string;
  title: string;
  unread: number;
}
interface Message {
  id: number;
  clientId: string;
  body: string;
  senderNumber: string;
  mine: boolean;
}

const digits = (screen: PhoneScreen) => screen.number.replace(/\D/g, '');

describe.skipIf(!hasChromium)(`three players message each other, in Chromium (skipped without ${chromiumPath})`, () => {
  let sandbox: Sandbox;
  let a: PhoneScreen;
  let b: PhoneScreen;
  let c: PhoneScreen;
  let group = '';

  beforeAll(async () => {
    sandbox = await openSandbox({});
    [a, b, c] = [await sandbox.connect(), await sandbox.connect(), await sandbox.connect()];
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  /** Asks the Messages app's server side as the shell does for the app's page. */
  const ask = <T>(screen: PhoneScreen, action: string, payload: unknown) => screen.ask<T>('messages', action, payload);
  const threads = async (screen: PhoneScreen) => (await ask<{ threads: Thread[] }>(screen, 'threads.list', {})).threads;
  const unread = async (screen: PhoneScreen) => Object.fromEntries((await threads(screen)).map((thread) => [thread.kind, thread.unread]));
  const bodies = async (screen: PhoneScreen, threadId: string) =>
    (await ask<{ messages: Message[] }>(screen, 'messages.list', { threadId })).messages.map((message) => message.body);

  it('exchanges 1:1 messages in one thread, whichever side writes', async () => {
    await a.openPhone();
    await a.unlock();
    const messagesA = await a.openApp('Messages', 'messages');
    // A first phone has no conversations: the empty list offers to write one.
    await messagesA.getByText('No Messages').waitFor();
    await messagesA.getByRole('button', { name: 'Write a message' }).click();
    const to = messagesA.getByRole('textbox', { name: 'To', exact: true });
    await to.fill(b.number);
    await to.press('Enter');
    await messagesA.getByRole('textbox', { name: 'Message', exact: true }).fill('Hey, are you coming?');
    await messagesA.getByRole('button', { name: 'Send' }).click();
    await messagesA.locator('.message.mine [role="article"]').getByText('Hey, are you coming?').waitFor();

    await b.openPhone();
    await b.unlock();
    const messagesB = await b.openApp('Messages', 'messages');
    await messagesB.getByLabel('1 unread', { exact: true }).waitFor();
    await messagesB.locator('.thread-row').first().click();
    await messagesB.locator('.message.theirs [role="article"]').getByText('Hey, are you coming?').waitFor();
    // Copy, in the sandboxed app frame, puts the text on the clipboard: pasting gives it back.
    await messagesB.locator('.message.theirs').getByRole('button', { name: 'Message options' }).click();
    await messagesB.getByRole('menuitem', { name: 'Copy' }).click();
    expect(await messagesB.locator('.copied').textContent()).toBe('Copied');
    const box = messagesB.getByRole('textbox', { name: 'Message', exact: true });
    await box.focus();
    await b.page.keyboard.press('Control+V');
    expect(await box.inputValue()).toBe('Hey, are you coming?');
    await box.fill('On my way');
    await messagesB.getByRole('button', { name: 'Send' }).click();
    await messagesA.locator('.message.theirs [role="article"]').getByText('On my way').waitFor();

    const [low, high] = [digits(a), digits(b)].sort();
    const [threadOfA] = await threads(a);
    const [threadOfB] = await threads(b);
    expect(threadOfA).toMatchObject({ id: `d:${low}:${high}`, kind: 'direct' });
    expect(threadOfB!.id).toBe(threadOfA!.id);
    // Both have the thread open: each has read what the other wrote.
    await eventually(async () => {
      expect((await threads(a))[0]!.unread).toBe(0);
      expect((await threads(b))[0]!.unread).toBe(0);
    });
    expect(await bodies(a, threadOfA!.id)).toEqual(['On my way', 'Hey, are you coming?']);
  }, 40_000);

  it('keeps exact unread counts and order for each member of a group of three', async () => {
    const created = await ask<Thread>(a, 'groups.create', { name: 'Crew', members: [b.number, c.number] });
    group = created.id;
    expect(created).toMatchObject({ kind: 'group', title: 'Crew', unread: 0 });
    await ask(a, 'messages.send', { clientId: 'crew-1', threadId: group, kind: 'text', body: 'Meet at the docks' });
    await ask(b, 'messages.send', { clientId: 'crew-2', threadId: group, kind: 'text', body: 'Ten minutes' });
    // A, reading the thread with B, gets a banner that names the group, then who wrote (B is not in A's contacts).
    const banner = a.shell.locator('.banner').filter({ hasText: 'Ten minutes' });
    await banner.waitFor({ state: 'visible' });
    expect(await banner.locator('.card-title').textContent()).toBe('Crew');
    expect(await banner.locator('.card-body').textContent()).toBe(`${b.number}: Ten minutes`);

    // Writing in a thread reads what came before: B has read A's message, A has not read B's, C has read neither.
    expect((await unread(a)).group).toBe(1);
    expect((await unread(b)).group).toBe(0);
    expect((await unread(c)).group).toBe(2);

    await c.openPhone();
    await c.unlock();
    const messagesC = await c.openApp('Messages', 'messages');
    await messagesC.getByLabel('2 unread', { exact: true }).waitFor();
    // The group's row says who wrote its last message.
    expect(await messagesC.locator('.thread-row', { hasText: 'Crew' }).locator('.thread-preview').textContent()).toBe(`${b.number}: Ten minutes`);
    await messagesC.getByRole('button', { name: 'Crew', exact: false }).first().click();
    const shown = messagesC.locator('.message [role="article"]');
    await shown.getByText('Ten minutes').waitFor();
    expect(await shown.allTextContents()).toEqual([expect.stringContaining('Meet at the docks'), expect.stringContaining('Ten minutes')]);
    await eventually(async () => expect((await unread(c)).group).toBe(0));
    expect((await unread(a)).group).toBe(1);
    expect(await bodies(c, group)).toEqual(['Ten minutes', 'Meet at the docks']);
  }, 40_000);

  it('answers a retried send with the same message and adds nothing', async () => {
    const first = await ask<Message>(a, 'messages.send', { clientId: 'crew-3', threadId: group, kind: 'text', body: 'Bring the van' });
    const again = await ask<Message>(a, 'messages.send', { clientId: 'crew-3', threadId: group, kind: 'text', body: 'Bring the van' });
    expect(again).toEqual(first);
    expect(await bodies(b, group)).toEqual(['Bring the van', 'Ten minutes', 'Meet at the docks']);
    expect((await unread(b)).group).toBe(1);
    // C is looking at the group: the page reads what arrives.
    await c.shell.locator('.app-frame[data-app="messages"]').waitFor();
    await eventually(async () => expect((await unread(c)).group).toBe(0));
  });

  it('offers Add to contacts on a shared card only for a number the player has not saved', async () => {
    await b.ask('contacts', 'contacts.add', { requestId: 'b-saves-c', number: c.number, firstName: 'Cee' });
    for (const [clientId, name, number] of [['card-c', 'Cee', digits(c)], ['card-d', 'Dee', '5551230999']]) {
      await ask(a, 'messages.send', { clientId, to: digits(b), kind: 'contact', attachment: { name, number } });
    }
    // B still has the thread with A open from the first test: the cards arrive there.
    const messagesB = await b.appFrame('messages');
    const cards = messagesB.locator('.message.theirs .contact-card');
    await cards.filter({ hasText: 'Dee' }).waitFor();
    const shown = await cards.evaluateAll((elements) =>
      elements.map((card) => [card.querySelector('.card-title')?.textContent, card.querySelector('.card-action')?.textContent ?? null]),
    );
    expect(shown).toEqual([
      ['Cee', null],
      ['Dee', 'Add to contacts'],
    ]);
  }, 40_000);

  it('sends a contact and a place, cancels the camera and the gallery, deletes for itself only, and opens Add to contacts', async () => {
    // B's Messages is open on the thread with A, which holds A's two cards.
    const messagesB = await b.appFrame('messages');
    const mineB = messagesB.locator('.message.mine');
    const sentBefore = await mineB.count();
    await messagesB.getByRole('button', { name: 'Take photo' }).click();
    const camera = b.shell.getByRole('dialog', { name: 'Camera' });
    await camera.getByRole('button', { name: 'Cancel' }).click();
    await camera.waitFor({ state: 'detached' });
    await messagesB.getByRole('button', { name: 'Attach photo' }).click();
    const gallery = b.shell.getByRole('dialog', { name: 'Choose a photo' });
    await gallery.getByRole('button', { name: 'Cancel' }).click();
    await gallery.waitFor({ state: 'detached' });
    expect(await mineB.count()).toBe(sentBefore);

    await messagesB.getByRole('button', { name: 'Attach contact' }).click();
    await b.shell.getByRole('dialog', { name: 'Choose a contact' }).getByRole('button', { name: /Cee/ }).click();
    await mineB.locator('.contact-card').filter({ hasText: 'Cee' }).waitFor();
    await messagesB.getByRole('button', { name: 'Share location' }).click();
    await b.shell.getByRole('dialog', { name: 'Share your location' }).getByRole('button', { name: 'Share' }).click();
    await mineB.locator('.location-card').waitFor();
    const threadId = (await threads(b)).find((thread) => thread.kind === 'direct')!.id;
    const [place, card] = await ask<{ messages: (Message & { kind: string })[] }>(b, 'messages.list', { threadId }).then(({ messages }) => messages);
    expect([place!.kind, card!.kind]).toEqual(['location', 'contact']);

    // Delete for me: gone from B's thread, still in A's; Cancel closes the menu and keeps the message.
    await mineB.last().getByRole('button', { name: 'Message options' }).click();
    await messagesB.getByRole('menuitem', { name: 'Cancel' }).click();
    await messagesB.getByRole('menu').waitFor({ state: 'detached' });
    await mineB.last().getByRole('button', { name: 'Message options' }).click();
    await messagesB.getByRole('menuitem', { name: 'Delete for me' }).click();
    await mineB.locator('.location-card').waitFor({ state: 'detached' });
    const listed = async (screen: PhoneScreen) =>
      (await ask<{ messages: Message[] }>(screen, 'messages.list', { threadId })).messages.map((message) => message.id);
    expect(await listed(b)).not.toContain(place!.id);
    expect(await listed(a)).toContain(place!.id);

    // Add to contacts on the card of a number B has not saved opens Contacts' form with the number in it.
    const dee = messagesB.locator('.contact-card').filter({ hasText: 'Dee' });
    expect(await dee.locator('.card-subtitle').textContent()).toBe('555-123-0999');
    await dee.getByRole('button', { name: 'Add to contacts' }).click();
    const contacts = await b.appFrame('contacts');
    await eventually(async () => expect(await contacts.getByLabel('Number').inputValue()).toBe('555-123-0999'));
    await b.shell.getByRole('button', { name: 'Home' }).click();

    // Details of a direct thread with a number B has not saved (A's) offers Add to contacts too; Back returns.
    await b.openApp('Messages', 'messages');
    await messagesB.getByRole('button', { name: 'Details' }).click();
    const details = messagesB.getByRole('region', { name: 'Details' });
    await details.getByRole('button', { name: 'Add to contacts' }).click();
    // The open Contacts app opens a fresh form for the new link.
    await eventually(async () => expect(await contacts.getByLabel('Number').inputValue()).toBe(a.number));
    await b.shell.getByRole('button', { name: 'Home' }).click();
    await b.openApp('Messages', 'messages');
    await details.getByRole('button', { name: 'Back' }).click();
    await details.waitFor({ state: 'detached' });
  }, 40_000);

  it('makes a group from the page and manages it in Group info: rename, settings, members, leave', async () => {
    const messagesB = await b.appFrame('messages');
    await messagesB.getByRole('button', { name: 'Back' }).click();
    // A recipient from the contact picker, removed, then from the suggestions as B types.
    await messagesB.getByRole('button', { name: 'New message' }).click();
    await messagesB.getByRole('button', { name: 'Choose contact' }).click();
    await b.shell.getByRole('dialog', { name: 'Choose a contact' }).getByRole('button', { name: /Cee/ }).click();
    await messagesB.locator('.recipient-chip').getByText('Cee').waitFor();
    await messagesB.getByRole('button', { name: 'Remove recipient' }).click();
    await messagesB.getByRole('textbox', { name: 'To', exact: true }).fill('Ce');
    await messagesB.getByRole('button', { name: `Cee, ${c.number}` }).click();
    await messagesB.locator('.recipient-chip').getByText('Cee').waitFor();
    await messagesB.getByRole('button', { name: 'Back' }).click();

    await messagesB.getByRole('button', { name: 'New group' }).click();
    await messagesB.getByLabel('Group name').fill('Pair');
    await messagesB.getByRole('button', { name: 'Add member' }).click();
    await b.shell.getByRole('dialog', { name: 'Choose a contact' }).getByRole('button', { name: /Cee/ }).click();
    await messagesB.getByRole('button', { name: 'Remove Cee' }).click();
    expect(await messagesB.locator('.member-name').allTextContents()).toEqual([]);
    await messagesB.getByRole('button', { name: 'Cancel' }).click();
    await messagesB.getByRole('button', { name: 'New message' }).waitFor();
    expect((await threads(b)).filter((thread) => thread.title === 'Pair')).toEqual([]);

    await messagesB.getByRole('button', { name: 'New group' }).click();
    await messagesB.getByLabel('Group name').fill('Pair');
    await messagesB.getByRole('button', { name: 'Add member' }).click();
    await b.shell.getByRole('dialog', { name: 'Choose a contact' }).getByRole('button', { name: /Cee/ }).click();
    await messagesB.getByRole('button', { name: 'Create' }).click();
    await messagesB.getByRole('button', { name: 'Group info' }).click();
    const pair = (await threads(b)).find((thread) => thread.title === 'Pair')!;
    expect(pair.kind).toBe('group');

    await messagesB.getByLabel('Group name').fill('Pair of us');
    await messagesB.getByRole('button', { name: 'Save' }).click();
    await messagesB.locator('.profile-name').getByText('Pair of us').waitFor();
    await messagesB.getByRole('switch', { name: 'Read receipts' }).click();
    await messagesB.getByRole('switch', { name: 'Typing indicator' }).click();
    await eventually(async () => expect(await messagesB.getByRole('switch', { name: 'Typing indicator' }).isChecked()).toBe(false));
    expect(await messagesB.getByRole('switch', { name: 'Read receipts' }).isChecked()).toBe(false);
    await messagesB.getByRole('button', { name: 'Remove Cee' }).click();
    await b.shell.getByRole('button', { name: 'Remove', exact: true }).click();
    await messagesB.getByRole('button', { name: 'Remove Cee' }).waitFor({ state: 'detached' });
    await messagesB.getByRole('button', { name: 'Add member' }).click();
    await b.shell.getByRole('dialog', { name: 'Choose a contact' }).getByRole('button', { name: /Cee/ }).click();
    await messagesB.getByRole('button', { name: 'Remove Cee' }).waitFor();
    expect((await threads(c)).find((thread) => thread.id === pair.id)).toMatchObject({ title: 'Pair of us', kind: 'group' });

    await messagesB.getByRole('button', { name: 'Leave group' }).click();
    await b.shell.getByRole('button', { name: 'Leave', exact: true }).click();
    await messagesB.getByRole('button', { name: 'New message' }).waitFor();
    expect((await threads(b)).map((thread) => thread.id)).not.toContain(pair.id);
  }, 40_000);

  it('loses nothing when the resource restarts', async () => {
    const before = await Promise.all([a, b, c].map(async (screen) => ({ threads: await threads(screen), group: await bodies(screen, group) })));
    const { sim, printed } = sandbox.simulation;
    const starts = () => printed('handset').filter((line) => / started$/.test(line)).length;
    const started = starts();
    await sim.restart('handset');
    await eventually(() => expect(starts()).toBe(started + 1), 15_000);
    for (const screen of [a, b, c]) {
      await eventually(async () => expect(await screen.shellFrame().evaluate(() => typeof (window as unknown as { GetParentResourceName?: unknown }).GetParentResourceName)).toBe('function'), 10_000);
    }
    const after = await Promise.all([a, b, c].map(async (screen) => ({ threads: await threads(screen), group: await bodies(screen, group) })));
    expect(after).toEqual(before);
  }, 60_000);
  it('pressed every button the Messages screens showed', () => {
    expect(sandbox.buttons.unpressed('messages')).toEqual([]);
  });
});

describe.skipIf(!hasChromium)(`a long thread in Chromium (skipped without ${chromiumPath})`, () => {
  const LENGTH = 700;
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await openSandbox({});
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  it(`scrolls ${LENGTH} messages to the first and back with at most ${MAX_SHOWN} entries on the page, and nothing on screen jumps`, async () => {
    const [a, b] = [await sandbox.connect(), await sandbox.connect()];
    const first = await a.ask<Message & { threadId: string; sentAt: number }>('messages', 'messages.send', { clientId: 'long-0', to: b.number, kind: 'text', body: 'the very first' });
    // The rest straight into the database, alternating senders, a minute apart.
    const db = await createDriverDatabase(sandbox.simulation.database.connection);
    const phones = await db.select<{ id: number; phone_number: string }>('SELECT id, phone_number FROM handset_core_phones');
    const senders = [a, b].map((screen) => ({ number: digits(screen), id: phones.find((row) => row.phone_number === digits(screen))!.id }));
    const rows = Array.from({ length: LENGTH - 1 }, (_, n) => {
      const sender = senders[(n + 1) % 2]!;
      return [first.threadId, sender.number, sender.id, 'text', `message ${n + 1}`, first.sentAt + (n + 1) * 60_000];
    });
    await db.run(`INSERT INTO handset_messages_messages (thread_id, sender_number, sender_phone_id, kind, body, sent_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`, rows.flat());
    await db.run('UPDATE handset_messages_threads SET last_message_id = (SELECT MAX(id) FROM handset_messages_messages WHERE thread_id = ?) WHERE id = ?', [first.threadId, first.threadId]);
    await db.close();

    await a.openPhone();
    await a.unlock();
    const app = await a.openApp('Messages', 'messages');
    await app.locator('.thread-row').first().click();
    await app.locator('.timeline .bubble-text').getByText(`message ${LENGTH - 1}`, { exact: true }).waitFor();

    // In the page: scroll by steps to the first message, then back to the newest. After each step, the message in the
    // middle of the view is noted; when the page's entries change (a page loaded, or the window moved), it must still
    // be where it was.
    const walk = await app.evaluate(
      ({ firstBody, newestBody }) =>
        new Promise<{ reachedFirst: boolean; reachedNewest: boolean; mostShown: number; changes: number; jumps: string[] }>((resolve) => {
          const scroller = document.querySelector('.timeline-scroll')!;
          const timeline = document.querySelector('.timeline')!;
          const messages = () => [...timeline.querySelectorAll<HTMLElement>('.message')];
          let noted: { key: string; top: number } | null = null;
          const note = () => {
            const middle = scroller.getBoundingClientRect().top + scroller.clientHeight / 2;
            const at = messages().find((element) => element.getBoundingClientRect().bottom >= middle);
            noted = at ? { key: at.dataset.key!, top: at.getBoundingClientRect().top } : null;
          };
          const result = { reachedFirst: false, reachedNewest: false, mostShown: 0, changes: 0, jumps: [] as string[] };
          new MutationObserver(() => {
            result.changes += 1;
            result.mostShown = Math.max(result.mostShown, timeline.querySelectorAll('.message, .stamp').length);
            const element = noted && timeline.querySelector<HTMLElement>(`[data-key="${noted.key}"]`);
            if (noted && element && Math.abs(element.getBoundingClientRect().top - noted.top) > 1) {
              result.jumps.push(`${noted.key} moved from ${noted.top} to ${element.getBoundingClientRect().top}`);
            }
            note();
          }).observe(timeline, { childList: true });
          const hasText = (body: string) => messages().some((element) => element.textContent?.includes(body));
          let direction = -1;
          const started = performance.now();
          const step = () => {
            scroller.scrollBy(0, direction * 300);
            note();
            if (direction < 0 && hasText(firstBody) && Math.abs(scroller.scrollTop) >= scroller.scrollHeight - scroller.clientHeight - 1) {
              result.reachedFirst = true;
              direction = 1;
            }
            if (direction > 0 && hasText(newestBody) && scroller.scrollTop >= -1) {
              result.reachedNewest = true;
              resolve(result);
              return;
            }
            if (performance.now() - started > 40_000) resolve(result);
            else setTimeout(step, 30);
          };
          step();
        }),
      { firstBody: 'the very first', newestBody: `message ${LENGTH - 1}` },
    );
    expect(walk).toMatchObject({ reachedFirst: true, reachedNewest: true, jumps: [] });
    // The window moved (more entries were on the page over the walk than at once), and never held more than its size.
    expect(walk.changes).toBeGreaterThan(LENGTH / 30);
    expect(walk.mostShown).toBeLessThanOrEqual(MAX_SHOWN);
    expect(walk.mostShown).toBeGreaterThan(MAX_SHOWN - 30);
  }, 120_000);
});
