// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type HandsetApp } from '@handset/sdk/app';
import { createFakeHost, HandsetError, type FakeHost, type FakeHostOptions } from '@handset/sdk/testing';
import { AppProvider } from '@handset/sdk/ui';
import { App } from '../src/app';
import type { Album, Photo } from '../src/photos-api';

const T0 = Date.UTC(2026, 11, 4, 20, 30);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const urlOf = (id: number) => `https://r2.fivemanage.com/${id}.jpg`;
const photo = (id: number, favorite = false): Photo => ({ id, url: urlOf(id), favorite, createdAt: T0 + id * 60_000 });

/** The server plugin's contract (apps/photos/README.md), in memory: photos 1…count, newest (highest id) first. */
function photosServer(count = 0) {
  const photos: Photo[] = Array.from({ length: count }, (_, at) => photo(at + 1));
  const albums: (Album & { photoIds: number[] })[] = [];
  let nextId = count + 1;
  const byClientId = new Map<string, Photo>();
  const find = (id: number) => {
    const found = photos.find((candidate) => candidate.id === id);
    if (!found) throw new HandsetError('NOT_FOUND', `no photo ${id}`);
    return found;
  };
  const album = (id: number) => {
    const found = albums.find((candidate) => candidate.id === id);
    if (!found) throw new HandsetError('NOT_FOUND', `no album ${id}`);
    return found;
  };
  const requests: Record<string, (payload: unknown) => unknown> = {
    'photos.list': (payload) => {
      const { cursor, limit = 30, favorites, albumId } = payload as { cursor?: number; limit?: number; favorites?: boolean; albumId?: number };
      const inAlbum = albumId === undefined ? null : album(albumId).photoIds;
      const matching = photos
        .filter((one) => (cursor === undefined || one.id < cursor) && (!favorites || one.favorite) && (!inAlbum || inAlbum.includes(one.id)))
        .sort((a, b) => b.id - a.id);
      const page = matching.slice(0, limit).map((one) => ({ ...one }));
      return { photos: page, cursor: matching.length > limit ? page.at(-1)!.id : null };
    },
    'photos.add': (payload) => {
      const { clientId, url } = payload as { clientId: string; url: string };
      const earlier = byClientId.get(clientId);
      if (earlier) return earlier;
      if (!url.startsWith('https://r2.fivemanage.com/')) throw new HandsetError('INVALID_INPUT', 'url must be an https image on a host the server allows');
      if (photos.length >= 50) throw new HandsetError('QUOTA_EXCEEDED', 'a gallery holds at most 50 photos');
      const added = { id: nextId++, url, favorite: false, createdAt: T0 + 99 * 60_000 };
      photos.push(added);
      byClientId.set(clientId, added);
      return added;
    },
    'photos.favorite': (payload) => {
      const { id, favorite } = payload as { id: number; favorite: boolean };
      return { ...Object.assign(find(id), { favorite }) };
    },
    'photos.delete': (payload) => {
      const { id } = payload as { id: number };
      photos.splice(photos.indexOf(find(id)), 1);
      for (const one of albums) one.photoIds = one.photoIds.filter((other) => other !== id);
      return null;
    },
    'albums.list': () =>
      [...albums].sort((a, b) => a.name.localeCompare(b.name)).map(({ photoIds, ...rest }) => ({ ...rest, photoCount: photoIds.length })),
    'albums.create': (payload) => {
      const { name } = payload as { name: string };
      if (albums.some((one) => one.name === name)) throw new HandsetError('ALREADY_EXISTS', `an album is already called "${name}"`);
      const created = { id: albums.length + 1, name, photoCount: 0, photoIds: [] };
      albums.push(created);
      return { id: created.id, name, photoCount: 0 };
    },
    'albums.delete': (payload) => {
      albums.splice(albums.indexOf(album((payload as { id: number }).id)), 1);
      return null;
    },
    'albums.add': (payload) => {
      const { albumId, photoId } = payload as { albumId: number; photoId: number };
      find(photoId);
      const target = album(albumId);
      if (!target.photoIds.includes(photoId)) target.photoIds.push(photoId);
      return null;
    },
    'albums.remove': (payload) => {
      const { albumId, photoId } = payload as { albumId: number; photoId: number };
      const target = album(albumId);
      if (!target.photoIds.includes(photoId)) throw new HandsetError('NOT_FOUND', `no photo in the album ${photoId}`);
      target.photoIds = target.photoIds.filter((other) => other !== photoId);
      return null;
    },
  };
  return { photos, albums, requests };
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
  delete document.documentElement.dataset['theme'];
});

/** Renders the app against a fake phone (with the manifest's grants) whose server side is `server`. */
async function start(server = photosServer(5), options: FakeHostOptions = {}) {
  host = createFakeHost({ appId: 'photos', grants: ['camera', 'share'], requests: server.requests, ...options });
  app = await connect({ window: host.window });
  screen = document.body.appendChild(document.createElement('div'));
  await act(() => render(<AppProvider app={app!}><App app={app!} /></AppProvider>, screen!));
  return { host, server };
}

const shown = (element: Element) => !element.closest('[hidden], [inert]');
/** A button by its accessible name: aria-label, else its text. */
const findButton = (name: string) =>
  [...screen!.querySelectorAll('button')].find((element) => shown(element) && (element.getAttribute('aria-label') ?? element.textContent!.trim()) === name);
const button = (name: string) => {
  const found = findButton(name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
const click = (name: string) => act(() => button(name).click());
/** The grid's photos, as the URLs of their thumbnails, top left first. */
const grid = () => [...screen!.querySelectorAll('.thumb')].filter(shown).map((thumb) => thumb.querySelector('img')?.getAttribute('src') ?? null);
const ids = (...list: number[]) => list.map(urlOf);
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, at) => from - at);
const alerts = () => [...screen!.querySelectorAll('[role="alert"]')].filter(shown).map((alert) => alert.textContent?.trim());
const viewer = () => screen!.querySelector<HTMLElement>('.viewer');
const viewed = () => viewer()?.querySelector('.viewer-image')?.getAttribute('src') ?? null;
const rows = () => [...screen!.querySelectorAll('.list-row')].filter(shown).map((row) => row.textContent);
const requests = (action: string) =>
  host!.calls.flatMap((call) => {
    const input = call.input as { action: string; payload: unknown };
    return call.method === 'request' && input.action === action ? [input.payload] : [];
  });
const inputsOf = (method: string) => host!.calls.filter((call) => call.method === method).map((call) => call.input);
const press = (key: string) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  return act(() => void document.body.dispatchEvent(event)).then(() => event);
};
const scrollGrid = () => act(() => void screen!.querySelector('#photos-panel, .scroll')!.dispatchEvent(new Event('scroll')));
const loaded = () => vi.waitFor(() => expect(grid().length).toBeGreaterThan(0));
const when = (at: number, locale = 'en-US') => new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

describe('the grid', () => {
  it('shows the gallery newest first, and loads the next page as the player scrolls to the end', async () => {
    await start(photosServer(45));
    await loaded();
    expect(grid()).toEqual(ids(...range(45, 16)));
    expect(requests('photos.list')).toEqual([{ limit: 30 }]);
    await scrollGrid();
    await vi.waitFor(() => expect(grid()).toEqual(ids(...range(45, 1))));
    expect(requests('photos.list')).toEqual([{ limit: 30 }, { limit: 30, cursor: 16 }]);
    await scrollGrid();
    expect(requests('photos.list')).toHaveLength(2);
  });

  it('loads images without a referrer, and shows a placeholder for one that fails', async () => {
    await start(photosServer(2));
    await loaded();
    const images = [...screen!.querySelectorAll('.thumb img')];
    expect(images.map((image) => image.getAttribute('referrerpolicy'))).toEqual(['no-referrer', 'no-referrer']);
    await act(() => void images[0]!.dispatchEvent(new Event('error')));
    expect(grid()).toEqual([null, urlOf(1)]);
    expect(screen!.querySelector('.thumb [role="img"]')!.getAttribute('aria-label')).toBe('Photo unavailable');
  });

  it("names each photo by its date in the phone's language and locale, and follows a change live", async () => {
    const { host } = await start(photosServer(1), { settings: { locale: 'de-DE' } });
    await loaded();
    expect(screen!.querySelector('.thumb')!.getAttribute('aria-label')).toBe(`Foto, ${when(T0 + 60_000, 'de-DE')}`);
    expect([...screen!.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent)).toEqual(['Fotos', 'Favoriten', 'Alben']);
    expect(when(T0 + 60_000, 'de-DE')).not.toBe(when(T0 + 60_000));
    await act(() => host.emit('settings', { theme: 'light', locale: 'en-US', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(screen!.querySelector('.thumb')!.getAttribute('aria-label')).toBe(`Photo, ${when(T0 + 60_000)}`));
    expect([...screen!.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent)).toEqual(['Photos', 'Favorites', 'Albums']);
  });

  it("speaks the player's language, and follows a change of language live", async () => {
    const server = photosServer(1);
    server.albums.push({ id: 1, name: 'Trip', photoCount: 1, photoIds: [1] });
    const { host } = await start(server, { settings: { locale: 'es-ES' } });
    await loaded();
    const texts = () => [screen!.querySelector('h1')!.textContent, ...[...screen!.querySelectorAll('.header-actions button')].map((action) => action.getAttribute('aria-label'))];
    const tabs = () => [...screen!.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent);
    expect(texts()).toEqual(['Fotos', 'Hacer foto', 'Importar foto']);
    expect(tabs()).toEqual(['Fotos', 'Favoritas', 'Álbumes']);
    await act(() => host.emit('settings', { theme: 'dark', locale: 'de-DE', phoneNumber: '555-0100', numberFormat: '555-####', clockFormat: '24h', textSize: 'medium', streamerMode: false }));
    await vi.waitFor(() => expect(texts()).toEqual(['Fotos', 'Foto aufnehmen', 'Foto importieren']));
    expect(tabs()).toEqual(['Fotos', 'Favoriten', 'Alben']);
    await click('Alben');
    await vi.waitFor(() => expect(rows()).toEqual(['Trip1 Foto']));
    expect(texts()).toEqual(['Alben', 'Neues Album']);
  });

  it('says so when the gallery and the favorites are empty', async () => {
    await start(photosServer(0));
    await vi.waitFor(() => expect(screen!.querySelector('.empty')?.textContent).toBe('No PhotosPhotos you take or import will appear here.'));
    await click('Favorites');
    await vi.waitFor(() => expect(screen!.querySelector('.empty')?.textContent).toBe('No FavoritesPhotos you mark as favorites will appear here.'));
    expect(requests('photos.list')).toEqual([{ limit: 30 }, { limit: 30, favorites: true }]);
    expect(button('Favorites').getAttribute('aria-selected')).toBe('true');
  });

  it("shows the server's error, and loads again on Try again", async () => {
    const server = photosServer(3);
    const list = server.requests['photos.list']!;
    let fail = true;
    server.requests['photos.list'] = (payload) => {
      if (fail) throw new HandsetError('UNAVAILABLE', 'no character is loaded');
      return list(payload);
    };
    await start(server);
    await vi.waitFor(() => expect(alerts()).toEqual(['no character is loaded']));
    fail = false;
    await click('Try again');
    await vi.waitFor(() => expect(grid()).toEqual(ids(3, 2, 1)));
    expect(alerts()).toEqual([]);
  });

  it('prepends a photo the server pushes, once, and only to the whole gallery', async () => {
    const { host, server } = await start(photosServer(3));
    await loaded();
    server.photos.push(photo(4));
    await act(() => host.push('photos.added', photo(4)));
    await vi.waitFor(() => expect(grid()).toEqual(ids(4, 3, 2, 1)));
    await act(() => host.push('photos.added', photo(4)));
    await act(() => host.push('photos.added', photo(3)));
    await act(() => host.push('photos.added', { ...photo(5), favorite: true }));
    await vi.waitFor(() => expect(grid()).toEqual(ids(5, 4, 3, 2, 1)));
    await click('Favorites');
    await vi.waitFor(() => expect(screen!.querySelector('.empty')).not.toBeNull());
    await act(() => host.push('photos.added', photo(6)));
    await act(() => host.push('photos.added', { ...photo(7), favorite: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(grid()).toEqual([]);
  });
});

describe('the viewer', () => {
  const open = async (id: number) => {
    await loaded();
    await act(() => (screen!.querySelectorAll<HTMLButtonElement>('.thumb')[grid().indexOf(urlOf(id))]!).click());
  };

  it('shows the photo and its date, steps to newer and older ones, and goes back', async () => {
    await start(photosServer(3));
    await open(2);
    expect(viewed()).toBe(urlOf(2));
    expect(viewer()!.querySelector('.viewer-image')!.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(viewer()!.querySelector('time')!.textContent).toBe(when(T0 + 2 * 60_000));
    await click('Previous photo');
    expect(viewed()).toBe(urlOf(3));
    expect(button('Previous photo').disabled).toBe(true);
    await click('Next photo');
    await click('Next photo');
    expect(viewed()).toBe(urlOf(1));
    expect(button('Next photo').disabled).toBe(true);
    await press('ArrowLeft');
    expect(viewed()).toBe(urlOf(2));
    await click('Photos');
    expect(viewer()).toBeNull();
    expect(grid()).toHaveLength(3);
  });

  it('loads the next page when it reaches the oldest photo loaded', async () => {
    await start(photosServer(31));
    await open(2);
    await vi.waitFor(() => expect(requests('photos.list')).toEqual([{ limit: 30 }, { limit: 30, cursor: 2 }]));
    await vi.waitFor(() => expect(button('Next photo').disabled).toBe(false));
    await click('Next photo');
    expect(viewed()).toBe(urlOf(1));
  });

  it('closes on Escape, and leaves Escape on the grid to the phone', async () => {
    await start(photosServer(2));
    await open(1);
    expect((await press('Escape')).defaultPrevented).toBe(true);
    expect(viewer()).toBeNull();
    expect((await press('Escape')).defaultPrevented).toBe(false);
  });

  it('makes a photo a favorite and back', async () => {
    await start(photosServer(3));
    await open(2);
    expect(button('Favorite').getAttribute('aria-pressed')).toBe('false');
    await click('Favorite');
    await vi.waitFor(() => expect(button('Favorite').getAttribute('aria-pressed')).toBe('true'));
    await click('Favorite');
    await vi.waitFor(() => expect(button('Favorite').getAttribute('aria-pressed')).toBe('false'));
    expect(requests('photos.favorite')).toEqual([
      { id: 2, favorite: true },
      { id: 2, favorite: false },
    ]);
  });

  it('lists a new favorite under Favorites, starred', async () => {
    await start(photosServer(3));
    await open(2);
    await click('Favorite');
    await vi.waitFor(() => expect(button('Favorite').getAttribute('aria-pressed')).toBe('true'));
    await click('Photos');
    expect(screen!.querySelectorAll('.thumb-favorite')).toHaveLength(1);
    await click('Favorites');
    await vi.waitFor(() => expect(grid()).toEqual(ids(2)));
  });

  it("shares the photo's URL through the share sheet", async () => {
    const { host } = await start(photosServer(2), { shareTo: 'messages' });
    await open(1);
    await click('Share');
    await vi.waitFor(() => expect(inputsOf('share.open')).toEqual([{ url: urlOf(1) }]));
    expect(alerts()).toEqual([]);
    expect(host.calls.at(-1)!.method).toBe('share.open');
  });

  it('offers Share only when the app may share', async () => {
    await start(photosServer(2), { grants: ['camera'] });
    await open(1);
    expect(findButton('Share')).toBeUndefined();
  });

  it('deletes a photo only once the player confirms, then shows the next older one', async () => {
    let answer = false;
    await start(photosServer(3), { confirm: () => answer });
    await open(2);
    await click('Delete');
    await vi.waitFor(() =>
      expect(inputsOf('dialog.confirm')).toEqual([
        { title: 'Delete Photo?', message: 'This photo will be deleted from your library and every album.', confirmLabel: 'Delete', destructive: true },
      ]),
    );
    expect(requests('photos.delete')).toEqual([]);
    expect(viewed()).toBe(urlOf(2));

    answer = true;
    await click('Delete');
    await vi.waitFor(() => expect(viewed()).toBe(urlOf(1)));
    expect(requests('photos.delete')).toEqual([{ id: 2 }]);
    await click('Photos');
    expect(grid()).toEqual(ids(3, 1));
  });

  it("shows the server's refusal of an action", async () => {
    const server = photosServer(2);
    server.requests['photos.favorite'] = () => {
      throw new HandsetError('RATE_LIMITED', 'Slow down');
    };
    await start(server);
    await open(1);
    await click('Favorite');
    await vi.waitFor(() => expect(alerts()).toEqual(['Slow down']));
    expect(button('Favorite').getAttribute('aria-pressed')).toBe('false');
  });
});

describe('albums', () => {
  const names: Record<string, string | null> = {};
  const prompt = (input: { title: string }) => names[input.title] ?? null;

  it('are created by name, and a name in use is refused with the server’s message', async () => {
    names['New Album'] = '  Trip ';
    await start(photosServer(2), { prompt });
    await click('Albums');
    await vi.waitFor(() => expect(screen!.querySelector('.empty')?.textContent).toBe('No AlbumsAlbums you create will appear here.Create an album'));
    await click('New album');
    await vi.waitFor(() => expect(rows()).toEqual(['Trip0 photos']));
    expect(inputsOf('dialog.prompt')).toEqual([{ title: 'New Album', message: 'Enter a name for this album.', placeholder: 'Title', maxLength: 40 }]);
    expect(requests('albums.create')).toEqual([{ name: 'Trip' }]);

    names['New Album'] = 'Trip';
    await click('New album');
    await vi.waitFor(() => expect(alerts()).toEqual(['an album is already called "Trip"']));
    expect(rows()).toEqual(['Trip0 photos']);
  });

  it('take a photo from the viewer, list it, and let it go again', async () => {
    names['New Album'] = 'Trip';
    const { server } = await start(photosServer(3), { prompt });
    await click('Albums');
    await click('New album');
    await vi.waitFor(() => expect(rows()).toEqual(['Trip0 photos']));

    await click('Photos');
    await loaded();
    await act(() => screen!.querySelector<HTMLButtonElement>('.thumb')!.click());
    await click('Add to Album');
    await vi.waitFor(() => expect(screen!.querySelector('.action-sheet')).not.toBeNull());
    expect([...screen!.querySelectorAll('.action-sheet button')].map((item) => item.textContent)).toEqual(['Trip', 'New Album…', 'Cancel']);
    await click('Trip');
    await vi.waitFor(() => expect(screen!.querySelector('[role="status"]')?.textContent).toBe('Added to Trip'));
    expect(requests('albums.add')).toEqual([{ albumId: 1, photoId: 3 }]);

    await click('Photos');
    await click('Albums');
    await vi.waitFor(() => expect(rows()).toEqual(['Trip1 photo']));
    await click('Trip');
    await vi.waitFor(() => expect(grid()).toEqual(ids(3)));
    expect(requests('photos.list').at(-1)).toEqual({ limit: 30, albumId: 1 });
    expect(screen!.querySelector('.album-title')!.textContent).toBe('Trip');

    await act(() => screen!.querySelector<HTMLButtonElement>('.thumb')!.click());
    await click('Remove from Album');
    await vi.waitFor(() => expect(viewer()).toBeNull());
    expect(requests('albums.remove')).toEqual([{ albumId: 1, photoId: 3 }]);
    expect(screen!.querySelector('.empty')?.textContent).toBe('No PhotosOpen a photo and tap Add to Album to put it here.');
    expect(server.photos).toHaveLength(3);
    await click('Albums');
    await vi.waitFor(() => expect(rows()).toEqual(['Trip0 photos']));
  });

  it('can be created from the viewer for the photo shown', async () => {
    names['New Album'] = 'Cars';
    await start(photosServer(2), { prompt });
    await loaded();
    await act(() => screen!.querySelector<HTMLButtonElement>('.thumb')!.click());
    await click('Add to Album');
    await vi.waitFor(() => expect(screen!.querySelector('.action-sheet')).not.toBeNull());
    await click('New Album…');
    await vi.waitFor(() => expect(screen!.querySelector('[role="status"]')?.textContent).toBe('Added to Cars'));
    expect(requests('albums.list')).toEqual([{}]);
    expect(requests('albums.create')).toEqual([{ name: 'Cars' }]);
    expect(requests('albums.add')).toEqual([{ albumId: 1, photoId: 2 }]);
  });

  it('are deleted once the player confirms, keeping their photos', async () => {
    const server = photosServer(2);
    server.albums.push({ id: 7, name: 'Trip', photoCount: 0, photoIds: [1] });
    await start(server);
    await click('Albums');
    await vi.waitFor(() => expect(rows()).toEqual(['Trip1 photo']));
    await click('Trip');
    await vi.waitFor(() => expect(grid()).toEqual(ids(1)));
    await click('Delete Album');
    await vi.waitFor(() => expect(requests('albums.delete')).toEqual([{ id: 7 }]));
    expect(inputsOf('dialog.confirm')).toEqual([
      { title: 'Delete Album?', message: '“Trip” will be deleted. Its photos stay in your library.', confirmLabel: 'Delete', destructive: true },
    ]);
    await vi.waitFor(() => expect(screen!.querySelector('.empty')?.textContent).toBe('No AlbumsAlbums you create will appear here.Create an album'));
    expect(server.photos).toHaveLength(2);
  });

  it('step back to the list on Escape', async () => {
    const server = photosServer(1);
    server.albums.push({ id: 1, name: 'Trip', photoCount: 0, photoIds: [] });
    await start(server);
    await click('Albums');
    await vi.waitFor(() => expect(rows()).toEqual(['Trip0 photos']));
    await click('Trip');
    expect((await press('Escape')).defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(rows()).toEqual(['Trip0 photos']));
  });
});

describe('adding photos', () => {
  it('imports a photo by URL and shows it first', async () => {
    await start(photosServer(2), { prompt: () => ' https://r2.fivemanage.com/new.jpg ' });
    await loaded();
    await click('Import photo');
    await vi.waitFor(() => expect(grid()).toEqual(['https://r2.fivemanage.com/new.jpg', ...ids(2, 1)]));
    expect(inputsOf('dialog.prompt')).toEqual([{ title: 'Import Photo', message: 'Paste the link of an https image.', placeholder: 'https://', maxLength: 500 }]);
    expect(requests('photos.add')).toEqual([{ clientId: expect.stringMatching(UUID), url: 'https://r2.fivemanage.com/new.jpg' }]);
  });

  it("shows the server's INVALID_INPUT message, and a retry of the same URL keeps its clientId", async () => {
    let url = 'https://evil.example.org/1.jpg';
    await start(photosServer(2), { prompt: () => url });
    await loaded();
    await click('Import photo');
    await vi.waitFor(() => expect(alerts()).toEqual(['url must be an https image on a host the server allows']));
    expect(grid()).toEqual(ids(2, 1));
    await click('Import photo');
    await vi.waitFor(() => expect(requests('photos.add')).toHaveLength(2));
    url = 'https://r2.fivemanage.com/ok.jpg';
    await click('Import photo');
    await vi.waitFor(() => expect(grid()).toHaveLength(3));
    expect(alerts()).toEqual([]);
    const [first, retry, other] = requests('photos.add') as { clientId: string }[];
    expect(retry!.clientId).toBe(first!.clientId);
    expect(other!.clientId).not.toBe(first!.clientId);
  });

  it('shows QUOTA_EXCEEDED the same way', async () => {
    await start(photosServer(50), { prompt: () => 'https://r2.fivemanage.com/51.jpg' });
    await loaded();
    await click('Import photo');
    await vi.waitFor(() => expect(alerts()).toEqual(['a gallery holds at most 50 photos']));
  });

  it('does nothing when the player cancels the prompt', async () => {
    await start(photosServer(2), { prompt: () => null });
    await loaded();
    await click('Import photo');
    await vi.waitFor(() => expect(inputsOf('dialog.prompt')).toHaveLength(1));
    expect(requests('photos.add')).toEqual([]);
  });

  it('reloads the first page after the camera took a photo (the phone stores it)', async () => {
    const server = photosServer(2);
    const { host } = await start(server, { photo: { url: 'https://r2.fivemanage.com/3.jpg' } });
    await loaded();
    server.photos.push(photo(3));
    await click('Take photo');
    await vi.waitFor(() => expect(grid()).toEqual(ids(3, 2, 1)));
    expect(inputsOf('camera.capture')).toEqual([{}]);
    expect(requests('photos.list')).toEqual([{ limit: 30 }, { limit: 30 }]);
    expect(host.calls.filter((call) => call.method === 'request').map((call) => (call.input as { action: string }).action)).not.toContain('photos.add');
  });

  it('loads nothing again when the player puts the camera away', async () => {
    await start(photosServer(2));
    await loaded();
    await click('Take photo');
    await vi.waitFor(() => expect(inputsOf('camera.capture')).toEqual([{}]));
    expect(requests('photos.list')).toEqual([{ limit: 30 }]);
  });

  it('offers the camera only when the app may use it', async () => {
    await start(photosServer(2), { grants: ['share'] });
    await loaded();
    expect(findButton('Take photo')).toBeUndefined();
  });
});
