import type { ComponentChildren } from 'preact';
import { EmptyState, ErrorNotice, ListRow, ListSection, useTranslator } from '@handset/sdk/ui';
import type { Album } from '../photos-api';
import { messages } from '../messages';

export interface AlbumListProps {
  /** Null until the first answer. */
  albums: Album[] | null;
  error: string | null;
  panel: { id: string; tabId: string };
  /** Notices above the list (a refused name …). */
  children?: ComponentChildren;
  onOpen(album: Album): void;
  onCreate(): void;
  onRetry(): void;
}

/** The albums glyph (the kit has none): two photos stacked. */
export function AlbumsIcon() {
  return (
    <svg class="glyph" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round">
      <rect x="3" y="7" width="14" height="13" rx="2.5" />
      <path d="M7 4h11.5A2.5 2.5 0 0 1 21 6.5V16" stroke-linecap="round" />
    </svg>
  );
}

/** The player's albums by name, each with how many photos it holds. */
export function AlbumList({ albums, error, panel, children, onOpen, onCreate, onRetry }: AlbumListProps) {
  const t = useTranslator(messages);
  return (
    <div class="scroll" id={panel.id} role="tabpanel" aria-labelledby={panel.tabId}>
      {children}

      {error && (
        <ErrorNotice message={error} onRetry={onRetry} />
      )}

      {albums === null && !error && <p class="placeholder">{t('loading')}</p>}

      {albums !== null && albums.length === 0 && (
        <EmptyState title={t('noAlbums')} message={t('noAlbumsHint')} action={{ label: t('createAlbum'), onClick: onCreate }} />
      )}

      {albums !== null && albums.length > 0 && (
        <ListSection>
          {albums.map((album) => (
            <ListRow
              key={album.id}
              leading={
                <span class="album-glyph">
                  <AlbumsIcon />
                </span>
              }
              title={album.name}
              subtitle={t('photoCount', { count: album.photoCount })}
              label={album.name}
              onClick={() => onOpen(album)}
            />
          ))}
        </ListSection>
      )}
    </div>
  );
}
