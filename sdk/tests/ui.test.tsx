// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type HandsetApp } from '../app';
import { createFakeHost, type FakeHost } from '../testing';
import { ActionSheet, AppProvider, Avatar, EmptyState, ErrorNotice, NavBar, SearchField, TabBar, useMessage, usePaged, type Page, type PagedList } from '../ui';

let root: HTMLElement;
let host: FakeHost | undefined;
let app: HandsetApp | undefined;

afterEach(() => {
  render(null, root);
  root.remove();
  app?.disconnect();
  host?.dispose();
  app = host = undefined;
});

async function show(node: preact.ComponentChild) {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(node, root));
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('usePaged', () => {
  /** Pages of a list by cursor; each ask is recorded, and a cursor in `failing` fails once. */
  function pages(book: Record<string, Page<number, string>>, failing = new Set<string>()) {
    const asked: (string | null)[] = [];
    const load = async (cursor: string | null) => {
      asked.push(cursor);
      const key = cursor ?? 'first';
      if (failing.delete(key)) throw new Error(`page ${key} failed`);
      return book[key]!;
    };
    return { asked, load };
  }
  let list: PagedList<number>;
  function Probe({ load }: { load: (cursor: string | null) => Promise<Page<number, string>> }) {
    list = usePaged(load);
    return null;
  }

  it('loads the first page at once, each next page once on loadMore, and stops after the last', async () => {
    const { asked, load } = pages({ first: { items: [1, 2], next: 'b' }, b: { items: [3], next: null } });
    await show(<Probe load={load} />);
    await settle();
    expect([list.items, list.done, list.loading]).toEqual([[1, 2], false, false]);
    act(() => {
      list.loadMore();
      list.loadMore();
    });
    await settle();
    expect([list.items, list.done]).toEqual([[1, 2, 3], true]);
    act(() => list.loadMore());
    await settle();
    expect(asked).toEqual([null, 'b']);
  });

  it('keeps the error of a failed page and asks for the same page again on loadMore; reload starts over', async () => {
    const { asked, load } = pages({ first: { items: [1], next: 'b' }, b: { items: [2], next: null } }, new Set(['b']));
    await show(<Probe load={load} />);
    await settle();
    act(() => list.loadMore());
    await settle();
    expect(String(list.error)).toBe('Error: page b failed');
    expect([list.items, list.done]).toEqual([[1], false]);
    act(() => list.loadMore());
    await settle();
    expect([list.items, list.error, list.done]).toEqual([[1, 2], null, true]);
    act(() => list.reload());
    await settle();
    expect(list.items).toEqual([1]);
    expect(asked).toEqual([null, 'b', 'b', null]);
  });
});

describe('useMessage', () => {
  it("hands the component the server's pushes of its type while it is mounted, and none after", async () => {
    host = createFakeHost();
    app = await connect({ window: host.window, timeoutMs: 1000 });
    const received: unknown[] = [];
    function Listener() {
      useMessage('order.ready', (data) => received.push(data));
      return null;
    }
    await show(
      <AppProvider app={app}>
        <Listener />
      </AppProvider>,
    );
    host.push('order.ready', { id: 7 });
    host.push('order.late', { id: 8 });
    await expect.poll(() => received).toEqual([{ id: 7 }]);
    await act(() => render(null, root));
    host.push('order.ready', { id: 9 });
    await settle();
    expect(received).toEqual([{ id: 7 }]);
  });
});

describe('the components', () => {
  it('read out only the reason a list could not load, and try again on the button', async () => {
    let retries = 0;
    await show(<ErrorNotice message="No signal" onRetry={() => (retries += 1)} />);
    expect([...root.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent)).toEqual(['No signal']);
    await act(() => root.querySelector<HTMLButtonElement>('button')!.click());
    expect(root.querySelector('button')!.textContent).toBe('Try again');
    expect(retries).toBe(1);
  });

  it('name their parts for assistive technology', async () => {
    const picked: string[] = [];
    await show(
      <div>
        <NavBar leading={<button>Back</button>} title="Lamar" />
        <TabBar label="Folders" panelId="panel" selected="inbox" onSelect={(id) => picked.push(id)} tabs={[{ id: 'inbox', label: 'Inbox', icon: null }, { id: 'sent', label: 'Sent', icon: null }]} />
        <EmptyState title="No Mail" message="Mail you get will appear here." action={{ label: 'Write one', onClick: () => picked.push('write') }} />
      </div>,
    );
    expect(root.querySelector('header.nav-bar .nav-title')!.textContent).toBe('Lamar');
    const tabs = [...root.querySelectorAll('[role="tablist"][aria-label="Folders"] [role="tab"]')];
    expect(tabs.map((tab) => [tab.id, tab.getAttribute('aria-selected'), tab.getAttribute('aria-controls'), tab.textContent])).toEqual([
      ['tab-inbox', 'true', 'panel', 'Inbox'],
      ['tab-sent', 'false', 'panel', 'Sent'],
    ]);
    (tabs[1] as HTMLButtonElement).click();
    (root.querySelector('.empty button') as HTMLButtonElement).click();
    expect(picked).toEqual(['sent', 'write']);
  });

  it('clears a search on Escape before Escape may leave, and shows initials, a photo or the group glyph', async () => {
    let query = 'lam';
    const field = () => <SearchField value={query} onChange={(value) => (query = value)} />;
    await show(field());
    const input = root.querySelector('input[aria-label="Search"]') as HTMLInputElement;
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    input.dispatchEvent(escape);
    expect([query, escape.defaultPrevented]).toEqual(['', true]);

    await act(() =>
      render(
        <div>
          <Avatar name="Lamar Davis" />
          <Avatar name="555-0142" />
          <Avatar name="Crew" group />
          <Avatar name="Lamar Davis" imageUrl="https://i.imgur.com/lamar.png" size="large" />
        </div>,
        root,
      ),
    );
    const avatars = [...root.querySelectorAll('.avatar')];
    expect(avatars.map((avatar) => [avatar.className, avatar.textContent, avatar.querySelector('svg') !== null])).toEqual([
      ['avatar avatar-row', 'LD', false],
      ['avatar avatar-row', '', true],
      ['avatar avatar-row', '', true],
      ['avatar avatar-large', '', false],
    ]);
    expect(avatars[3]!.querySelector('img')!.getAttribute('src')).toBe('https://i.imgur.com/lamar.png');
  });

  it('offers an action sheet as a menu that closes before the chosen action runs', async () => {
    const events: string[] = [];
    await show(<ActionSheet title="Message" actions={[{ label: 'Copy', onSelect: () => events.push('copy') }, { label: 'Delete', destructive: true, onSelect: () => events.push('delete') }]} onClose={() => events.push('close')} />);
    const items = [...root.querySelectorAll('[role="menu"][aria-label="Message"] [role="menuitem"]')] as HTMLButtonElement[];
    expect(items.map((item) => [item.textContent, item.className])).toEqual([
      ['Copy', ''],
      ['Delete', 'destructive'],
    ]);
    items[1]!.click();
    (root.querySelector('.cancel') as HTMLButtonElement).click();
    expect(events).toEqual(['close', 'delete', 'close']);
  });
});
