// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, HandsetError, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { AppProvider } from '@handset/sdk/ui';
import { App } from '../src/app';
import type { AccountCard, FeedItem, NotificationGroup, Post, Profile } from '../src/tweeder-api';

const T0 = Date.now() - 5 * 60_000;
const ANA: AccountCard = { id: 1, handle: 'ana', displayName: 'Ana', avatar: null, verified: true, bot: false };
const BEN: AccountCard = { id: 2, handle: 'ben', displayName: 'Ben', avatar: null, verified: false, bot: false };
const relation = { following: 'no', followsYou: false, blocking: false, muting: false } as const;
const profile = (card: AccountCard, me: boolean): Profile => ({ ...card, bio: '', private: false, followers: 0, following: 0, posts: 0, pinnedPostId: null, me, relation, visible: true, createdAt: T0 });
const post = (id: number, author: AccountCard, text: string, fields: Partial<Post> = {}): Post => ({
  id,
  author,
  text,
  parts: [{ text }],
  photos: [],
  replyTo: null,
  quote: null,
  likes: 0,
  reposts: 0,
  replies: 0,
  liked: false,
  reposted: false,
  pinned: false,
  createdAt: T0 + id * 1000,
  ...fields,
});
const item = (entry: Post): FeedItem => ({ id: entry.id, post: entry, repostedBy: null });

/** Tweeder's server side in memory: Ana (the player, once signed up) and Ben, and the feeds given. */
function tweederServer(options: { me?: Profile | null; feed?: Post[]; notifications?: NotificationGroup[] } = {}) {
  let me = options.me === undefined ? profile(ANA, true) : options.me;
  const feed = [...(options.feed ?? [])];
  const notifications: NotificationGroup[] = options.notifications ?? [];
  let following: 'no' | 'requested' | 'yes' = 'no';
  let settings = { notify: { likes: true, reposts: true, replies: true, mentions: true, follows: true } };
  const requests: Record<string, (payload: unknown) => unknown> = {
    'profiles.me': () => me,
    'profiles.claim': (payload) => {
      const { handle, displayName } = payload as { handle: string; displayName: string };
      if (handle === 'taken') throw new HandsetError('ALREADY_EXISTS', '@taken is taken');
      me = profile({ ...ANA, handle, displayName }, true);
      return me;
    },
    'feed.following': () => ({ items: feed.map(item), cursor: null }),
    'feed.latest': () => ({ items: feed.map(item), cursor: null }),
    'posts.like': (payload) => {
      const { id, liked } = payload as { id: number; liked: boolean };
      const found = feed.find((entry) => entry.id === id)!;
      Object.assign(found, { liked, likes: found.likes + (liked ? 1 : -1) });
      return { ...found };
    },
    'posts.delete': (payload) => {
      feed.splice(feed.findIndex((entry) => entry.id === (payload as { id: number }).id), 1);
      return null;
    },
    'posts.create': (payload) => {
      const { text } = payload as { text: string };
      const created = post(100, ANA, text);
      feed.unshift(created);
      return created;
    },
    'search.accounts': (payload) => ({ accounts: (payload as { query: string }).query.startsWith('b') ? [{ ...BEN, relation }] : [], cursor: null }),
    'notifications.list': () => ({ groups: notifications, cursor: null }),
    'profiles.get': (payload) => {
      const { id } = payload as { id: number };
      if (id === ANA.id) return me;
      return { ...profile(BEN, false), private: true, visible: following === 'yes', relation: { ...relation, following } };
    },
    'profiles.posts': () => ({ items: [], cursor: null }),
    'follows.follow': () => ((following = 'requested'), { ...relation, following }),
    'follows.unfollow': () => ((following = 'no'), { ...relation, following }),
    'reports.create': () => null,
    'settings.get': () => settings,
    'settings.set': (payload) => ((settings = payload as typeof settings), settings),
    'blocks.list': () => ({ accounts: [{ ...BEN, relation: { ...relation, blocking: true } }], cursor: null }),
    'blocks.unblock': () => relation,
    'mutes.list': () => ({ accounts: [], cursor: null }),
    'notifications.read': () => null,
  };
  return { requests, feed };
}

let host: FakeHost | undefined;
let app: HandsetApp | undefined;
let screen: HTMLElement | undefined;

afterEach(() => {
  if (screen) render(null, screen);
  screen?.remove();
  app?.disconnect();
  host?.dispose();
  host = app = screen = undefined;
});

async function start(server = tweederServer(), options: FakeHostOptions = {}) {
  host = createFakeHost({ appId: 'tweeder', requests: server.requests, grants: ['gallery', 'camera'], ...options });
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  return { host, server };
}

const visible = (element: Element) => !element.closest('[hidden]');
const nameOf = (element: Element) => element.getAttribute('aria-label') ?? element.textContent!.trim();
const findButton = (name: string) => [...screen!.querySelectorAll('button')].find((candidate) => visible(candidate) && nameOf(candidate) === name);
const button = (name: string) => {
  const found = findButton(name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
const click = (name: string) => act(() => button(name).click());
const field = (label: string) => {
  const found = [...screen!.querySelectorAll('label')].find((candidate) => candidate.textContent === label);
  return screen!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${found!.htmlFor}`)!;
};
const type = (label: string, value: string) =>
  act(() => {
    const input = field(label);
    input.value = value;
    input.selectionStart = input.selectionEnd = value.length;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const postTexts = () => [...screen!.querySelectorAll('article.post')].filter(visible).map((article) => article.querySelector('.post-text')!.textContent);
const requestsOf = (action: string) =>
  host!.calls.filter((call) => call.method === 'request' && (call.input as { action: string }).action === action).map((call) => (call.input as { payload: unknown }).payload);
const alerts = () => [...screen!.querySelectorAll('[role="alert"]')].filter(visible).map((alert) => alert.textContent);

describe('sign-up', () => {
  it('asks a new character for a handle and a name, shows the server’s refusal, then opens the feeds', async () => {
    await start(tweederServer({ me: null }));
    await vi.waitFor(() => expect(findButton('Sign up')).toBeDefined());
    expect(button('Sign up').disabled).toBe(true);
    await type('Handle', '@taken');
    await type('Name', 'Ana');
    await click('Sign up');
    await vi.waitFor(() => expect(alerts()).toEqual(['@taken is taken']));
    await type('Handle', 'ana');
    await click('Sign up');
    await vi.waitFor(() => expect(findButton('New post')).toBeDefined());
    expect(requestsOf('profiles.claim')).toEqual([
      { handle: 'taken', displayName: 'Ana' },
      { handle: 'ana', displayName: 'Ana' },
    ]);
  });
});

describe('feeds', () => {
  it('renders posts as text with their mentions and hashtags as links, whatever markup they hold', async () => {
    const xss = post(1, { ...BEN, displayName: '<img src=x onerror="xss=1">' }, 'hi @ana #tag <b>bold</b>', {
      parts: [{ text: 'hi ' }, { text: '@ana', mention: 'ana' }, { text: ' ' }, { text: '#tag', hashtag: 'tag' }, { text: ' <b>bold</b>' }],
    });
    await start(tweederServer({ feed: [xss] }));
    await vi.waitFor(() => expect(postTexts()).toEqual(['hi @ana #tag <b>bold</b>']));
    expect(screen!.querySelector('article.post b, article.post img')).toBeNull();
    expect(screen!.querySelector('.display-name')!.textContent).toBe('<img src=x onerror="xss=1">');
    expect([...screen!.querySelectorAll('.post-text .link')].map((link) => link.textContent)).toEqual(['@ana', '#tag']);
  });

  it('takes pushed posts at the top of the feeds they belong to, and drops deleted ones', async () => {
    await start(tweederServer({ feed: [post(1, BEN, 'first')] }));
    await vi.waitFor(() => expect(postTexts()).toEqual(['first']));
    await act(() => host!.emit('message', { type: 'posts.new', data: { item: item(post(2, BEN, 'only in latest')), feeds: ['latest'] } }));
    await act(() => host!.emit('message', { type: 'posts.new', data: { item: item(post(3, BEN, 'followed')), feeds: ['following', 'latest'] } }));
    await vi.waitFor(() => expect(postTexts()).toEqual(['followed', 'first']));
    await act(() => host!.emit('message', { type: 'posts.deleted', data: { id: 1 } }));
    await vi.waitFor(() => expect(postTexts()).toEqual(['followed']));
  });

  it('shows a like at once and puts it back when the server refuses', async () => {
    const server = tweederServer({ feed: [post(1, BEN, 'like me')] });
    await start(server);
    await vi.waitFor(() => expect(findButton('Like, 0')).toBeDefined());
    await click('Like, 0');
    await vi.waitFor(() => expect(findButton('Like, 1')!.getAttribute('aria-pressed')).toBe('true'));
    server.requests['posts.like'] = () => {
      throw new HandsetError('NOT_FOUND', 'no post 1');
    };
    await click('Like, 1');
    await vi.waitFor(() => expect(alerts()).toEqual(['no post 1']));
    expect(findButton('Like, 1')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('deletes the player’s own post only once they confirm', async () => {
    let answer = false;
    await start(tweederServer({ feed: [post(1, ANA, 'mine')] }), { confirm: () => answer });
    await vi.waitFor(() => expect(postTexts()).toEqual(['mine']));
    await click('More');
    await click('Delete post');
    await vi.waitFor(() => expect(host!.calls.filter((call) => call.method === 'dialog.confirm')).toHaveLength(1));
    expect(requestsOf('posts.delete')).toEqual([]);
    answer = true;
    await click('More');
    await click('Delete post');
    await vi.waitFor(() => expect(requestsOf('posts.delete')).toEqual([{ id: 1 }]));
    await vi.waitFor(() => expect(postTexts()).toEqual([]));
  });
});

describe('compose', () => {
  it('counts characters, suggests handles after @, and posts with one client id', async () => {
    await start(tweederServer());
    await vi.waitFor(() => expect(findButton('New post')).toBeDefined());
    await click('New post');
    expect(button('Post').disabled).toBe(true);
    await type('Post text', 'Hey @b');
    expect(screen!.querySelector('[aria-label="Characters left"]')!.textContent).toBe(String(280 - 6));
    await vi.waitFor(() => expect(findButton('@ben')).toBeDefined());
    await click('@ben');
    expect(field('Post text').value).toBe('Hey @ben ');
    await type('Post text', 'x'.repeat(281));
    expect(button('Post').disabled).toBe(true);
    expect(screen!.querySelector('.counter')!.className).toBe('counter over');
    await type('Post text', 'Hey @ben');
    await click('Post');
    await vi.waitFor(() => expect(findButton('New post')).toBeDefined());
    expect(requestsOf('posts.create')).toEqual([{ clientId: expect.stringMatching(/^[0-9a-f-]{36}$/), text: 'Hey @ben', photos: [] }]);
  });
});

describe('people and notifications', () => {
  it('asks to follow a private account from its profile, and reports it with a reason', async () => {
    await start(tweederServer({ feed: [post(1, BEN, 'locked')] }));
    await vi.waitFor(() => expect(findButton('@ben')).toBeDefined());
    await click('@ben');
    await vi.waitFor(() => expect(screen!.textContent).toContain('These posts are protected'));
    await click('Follow');
    await vi.waitFor(() => expect(findButton('Requested')).toBeDefined());
    await click('Requested');
    await vi.waitFor(() => expect(findButton('Follow')).toBeDefined());
    await click('Profile actions');
    await click('Report account');
    await click('Harassment');
    await vi.waitFor(() => expect(requestsOf('reports.create')).toEqual([{ accountId: BEN.id, reason: 'harassment' }]));
    expect(requestsOf('follows.follow')).toEqual([{ id: BEN.id }]);
    expect(requestsOf('follows.unfollow')).toEqual([{ id: BEN.id }]);
  });

  it('says who did what in grouped notifications, and marks them read when seen', async () => {
    const liked = post(5, ANA, 'my post');
    const groups: NotificationGroup[] = [
      { id: 9, kind: 'like', actors: [BEN, { ...BEN, id: 3, displayName: 'Cal' }], count: 3, post: liked, read: false, at: T0 },
      { id: 7, kind: 'follow', actors: [BEN], count: 1, post: null, read: true, at: T0 },
    ];
    await start(tweederServer({ notifications: groups }));
    await vi.waitFor(() => expect(findButton('New post')).toBeDefined());
    await act(() => [...screen!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((tab) => tab.textContent === 'Notifications')!.click());
    await vi.waitFor(() =>
      expect([...screen!.querySelectorAll('.notification-text')].map((text) => text.textContent)).toEqual(['Ben and 2 others liked your post', 'Ben followed you']),
    );
    await vi.waitFor(() => expect(requestsOf('notifications.read')).toEqual([{}]));
  });

  it("speaks the player's language, with its plural rules, and follows a change live", async () => {
    const groups: NotificationGroup[] = [{ id: 9, kind: 'like', actors: [BEN], count: 2, post: post(5, ANA, 'my post'), read: true, at: T0 }];
    const { host } = await start(tweederServer({ notifications: groups }), { settings: { locale: 'de-DE' } });
    await vi.waitFor(() => expect(findButton('Neuer Beitrag')).toBeDefined());
    const tabs = () => [...screen!.querySelectorAll('[role="tab"]')].filter(visible).map((tab) => tab.textContent);
    expect(tabs()).toEqual(['Folge ich', 'Neueste', 'Start', 'Suchen', 'Mitteilungen', 'Profil']);
    await act(() => [...screen!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((tab) => tab.textContent === 'Mitteilungen')!.click());
    await vi.waitFor(() => expect([...screen!.querySelectorAll('.notification-text')].map((text) => text.textContent)).toEqual(['Ben und 1 weitere Person haben deinen Beitrag mit „Gefällt mir“ markiert']));
    await act(() => host.emit('settings', { theme: 'dark', locale: 'es-ES', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect([...screen!.querySelectorAll('.notification-text')].map((text) => text.textContent)).toEqual(['Ben y 1 persona más han dado «Me gusta» a tu publicación']));
    expect(tabs()).toEqual(['Inicio', 'Buscar', 'Notificaciones', 'Perfil']);
  });

  it('opens in Spanish and turns German when the player changes the language', async () => {
    const { host } = await start(tweederServer(), { settings: { locale: 'es-ES' } });
    await vi.waitFor(() => expect(findButton('Nueva publicación')).toBeDefined());
    const title = () => [...screen!.querySelectorAll('.nav-title')].filter(visible).map((element) => element.textContent);
    const segments = () => [...screen!.querySelectorAll('.segments [role="tab"]')].map((tab) => tab.textContent);
    expect(title()).toEqual(['Inicio']);
    expect(segments()).toEqual(['Siguiendo', 'Recientes']);
    expect(screen!.textContent).toContain('Te damos la bienvenida a Tweeder');
    await act(() => host.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(title()).toEqual(['Start']));
    expect(findButton('Neuer Beitrag')).toBeDefined();
    expect(findButton('Nueva publicación')).toBeUndefined();
    expect(segments()).toEqual(['Folge ich', 'Neueste']);
    expect(screen!.textContent).toContain('Willkommen bei Tweeder');
  });

  it('switches which activity notifies, and unblocks from the blocked list', async () => {
    await start();
    await vi.waitFor(() => expect(findButton('New post')).toBeDefined());
    await act(() => [...screen!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((tab) => tab.textContent === 'Profile')!.click());
    await vi.waitFor(() => expect(findButton('Settings')).toBeDefined());
    await click('Settings');
    const likes = () => [...screen!.querySelectorAll<HTMLLabelElement>('.toggle-row')].find((row) => row.textContent === 'Likes')!.querySelector('input')!;
    await vi.waitFor(() => expect(likes().disabled).toBe(false));
    await act(() => likes().click());
    await vi.waitFor(() => expect(requestsOf('settings.set')).toEqual([{ notify: { likes: false, reposts: true, replies: true, mentions: true, follows: true } }]));
    await vi.waitFor(() => expect(findButton('Unblock')).toBeDefined());
    await click('Unblock');
    await vi.waitFor(() => expect(findButton('Unblock')).toBeUndefined());
    expect(requestsOf('blocks.unblock')).toEqual([{ id: BEN.id }]);
  });
});
