import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { ActionSheet, BackIcon, CameraIcon, NavBar, PhotoIcon, PlusIcon, type SheetAction, StarIcon, type Tab, TabBar, useMessage, usePaged, useSettings, useTranslator } from '@handset/sdk/ui';
import { AlbumList, AlbumsIcon } from './components/album-list';
import { PhotoGrid } from './components/photo-grid';
import { PhotoViewer, type Notice } from './components/photo-viewer';
import { errorText, newestFirst, PHOTO_ADDED, photosApi, type Album, type Photo, type Source } from './photos-api';
import { messages } from './messages';

type TabId = 'photos' | 'favorites' | 'albums';

const TABS = [
  { id: 'photos', icon: <PhotoIcon /> },
  { id: 'favorites', icon: <StarIcon filled /> },
  { id: 'albums', icon: <AlbumsIcon /> },
] as const;
const PANEL_ID = 'photos-panel';
const panel = (tab: TabId) => ({ id: PANEL_ID, tabId: `tab-${tab}` });

const EMPTY = {
  all: { title: 'noPhotos', message: 'noPhotosHint' },
  favorites: { title: 'noFavorites', message: 'noFavoritesHint' },
  album: { title: 'noPhotos', message: 'emptyAlbumHint' },
} as const;

const byName = (albums: Album[]) => [...albums].sort((a, b) => a.name.localeCompare(b.name));

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const api = useMemo(() => photosApi(app), [app]);
  const { locale } = useSettings();
  const [tab, setTab] = useState<TabId>('photos');
  const [openAlbum, setOpenAlbum] = useState<Album | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const [albumSheet, setAlbumSheet] = useState(false);
  const [albums, setAlbums] = useState<Album[] | null>(null);
  const [albumsError, setAlbumsError] = useState<string | null>(null);
  /** A refusal on the main screen (an import, the camera, a new album's name). */
  const [listError, setListError] = useState<string | null>(null);
  const [viewerNotice, setViewerNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  /** The last import that failed: the same URL again is a retry and keeps its clientId, so it is stored once. */
  const lastImport = useRef<{ url: string; clientId: string } | null>(null);
  const albumLoads = useRef(0);

  const source: Source | null =
    tab === 'photos' ? { kind: 'all' } : tab === 'favorites' ? { kind: 'favorites' } : openAlbum ? { kind: 'album', album: openAlbum } : null;
  const sourceKey = source?.kind === 'album' ? `album-${source.album.id}` : (source?.kind ?? 'albums');
  const sourceRef = useRef(source);
  sourceRef.current = source;

  const load = useCallback(
    (cursor: number | null) => (source ? api.list(source, cursor) : Promise.resolve({ items: [], next: null })),
    [api, sourceKey],
  );
  const paged = usePaged<Photo, number>(load);
  const shown = useMemo(() => newestFirst(paged.items), [paged.items]);
  const index = viewing === null ? -1 : shown.findIndex((photo) => photo.id === viewing);
  const current = index === -1 ? null : shown[index]!;

  /** Loads the album list; an answer that a newer load overtook is dropped. */
  const loadAlbums = async () => {
    const load = ++albumLoads.current;
    try {
      const list = await api.albums();
      if (load !== albumLoads.current) return;
      setAlbums(list);
      setAlbumsError(null);
    } catch (error) {
      if (load === albumLoads.current) setAlbumsError(errorText(error, t));
    }
  };

  // A photo stored elsewhere (the camera, another import) joins the gallery's grid; the grid drops the copy a page brings.
  useMessage(PHOTO_ADDED, (data) => {
    if (sourceRef.current?.kind === 'all') paged.update((items) => [data as Photo, ...items]);
  });

  const closeViewer = () => {
    setViewing(null);
    setViewerNotice(null);
    setAlbumSheet(false);
  };

  const view = (photo: Photo | null) => {
    setViewerNotice(null);
    setViewing(photo?.id ?? null);
  };

  const selectTab = (next: TabId) => {
    closeViewer();
    setListError(null);
    setOpenAlbum(null);
    setTab(next);
    if (next === 'albums') void loadAlbums();
  };

  const leaveAlbum = () => {
    closeViewer();
    setListError(null);
    setOpenAlbum(null);
    void loadAlbums();
  };

  // Escape steps back inside the app (sheet, viewer, album); on a tab's root it is the phone's. Arrows step through photos.
  const keys = useRef<(event: KeyboardEvent) => void>(() => {});
  keys.current = (event) => {
    if (event.defaultPrevented) return;
    if (event.key === 'Escape' && (albumSheet || current || openAlbum)) {
      event.preventDefault();
      if (albumSheet) setAlbumSheet(false);
      else if (current) closeViewer();
      else leaveAlbum();
    } else if (current && !albumSheet && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      const next = shown[index + (event.key === 'ArrowLeft' ? -1 : 1)];
      if (!next) return;
      event.preventDefault();
      view(next);
    }
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => keys.current(event);
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  // Viewing the oldest photo loaded: the next page comes, so Next can go on.
  const atEnd = current !== null && index === shown.length - 1;
  useEffect(() => {
    if (atEnd && !paged.done && !paged.loading && !paged.error) paged.loadMore();
  }, [atEnd, paged.done, paged.loading, paged.error]);

  // Gone while shown (a reload without it): back to the grid.
  useEffect(() => {
    if (viewing !== null && !current && !paged.loading) closeViewer();
  }, [viewing, current, paged.loading]);

  /** Runs one action of the viewer, showing its refusal, if any. */
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setViewerNotice(null);
    try {
      await action();
    } catch (error) {
      setViewerNotice({ kind: 'error', text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  /** Takes `photo` off the grid and shows the next older one, else the newer one, else the grid. */
  const drop = (photo: Photo) => {
    const at = shown.findIndex((other) => other.id === photo.id);
    view(shown[at + 1] ?? shown[at - 1] ?? null);
    paged.update((items) => items.filter((other) => other.id !== photo.id));
  };

  const importPhoto = async () => {
    setListError(null);
    try {
      const url = (await app.prompt({ title: t('importTitle'), message: t('importMessage'), placeholder: 'https://', maxLength: 500 }))?.trim();
      if (!url) return;
      const clientId = lastImport.current?.url === url ? lastImport.current.clientId : crypto.randomUUID();
      lastImport.current = { url, clientId };
      const photo = await api.add(clientId, url);
      lastImport.current = null;
      if (sourceRef.current?.kind === 'all') paged.update((items) => [photo, ...items]);
    } catch (error) {
      setListError(errorText(error, t));
    }
  };

  // The phone saves what the camera takes to this gallery itself; the grid shows it from the first page again.
  const capture = async () => {
    setListError(null);
    try {
      if (await app.capturePhoto()) paged.reload();
    } catch (error) {
      setListError(errorText(error, t));
    }
  };

  /** Asks for a name and creates the album; null when the player cancels. Throws the server's refusal. */
  const createAlbum = async (): Promise<Album | null> => {
    const name = (await app.prompt({ title: t('newAlbumTitle'), message: t('newAlbumMessage'), placeholder: t('albumTitlePlaceholder'), maxLength: 40 }))?.trim();
    if (!name) return null;
    const album = await api.createAlbum(name);
    setAlbums((list) => byName([...(list ?? []), album]));
    return album;
  };

  const createFromList = async () => {
    setListError(null);
    try {
      await createAlbum();
    } catch (error) {
      setListError(errorText(error, t));
    }
  };

  const deleteAlbum = async (album: Album) => {
    setListError(null);
    try {
      const confirmed = await app.confirm({
        title: t('deleteAlbumTitle'),
        message: t('deleteAlbumMessage', { album: album.name }),
        confirmLabel: t('delete'),
        destructive: true,
      });
      if (!confirmed) return;
      await api.deleteAlbum(album.id);
      setAlbums((list) => list?.filter((other) => other.id !== album.id) ?? null);
      leaveAlbum();
    } catch (error) {
      setListError(errorText(error, t));
    }
  };

  const addToAlbum = (photo: Photo, pick: () => Promise<Album | null>) =>
    run(async () => {
      const album = await pick();
      if (!album) return;
      await api.addToAlbum(album.id, photo.id);
      setViewerNotice({ kind: 'done', text: t('addedTo', { album: album.name }) });
    });

  const openAlbumSheet = () =>
    run(async () => {
      if (albums === null) setAlbums(await api.albums());
      setAlbumSheet(true);
    });

  const sheetActions = (photo: Photo): SheetAction[] => [
    ...(albums ?? [])
      .filter((album) => album.id !== openAlbum?.id)
      .map((album) => ({ label: album.name, onSelect: () => void addToAlbum(photo, async () => album) })),
    { label: t('newAlbumItem'), onSelect: () => void addToAlbum(photo, createAlbum) },
  ];

  const favorite = (photo: Photo, value: boolean) =>
    run(async () => {
      const updated = await api.setFavorite(photo.id, value);
      paged.update((items) => items.map((other) => (other.id === updated.id ? updated : other)));
    });

  const share = (photo: Photo) => run(async () => void (await app.share({ url: photo.url })));

  const remove = (photo: Photo) =>
    run(async () => {
      const confirmed = await app.confirm({
        title: t('deletePhotoTitle'),
        message: t('deletePhotoMessage'),
        confirmLabel: t('delete'),
        destructive: true,
      });
      if (!confirmed) return;
      await api.remove(photo.id);
      drop(photo);
    });

  const removeFromAlbum = (photo: Photo, album: Album) =>
    run(async () => {
      await api.removeFromAlbum(album.id, photo.id);
      drop(photo);
    });

  const grants = app.info.grants;
  const grid = source && (
    <PhotoGrid
      // Empty only once the last page came: photos deleted off the first page leave older ones to load.
      photos={shown.length === 0 && !paged.done ? null : shown}
      error={paged.error ? errorText(paged.error, t) : null}
      loadingMore={paged.loading && shown.length > 0}
      locale={locale}
      empty={{ title: t(EMPTY[source.kind].title), message: t(EMPTY[source.kind].message) }}
      panel={panel(tab)}
      onOpen={view}
      onMore={() => {
        // After a failure, Try again asks again, not every scroll.
        if (!paged.error) paged.loadMore();
      }}
      onRetry={paged.loadMore}
    >
      {listError && (
        <p class="notice" role="alert">
          {listError}
        </p>
      )}
    </PhotoGrid>
  );

  return (
    <main class="app">
      <section class="screen" aria-label={t('photos')} inert={current !== null}>
        {openAlbum ? (
          <NavBar
            leading={
              <button type="button" class="back" onClick={leaveAlbum}>
                <BackIcon />
                {t('albums')}
              </button>
            }
            title={<h1 class="album-title">{openAlbum.name}</h1>}
            trailing={
              <button type="button" class="text-button danger" aria-label={t('deleteAlbum')} onClick={() => void deleteAlbum(openAlbum)}>
                {t('delete')}
              </button>
            }
          />
        ) : (
          <header class="list-header">
            <div class="title-row">
              <h1>{t(tab)}</h1>
              <div class="header-actions">
                {tab === 'photos' && grants.includes('camera') && (
                  <button type="button" class="icon-button" aria-label={t('takePhoto')} title={t('takePhoto')} onClick={() => void capture()}>
                    <CameraIcon />
                  </button>
                )}
                {tab === 'photos' && (
                  <button type="button" class="icon-button" aria-label={t('importPhoto')} title={t('importPhoto')} onClick={() => void importPhoto()}>
                    <PlusIcon />
                  </button>
                )}
                {tab === 'albums' && (
                  <button type="button" class="icon-button" aria-label={t('newAlbum')} title={t('newAlbum')} onClick={() => void createFromList()}>
                    <PlusIcon />
                  </button>
                )}
              </div>
            </div>
          </header>
        )}

        {grid ?? (
          <AlbumList albums={albums} error={albumsError} panel={panel('albums')} onOpen={setOpenAlbum} onCreate={() => void createFromList()} onRetry={() => void loadAlbums()}>
            {listError && (
              <p class="notice" role="alert">
                {listError}
              </p>
            )}
          </AlbumList>
        )}

        <TabBar label={t('photos')} tabs={TABS.map(({ id, icon }): Tab<TabId> => ({ id, icon, label: t(id) }))} selected={tab} panelId={PANEL_ID} onSelect={selectTab} />
      </section>

      {current && (
        <PhotoViewer
          photo={current}
          backLabel={openAlbum?.name ?? t(tab)}
          locale={locale}
          hasPrevious={index > 0}
          hasNext={index < shown.length - 1}
          busy={busy}
          notice={viewerNotice}
          inAlbum={openAlbum !== null}
          canShare={grants.includes('share')}
          onBack={closeViewer}
          onPrevious={() => view(shown[index - 1]!)}
          onNext={() => view(shown[index + 1]!)}
          onFavorite={(value) => void favorite(current, value)}
          onShare={() => void share(current)}
          onAddToAlbum={() => void openAlbumSheet()}
          onRemoveFromAlbum={() => openAlbum && void removeFromAlbum(current, openAlbum)}
          onDelete={() => void remove(current)}
        />
      )}

      {current && albumSheet && <ActionSheet title={t('addToAlbum')} actions={sheetActions(current)} onClose={() => setAlbumSheet(false)} />}
    </main>
  );
}
