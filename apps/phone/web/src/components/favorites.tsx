import { useState } from 'preact/hooks';
import type { Favorite } from '../favorites';
import { initialsOf, MinusIcon, PlusIcon, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface FavoritesProps {
  favorites: Favorite[] | null;
  error: string | null;
  onAdd(): void;
  onRemove(favorite: Favorite): void;
  onCall(favorite: Favorite): void;
}

/** The player's favorites, kept by this app: tap to call; Edit shows the remove buttons; + waits for the stored list, which it extends. */
export function Favorites({ favorites, error, onAdd, onRemove, onCall }: FavoritesProps) {
  const t = useTranslator(messages);
  const [editing, setEditing] = useState(false);
  const list = favorites ?? [];

  return (
    <section class="list-screen">
      <header class="list-header">
        <div class="header-bar">
          <button type="button" class="link-button" disabled={list.length === 0 && !editing} onClick={() => setEditing(!editing)}>
            {editing ? t('done') : t('edit')}
          </button>
          <button type="button" class="icon-button" aria-label={t('addFavorite')} disabled={favorites === null} onClick={onAdd}>
            <PlusIcon />
          </button>
        </div>
        <h1>{t('favorites')}</h1>
      </header>

      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {favorites !== null && list.length === 0 && <p class="notice">{t('noFavorites')}</p>}

      <ul class="rows" aria-label={t('favorites')}>
        {list.map((favorite) => (
          <li key={favorite.number} class="favorite">
            {editing && (
              <button type="button" class="remove-button" aria-label={t('removeFavorite', { name: favorite.name })} onClick={() => onRemove(favorite)}>
                <MinusIcon />
              </button>
            )}
            <button type="button" class="row-button" onClick={() => onCall(favorite)}>
              <span class="avatar" aria-hidden="true">
                {initialsOf(favorite.name)}
              </span>
              <span class="row-main">
                <span class="row-title">{favorite.name}</span>
                <span class="row-subtitle">{favorite.number}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
