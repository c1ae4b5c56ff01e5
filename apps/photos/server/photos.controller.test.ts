import { expect, it } from 'vitest';
import type { RequestContext, ServerApp } from '@handset/sdk/server';
import type { PluginContext } from '@handset/sdk/server/plugin';
import { PHOTO_ADDED } from '../pushes';
import { registerPhotosRequests } from './photos.controller';
import type { Photo, PhotosService } from './photos.service';

type Handler = (context: RequestContext, input: unknown) => unknown;

const PHOTO: Photo = { id: 7, url: 'https://r2.fivemanage.com/7.jpg', favorite: false, createdAt: 1_800_000_000_000 };

/** The controller over online phones (source → phoneId) and an add that stores unless told it is a retry. */
function controller(online: Record<number, number>, stored = true) {
  const handlers = new Map<string, Handler>();
  const pushes: [number, string, unknown][] = [];
  const added: number[] = [];
  const app = {
    id: 'photos',
    // `serve` registers each action of the contract, as the SDK's does.
    serve: (contract: Record<string, unknown>, served: Record<string, Handler>) => {
      for (const action of Object.keys(contract)) handlers.set(action, served[action]!);
    },
    sendAppMessage: (source: number, type: string, data: unknown) => (pushes.push([source, type, data]), { ok: true }),
  };
  const service = {
    add: async (phoneId: number) => (added.push(phoneId), { photo: PHOTO, stored }),
  } as unknown as PhotosService;
  const sources = () => Object.entries(online).map(([source, phoneId]) => ({ source: Number(source), phoneId, number: '5550001' }));
  const context = {
    app: app as unknown as ServerApp,
    phones: {
      bySource: (source: number) => sources().find((phone) => phone.source === source) ?? null,
      byId: (phoneId: number) => sources().find((phone) => phone.phoneId === phoneId) ?? null,
    },
  } as unknown as PluginContext;
  registerPhotosRequests(context, service);
  return { handlers, pushes, added, online };
}

const add = { clientId: 'c1', url: PHOTO.url };

it('registers exactly the contract’s actions', () => {
  expect([...controller({}).handlers.keys()].sort()).toEqual([
    'albums.add',
    'albums.create',
    'albums.delete',
    'albums.list',
    'albums.remove',
    'photos.add',
    'photos.delete',
    'photos.favorite',
    'photos.list',
  ]);
});

it('pushes a stored photo to the player of the phone it was stored on', async () => {
  const { handlers, pushes, added } = controller({ 3: 12 });
  await expect(handlers.get('photos.add')!({ source: 3 }, add)).resolves.toEqual(PHOTO);
  expect(added).toEqual([12]);
  expect(pushes).toEqual([[3, PHOTO_ADDED, PHOTO]]);
  expect(PHOTO_ADDED).toBe('photos.added');
});

it('pushes nothing for a retry that stored nothing', async () => {
  const { handlers, pushes } = controller({ 3: 12 }, false);
  await expect(handlers.get('photos.add')!({ source: 3 }, add)).resolves.toEqual(PHOTO);
  expect(pushes).toEqual([]);
});

it('answers UNAVAILABLE to a player with no character loaded', async () => {
  const { handlers, pushes, added } = controller({});
  await expect(handlers.get('photos.add')!({ source: 3 }, add)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  expect(added).toEqual([]);
  expect(pushes).toEqual([]);
});
