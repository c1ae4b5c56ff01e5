import { avatarName, type Contact } from '../contacts-api';
import { Avatar, BackIcon, BlockIcon, CallIcon, NavBar, ShareIcon, StarIcon, TrashIcon, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

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
  const t = useTranslator(messages);
  return (
    <section class="screen detail-screen pushed" aria-label={contact.displayName}>
      <NavBar
        leading={
          <button type="button" class="back" onClick={onBack}>
            <BackIcon />
            {t('contacts')}
          </button>
        }
        trailing={
          <button type="button" class="text-button" onClick={onEdit} disabled={busy}>
            {t('edit')}
          </button>
        }
      />
      <div class="scroll grouped">
        <div class="profile">
          <Avatar name={avatarName(contact)} imageUrl={contact.avatarUrl} size="large" />
          <h2 class="profile-name">{contact.displayName}</h2>
          {contact.blocked && <p class="tag">{t('blocked')}</p>}
        </div>

        <div class="actions">
          <button type="button" class="action" disabled={busy} onClick={onCall}>
            <CallIcon />
            <span>{t('call')}</span>
          </button>
          <button type="button" class="action" disabled={busy} onClick={onShare}>
            <ShareIcon />
            <span>{t('share')}</span>
          </button>
          <button
            type="button"
            class={contact.favorite ? 'action on' : 'action'}
            disabled={busy}
            onClick={() => onFavorite(!contact.favorite)}
          >
            <StarIcon filled={contact.favorite} />
            <span>{contact.favorite ? t('unfavorite') : t('favorite')}</span>
          </button>
          <button type="button" class="action" disabled={busy} onClick={() => onBlock(!contact.blocked)}>
            <BlockIcon />
            <span>{contact.blocked ? t('unblock') : t('block')}</span>
          </button>
          <button type="button" class="action danger" disabled={busy} onClick={onDelete}>
            <TrashIcon />
            <span>{t('delete')}</span>
          </button>
        </div>

        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}

        <dl class="card fields">
          <div class="field">
            <dt>{t('mobile')}</dt>
            <dd class="number">{contact.displayNumber}</dd>
          </div>
          {contact.notes !== '' && (
            <div class="field">
              <dt>{t('notes')}</dt>
              <dd class="notes">{contact.notes}</dd>
            </div>
          )}
        </dl>
      </div>
    </section>
  );
}
