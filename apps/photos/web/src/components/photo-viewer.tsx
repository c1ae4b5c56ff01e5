import { BackIcon, MinusIcon, NavBar, PlusIcon, ShareIcon, StarIcon, TrashIcon, useTranslator } from '@handset/sdk/ui';
import { formatWhen, type Photo } from '../photos-api';
import { PhotoImage } from './photo-image';
import { messages } from '../messages';

/** What the viewer says under the photo: an action's refusal (an alert) or its outcome. */
export type Notice = { kind: 'error' | 'done'; text: string } | null;

export interface PhotoViewerProps {
  photo: Photo;
  /** Where Back leads: the grid's title. */
  backLabel: string;
  locale: string;
  hasPrevious: boolean;
  hasNext: boolean;
  /** An action is on its way: its buttons wait. */
  busy: boolean;
  notice: Notice;
  /** Shown in an album: offers Remove from Album. */
  inAlbum: boolean;
  /** The app may open the share sheet. */
  canShare: boolean;
  onBack(): void;
  onPrevious(): void;
  onNext(): void;
  onFavorite(favorite: boolean): void;
  onShare(): void;
  onAddToAlbum(): void;
  onRemoveFromAlbum(): void;
  onDelete(): void;
}

/** One photo over the whole page, with the newer and older ones a tap away, and its actions. */
export function PhotoViewer(props: PhotoViewerProps) {
  const t = useTranslator(messages);
  const { photo, backLabel, locale, hasPrevious, hasNext, busy, notice, inAlbum, canShare } = props;
  return (
    <section class="screen pushed viewer" aria-label={t('photo')}>
      <NavBar
        leading={
          <button type="button" class="back" onClick={props.onBack}>
            <BackIcon />
            {backLabel}
          </button>
        }
        title={<time dateTime={new Date(photo.createdAt).toISOString()}>{formatWhen(photo.createdAt, locale)}</time>}
      />

      <div class="stage">
        <PhotoImage key={photo.id} url={photo.url} class="viewer-image" />
        <button type="button" class="step previous" aria-label={t('previousPhoto')} disabled={!hasPrevious} onClick={props.onPrevious}>
          <BackIcon />
        </button>
        <button type="button" class="step next" aria-label={t('nextPhoto')} disabled={!hasNext} onClick={props.onNext}>
          <BackIcon />
        </button>
      </div>

      {notice?.kind === 'error' && (
        <p class="notice" role="alert">
          {notice.text}
        </p>
      )}
      {notice?.kind === 'done' && (
        <p class="done" role="status">
          {notice.text}
        </p>
      )}

      <nav class="toolbar" aria-label={t('photoActions')}>
        {canShare && (
          <button type="button" class="icon-button" aria-label={t('share')} title={t('share')} disabled={busy} onClick={props.onShare}>
            <ShareIcon />
          </button>
        )}
        <button
          type="button"
          class={photo.favorite ? 'icon-button favorite on' : 'icon-button favorite'}
          aria-label={t('favorite')}
          aria-pressed={photo.favorite}
          title={photo.favorite ? t('unfavorite') : t('favorite')}
          disabled={busy}
          onClick={() => props.onFavorite(!photo.favorite)}
        >
          <StarIcon filled={photo.favorite} />
        </button>
        <button type="button" class="icon-button" aria-label={t('addToAlbum')} title={t('addToAlbum')} disabled={busy} onClick={props.onAddToAlbum}>
          <PlusIcon />
        </button>
        {inAlbum && (
          <button type="button" class="icon-button" aria-label={t('removeFromAlbum')} title={t('removeFromAlbum')} disabled={busy} onClick={props.onRemoveFromAlbum}>
            <MinusIcon />
          </button>
        )}
        <button type="button" class="icon-button danger" aria-label={t('delete')} title={t('delete')} disabled={busy} onClick={props.onDelete}>
          <TrashIcon />
        </button>
      </nav>
    </section>
  );
}
