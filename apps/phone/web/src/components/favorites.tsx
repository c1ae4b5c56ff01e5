import { useState } from 'preact/hooks';
import type { Favorite } from '../favorites';
import { initialsOf, MinusIcon, PlusIcon } from '@handset/sdk/ui';

export interface FavoritesProps {
  favorites: Favorite[] | null;
  error: string | null;
  onAdd(): void;
  onRemove(favorite: Favorite): void;
  onCall(favorite: Favorite): void;
}

/** The player's favorites, kept by this app: tap to call; Edit shows the remove buttons; + waits for the stored list, which it extends. */
export function Favorites({ favorites, error, onAdd, onRemove, onCall }: FavoritesProps) {
  const [editing, setEditing] = useState(false);
  const list = favorites ?? [];

  return (
    <section class="list-screen">
      <header class="list-header">
        <div class="header-bar">
          <button type="button" class="link-button" disabled={list.length === 0 && !editing} onClick={() => setEditing(!editing)}>
            {editing ? 'Done' : 'Edit'}
          </button>
          <button type="button" class="icon-button" aria-label="Add favorite" disabled={favorites === null} onClick={onAdd}>
            <PlusIcon />
          </button>
        </div>
        <h1>Favorites</h1>
      </header>

      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {favorites !== null && list.length === 0 && <p class="notice">No favorites yet. Tap + to add one from your contacts.</p>}

      <ul class="rows" aria-label="Favorites">
        {list.map((favorite) => (
          <li key={favorite.number} class="favorite">
            {editing && (
              <button type="button" class="remove-button" aria-label={`Remove ${favorite.name}`} onClick={() => onRemove(favorite)}>
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
