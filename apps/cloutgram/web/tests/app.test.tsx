// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, HandsetError, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { AppProvider } from '@handset/sdk/ui';
import { App } from '../src/app';
import type { AccountCard, Comment, NotificationGroup, Post, Profile, Story } from '../src/cloutgram-api';

const T0 = Date.now() - 5 * 60_000;
/** What a stored XSS would try through a name, a caption, a place and a comment: it must stay text. */
const XSS = '<img src=x onerror="xss=1">';
const ANA: AccountCard = { id: 1, handle: 'ana', displayName: 'Ana', avatar: null, verified: false, bot: false };
const BEN: AccountCard = { id: 2, handle: 'ben', displayName: XSS, avatar: null, verified: true, bot: false };
const relation = { following: 'no', followsYou: false, blocking: false, muting: false } as const;
const profile = (card: AccountCard, me: boolean, story: Profile['story'] = 'none'): Profile => ({
  ...card,
  bio: '',
  private: false,
  followers: 0,
  following: 0,
  posts: 0,
  me,
  relation,
  visible: true,
  story,
});
const post = (id: number, author: AccountCard, caption: string, fields: Partial<Post> = {}): Post => ({
  id,
  author,
  photos: [`https://i.imgur.com/${id}a.png`, `https://i.imgur.com/${id}b.png`],
  caption,
  location: null,
  likes: 0,
  comments: 0,
  liked: false,
  saved: false,
  createdAt: T0 + id * 1000,
  ...fields,
});

/** Cloutgram's server side in memory: Ana (the player, once signed up), Ben, the feed and Ben's story given. */
function cloutgramServer(options: { me?: Profile | null; feed?: Post[]; notifications?: NotificationGroup[]; refuseLikes?: boolean } = {}) {
  let me = options.me === undefined ? profile(ANA, true) : options.me;
  const feed = [...(options.feed ?? [])];
  const comments: Comment[] = [];
  const story: Story = { id: 9, author: BEN, photo: 'https://i.imgur.com/story.png', seen: false, createdAt: T0, expiresAt: T0 + 86_400_000, views: null };
  const requests: Record<string, (payload: unknown) => unknown> = {
    'profiles.me': () => me,
    'profiles.claim': (payload) => {
      const { handle, displayName } = payload as { handle: string; displayName: string };
      if (handle === 'taken') throw new HandsetError('ALREADY_EXISTS', '@taken is taken');
      me = profile({ ...ANA, handle, displayName }, true);
      return me;
    },
    'feed.following': () => ({ posts: feed, cursor: null }),
    'feed.explore': () => ({ posts: feed, cursor: null }),
    'stories.tray': () => ({ rings: [{ account: BEN, seen: false, latestAt: T0 }], cursor: null }),
    'stories.of': () => [story],
    'stories.view': () => null,
    'stories.reply': () => null,
    'posts.get': (payload) => feed.find((entry) => entry.id === (payload as { id: number }).id),
    'posts.like': (payload) => {
      const { id, liked } = payload as { id: number; liked: boolean };
      if (options.refuseLikes) throw new HandsetError('NOT_FOUND', `no post ${id}`);
      const found = feed.find((entry) => entry.id === id)!;
      Object.assign(found, { liked, likes: found.likes + (liked ? 1 : -1) });
      return { ...found };
    },
    'posts.save': (payload) => {
      const { id, saved } = payload as { id: number; saved: boolean };
      return { ...feed.find((entry) => entry.id === id)!, saved };
    },
    'posts.create': (payload) => {
      const { photos, caption, location } = payload as { photos: string[]; caption: string; location: string };
      const created = post(100, ANA, caption, { photos, location });
      feed.unshift(created);
      return created;
    },
    'comments.list': (payload) => ({ comments: comments.filter((comment) => comment.postId === (payload as { postId: number }).postId), cursor: null }),
    'comments.create': (payload) => {
      const { postId, text } = payload as { postId: number; text: string };
      const created: Comment = { id: comments.length + 1, postId, parentId: null, author: ANA, text, likes: 0, liked: false, replies: 0, createdAt: Date.now() };
      comments.push(created);
      return created;
    },
    'notifications.list': () => ({ groups: options.notifications ?? [], cursor: null }),
    'notifications.read': () => null,
    'profiles.get': (payload) => ((payload as { id: number }).id === ANA.id ? me : profile(BEN, false, 'unseen')),
    'profiles.posts': () => ({ posts: feed.filter((entry) => entry.author.id === (me?.id ?? 0)), cursor: null }),
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

async function start(server = cloutgramServer(), options: FakeHostOptions = {}) {
  host = createFakeHost({ appId: 'cloutgram', requests: server.requests, grants: ['gallery', 'camera'], ...options });
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
const type = (id: string, value: string) =>
  act(() => {
    const input = screen!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const captions = () => [...screen!.querySelectorAll('article.post')].filter(visible).map((article) => article.querySelector('.caption-text')?.textContent ?? null);
const requestsOf = (action: string) =>
  host!.calls.filter((call) => call.method === 'request' && (call.input as { action: string }).action === action).map((call) => (call.input as { payload: unknown }).payload);
const alerts = () => [...screen!.querySelectorAll('[role="alert"]')].filter(visible).map((alert) => alert.textContent);

describe('sign-up', () => {
  it('asks a new character for a handle and a name, shows the server’s refusal, then opens Home', async () => {
    await start(cloutgramServer({ me: null }));
    await vi.waitFor(() => expect(findButton('Sign up')).toBeDefined());
    expect(button('Sign up').disabled).toBe(true);
    await type('field-handle', '@taken');
    await type('field-name', 'Ana');
    await click('Sign up');
    await vi.waitFor(() => expect(alerts()).toEqual(['@taken is taken']));
    await type('field-handle', 'ana');
    await click('Sign up');
    await vi.waitFor(() => expect(findButton('Home')).toBeDefined());
    expect(requestsOf('profiles.claim')).toEqual([
      { handle: 'taken', displayName: 'Ana' },
      { handle: 'ana', displayName: 'Ana' },
    ]);
  });
});

describe('feed', () => {
  it('shows players’ names, captions and places as text, and takes pushes: a new post, new counts, a deleted post', async () => {
    await start(cloutgramServer({ feed: [post(1, BEN, XSS, { location: XSS })] }));
    await vi.waitFor(() => expect(captions()).toEqual([XSS]));
    expect(screen!.querySelector('.location')!.textContent).toBe(XSS);
    expect(screen!.querySelectorAll('article img[src="x"]')).toHaveLength(0);
    expect((window as unknown as { xss?: number }).xss).toBeUndefined();
    // Two photos: one at a time, stepped with the buttons.
    expect(screen!.querySelector('.post-photo')!.getAttribute('alt')).toBe('Photo 1 of 2');
    await click('Next photo');
    expect(screen!.querySelector('.post-photo')!.getAttribute('src')).toBe('https://i.imgur.com/1b.png');

    await act(() => host!.emit('message', { type: 'posts.new', data: { post: post(2, BEN, 'explore only'), feeds: ['explore'] } }));
    await act(() => host!.emit('message', { type: 'posts.new', data: { post: post(3, BEN, 'followed'), feeds: ['following', 'explore'] } }));
    await vi.waitFor(() => expect(captions()).toEqual(['followed', XSS]));
    await act(() => host!.emit('message', { type: 'posts.counts', data: { id: 3, likes: 7, comments: 2 } }));
    await vi.waitFor(() => expect(findButton('Like, 7')).toBeDefined());
    expect(findButton('View all 2 comments')).toBeDefined();
    await act(() => host!.emit('message', { type: 'posts.deleted', data: { id: 1 } }));
    await vi.waitFor(() => expect(captions()).toEqual(['followed']));
  });

  it('likes at once and puts the like back when the server refuses', async () => {
    await start(cloutgramServer({ feed: [post(1, BEN, 'pier')], refuseLikes: true }));
    await vi.waitFor(() => expect(findButton('Like, 0')).toBeDefined());
    await act(() => button('Like, 0').click());
    await vi.waitFor(() => expect(alerts()).toEqual(['no post 1']));
    expect(button('Like, 0').getAttribute('aria-pressed')).toBe('false');
  });

  it('opens a post’s comments, adds one as text, and saves the post', async () => {
    await start(cloutgramServer({ feed: [post(1, BEN, 'pier')] }));
    await vi.waitFor(() => expect(findButton('Comments, 0')).toBeDefined());
    await click('Comments, 0');
    await vi.waitFor(() => expect(screen!.querySelector('#comment-text')).not.toBeNull());
    await type('comment-text', XSS);
    await click('Post');
    await vi.waitFor(() => expect([...screen!.querySelectorAll('.comment-text')].map((node) => node.textContent)).toEqual([XSS]));
    expect(requestsOf('comments.create')).toEqual([{ clientId: expect.stringMatching(/^[0-9a-f-]{36}$/), postId: 1, text: XSS }]);
    await act(() => [...screen!.querySelectorAll<HTMLButtonElement>('button[aria-label="Save"]')].filter(visible)[0]!.click());
    await vi.waitFor(() => expect(requestsOf('posts.save')).toEqual([{ id: 1, saved: true }]));
  });
});

describe('new post and stories', () => {
  it('posts the picked photos with a caption and a place, once', async () => {
    await start(cloutgramServer(), { photo: { url: 'https://i.imgur.com/picked.png' } });
    await vi.waitFor(() => expect(findButton('New post')).toBeDefined());
    await click('New post');
    expect(button('Share').disabled).toBe(true);
    await click('Add photo');
    await vi.waitFor(() => expect(screen!.querySelectorAll('.compose-photos img')).toHaveLength(1));
    await click('Add photo');
    await vi.waitFor(() => expect(screen!.querySelectorAll('.compose-photos img')).toHaveLength(2));
    await click('Remove photo');
    await type('caption', 'Golden hour');
    await type('location', 'Del Perro');
    await click('Share');
    await vi.waitFor(() => expect(captions()).toEqual(['Golden hour']));
    expect(requestsOf('posts.create')).toEqual([{ clientId: expect.any(String), photos: ['https://i.imgur.com/picked.png'], caption: 'Golden hour', location: 'Del Perro' }]);
  });

  it('shows a followed account’s story, marks it seen and sends a reply', async () => {
    await start();
    await vi.waitFor(() => expect(findButton('Story of @ben')).toBeDefined());
    await click('Story of @ben');
    await vi.waitFor(() => expect(screen!.querySelector('.story-photo img')).not.toBeNull());
    await vi.waitFor(() => expect(requestsOf('stories.view')).toEqual([{ id: 9 }]));
    await type('story-reply', 'Love it');
    await click('Send');
    await vi.waitFor(() => expect(screen!.querySelector('[role="status"]')!.textContent).toBe('Reply sent in Messages.'));
    expect(requestsOf('stories.reply')).toEqual([{ id: 9, text: 'Love it' }]);
  });
});

describe('activity', () => {
  it('groups notifications in words and marks them read when opened', async () => {
    const groups: NotificationGroup[] = [
      { id: 3, kind: 'like', actors: [BEN, ANA], count: 3, postId: 1, thumbnail: 'https://i.imgur.com/1a.png', text: null, read: false, at: T0 },
      { id: 2, kind: 'comment', actors: [BEN], count: 1, postId: 1, thumbnail: null, text: XSS, read: false, at: T0 },
    ];
    await start(cloutgramServer({ notifications: groups }));
    await vi.waitFor(() => expect(findButton('Home')).toBeDefined());
    await act(() => host!.emit('message', { type: 'notifications.changed', data: { unread: 2 } }));
    await vi.waitFor(() => expect(findButton('Activity (2)')).toBeDefined());
    await click('Activity (2)');
    await vi.waitFor(() => expect([...screen!.querySelectorAll('.notification-text')].map((node) => node.textContent)).toEqual(['ben and 2 others liked your post', 'ben commented on your post']));
    expect([...screen!.querySelectorAll('.list-row-subtitle')].map((node) => node.textContent)).toEqual([XSS]);
    expect(requestsOf('notifications.read')).toEqual([{}]);
  });
});
