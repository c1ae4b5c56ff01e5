import { avatarName, type Contact } from '../contacts-api';
import { Avatar, BackIcon, BlockIcon, CallIcon, NavBar, ShareIcon, StarIcon, TrashIcon } from '@handset/sdk/ui';

export interface ContactDetailProps {
  contact: Contact;
  /** An action is on its way: its buttons wait. */
  busy: boolean;
  error: string | null;
  onBack(): void;
  onEdit(): void;
  onFavorite(favorite: boolean): void;
  onBlock(blocked: boolean): void;
  onDelete(): void;
  /** Opens the Phone app's keypad with this number. */
  onCall(): void;
  /** The share sheet: the contact's name and number to another app (a conversation). */
  onShare(): void;
}

/** One contact: photo, name, number and notes, with its actions. */
export function ContactDetail({ contact, busy, error, onBack, onEdit, onFavorite, onBlock, onDelete, onCall, onShare }: ContactDetailProps) {
  return (
    <section class="screen detail-screen pushed" aria-label={contact.displayName}>
      <NavBar
        leading={
          <button type="button" class="back" onClick={onBack}>
            <BackIcon />
            Contacts
          </button>
        }
        trailing={
          <button type="button" class="text-button" onClick={onEdit} disabled={busy}>
            Edit
          </button>
        }
      />
      <div class="scroll grouped">
        <div class="profile">
          <Avatar name={avatarName(contact)} imageUrl={contact.avatarUrl} size="large" />
          <h2 class="profile-name">{contact.displayName}</h2>
          {contact.blocked && <p class="tag">Blocked</p>}
        </div>

        <div class="actions">
          <button type="button" class="action" disabled={busy} onClick={onCall}>
            <CallIcon />
            <span>Call</span>
          </button>
          <button type="button" class="action" disabled={busy} onClick={onShare}>
            <ShareIcon />
            <span>Share</span>
          </button>
          <button
            type="button"
            class={contact.favorite ? 'action on' : 'action'}
            disabled={busy}
            onClick={() => onFavorite(!contact.favorite)}
          >
            <StarIcon filled={contact.favorite} />
            <span>{contact.favorite ? 'Unfavorite' : 'Favorite'}</span>
          </button>
          <button type="button" class="action" disabled={busy} onClick={() => onBlock(!contact.blocked)}>
            <BlockIcon />
            <span>{contact.blocked ? 'Unblock' : 'Block'}</span>
          </button>
          <button type="button" class="action danger" disabled={busy} onClick={onDelete}>
            <TrashIcon />
            <span>Delete</span>
          </button>
        </div>

        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}

        <dl class="card fields">
          <div class="field">
            <dt>mobile</dt>
            <dd class="number">{contact.displayNumber}</dd>
          </div>
          {contact.notes !== '' && (
            <div class="field">
              <dt>Notes</dt>
              <dd class="notes">{contact.notes}</dd>
            </div>
          )}
        </dl>
      </div>
    </section>
  );
}
