import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { EmptyState, ErrorNotice, StarIcon, useTranslator } from '@handset/sdk/ui';
import { formatWhen, type Photo } from '../photos-api';
import { PhotoImage } from './photo-image';
import { messages } from '../messages';

export interface PhotoGridProps {
  /** Null until the first page came. */
  photos: Photo[] | null;
  /** Why the last page could not be loaded, if it could not. */
  error: string | null;
  /** An older page is on its way. */
  loadingMore: boolean;
  locale: string;
  /** What an empty grid says. */
  empty: { title: string; message: string };
  /** The tab panel's id and its tab's. */
  panel: { id: string; tabId: string };
  /** Notices above the grid (an import's refusal …). */
  children?: ComponentChildren;
  onOpen(photo: Photo): void;
  /** The end of the grid is close: time for the next page. */
  onMore(): void;
  onRetry(): void;
}

/** How close to the end of the grid the next page starts loading, in pixels. */
const MORE_MARGIN = 240;

/** Photos three to a row, newest first; older pages load as the player scrolls. */
export function PhotoGrid({ photos, error, loadingMore, locale, empty, panel, children, onOpen, onMore, onRetry }: PhotoGridProps) {
  const t = useTranslator(messages);
  const scroller = useRef<HTMLDivElement>(null);
  const nearEnd = (grid: HTMLElement) => grid.scrollTop + grid.clientHeight >= grid.scrollHeight - MORE_MARGIN;

  // A page that does not fill the screen (or the photos left after deletes) gives nothing to scroll: load on.
  // A grid with no height is not laid out (hidden): it waits.
  useEffect(() => {
    const grid = scroller.current;
    if (grid && grid.clientHeight > 0 && nearEnd(grid)) onMore();
  }, [photos?.length ?? -1]);

  return (
    <div
      ref={scroller}
      class="scroll"
      id={panel.id}
      role="tabpanel"
      aria-labelledby={panel.tabId}
      onScroll={(event) => {
        if (nearEnd(event.currentTarget)) onMore();
      }}
    >
      {children}

      {error && (
        <ErrorNotice message={error} onRetry={onRetry} />
      )}

      {photos === null && !error && <p class="placeholder">{t('loading')}</p>}

      {photos !== null && photos.length === 0 && !error && <EmptyState title={empty.title} message={empty.message} />}

      {photos !== null && photos.length > 0 && (
        <ul class="grid">
          {photos.map((photo) => (
            <li key={photo.id}>
              <button type="button" class="thumb" aria-label={t('photoAt', { when: formatWhen(photo.createdAt, locale) })} onClick={() => onOpen(photo)}>
                <PhotoImage url={photo.url} class="thumb-image" />
                {photo.favorite && (
                  <span class="thumb-favorite">
                    <StarIcon filled />
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}

      {loadingMore && <p class="placeholder more">{t('loading')}</p>}
    </div>
  );
}
