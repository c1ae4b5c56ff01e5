import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCoordinates } from '../format';
import { isContactCard, isLocation, isPhoto, isSavedCard } from '../messages-api';
import type { Bubble } from '../timeline';
import { formatNumber } from '@handset/sdk/app';
import { AlertIcon, Avatar, MoreIcon, PinIcon, useSettings, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface BubbleViewProps {
  bubble: Bubble;
  menuOpen: boolean;
  onMenu(open: boolean): void;
  onCopy(): void;
  onDelete(): void;
  onRetry(): void;
  onDiscard(): void;
  onAddContact(number: string): void;
}

/** How long a press lasts before it opens the message's menu, as on a touch screen. */
const LONG_PRESS_MS = 500;

/** One message: its bubble (text, photo, location or contact card), its state while pending, its menu. */
export function BubbleView({ bubble, menuOpen, onMenu, onCopy, onDelete, onRetry, onDiscard, onAddContact }: BubbleViewProps) {
  const t = useTranslator(messages);
  const press = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelPress = () => {
    if (press.current !== null) clearTimeout(press.current);
    press.current = null;
  };
  useEffect(() => cancelPress, []);
  const menu = useRef<HTMLDivElement>(null);
  // The menu opens under its message: bring it into view when that is at the edge of the conversation.
  useEffect(() => {
    if (menuOpen) menu.current?.scrollIntoView?.({ block: 'nearest' });
  }, [menuOpen]);

  const stored = bubble.id !== null;
  const failed = bubble.pending?.status === 'failed';
  const card = bubble.kind !== 'text';
  const classes = ['message', bubble.mine ? 'mine' : 'theirs', bubble.tail && 'tail', bubble.pending && 'pending', failed && 'failed', card && 'has-card'];

  return (
    <div class={classes.filter(Boolean).join(' ')} data-key={bubble.key}>
      {bubble.sender && <p class="sender">{bubble.sender}</p>}
      <div class="message-row">
        <div
          class={`bubble bubble-${bubble.kind}`}
          role="article"
          aria-busy={bubble.pending?.status === 'sending' ? true : undefined}
          onPointerDown={() => {
            if (!stored) return;
            cancelPress();
            press.current = setTimeout(() => onMenu(true), LONG_PRESS_MS);
          }}
          onPointerUp={cancelPress}
          onPointerLeave={cancelPress}
          onPointerCancel={cancelPress}
          onContextMenu={(event) => {
            if (!stored) return;
            event.preventDefault();
            onMenu(true);
          }}
        >
          <Content bubble={bubble} onAddContact={onAddContact} />
        </div>
        {stored && (
          <button
            type="button"
            class="message-more"
            aria-label={t('messageOptions')}
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            onClick={() => onMenu(!menuOpen)}
          >
            <MoreIcon />
          </button>
        )}
        {failed && (
          <span class="failed-mark" title={t('notDelivered')}>
            <AlertIcon />
          </span>
        )}
      </div>
      {menuOpen && (
        <div class="message-menu" role="menu" aria-label={t('messageOptions')} ref={menu}>
          {bubble.body !== '' && (
            <button type="button" role="menuitem" onClick={onCopy}>
              {t('copy')}
            </button>
          )}
          <button type="button" role="menuitem" class="danger" onClick={onDelete}>
            {t('deleteForMe')}
          </button>
          <button type="button" role="menuitem" onClick={() => onMenu(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      {bubble.pending?.status === 'sending' && <p class="status">{t('sending')}</p>}
      {failed && (
        <div class="status failed-status">
          <span class="failed-text">{bubble.pending?.error ? t('notDeliveredBecause', { reason: bubble.pending.error }) : t('notDelivered')}</span>
          <span class="failed-actions">
            <button type="button" class="link-button" onClick={onRetry}>
              {t('retry')}
            </button>
            <button type="button" class="link-button" onClick={onDiscard}>
              {t('discard')}
            </button>
          </span>
        </div>
      )}
      {bubble.receipt && <p class="status receipt">{bubble.receipt}</p>}
    </div>
  );
}

function Content({ bubble, onAddContact }: { bubble: Bubble; onAddContact(number: string): void }) {
  const t = useTranslator(messages);
  const { numberFormat } = useSettings();
  const { attachment, body } = bubble;
  const caption = body !== '' && <p class="bubble-text caption">{body}</p>;
  if (bubble.kind === 'photo' && isPhoto(attachment)) return <Photo url={attachment.url} caption={caption} />;
  if (bubble.kind === 'location' && isLocation(attachment)) {
    return (
      <>
        <div class="card location-card">
          <span class="card-icon pin">
            <PinIcon />
          </span>
          <span class="card-text">
            <span class="card-title">{attachment.label ?? t('location')}</span>
            <span class="card-subtitle">{formatCoordinates(attachment.x, attachment.y)}</span>
          </span>
        </div>
        {caption}
      </>
    );
  }
  if (bubble.kind === 'contact' && isContactCard(attachment)) {
    return (
      <>
        <div class="card contact-card">
          <div class="card-main">
            <Avatar name={attachment.name} size="small" />
            <span class="card-text">
              <span class="card-title">{attachment.name}</span>
              <span class="card-subtitle">{formatNumber(attachment.number, numberFormat)}</span>
            </span>
          </div>
          {/* Not for a number the player saved already, nor for a card they shared from their own contacts. */}
          {!bubble.mine && !isSavedCard(attachment) && (
            <button type="button" class="card-action" onClick={() => onAddContact(attachment.number)}>
              {t('addToContacts')}
            </button>
          )}
        </div>
        {caption}
      </>
    );
  }
  return <p class="bubble-text">{body}</p>;
}

/** A photo from an https host the server owner allows; anything else (or one that fails to load) is a placeholder. */
function Photo({ url, caption }: { url: string; caption: ComponentChildren }) {
  const t = useTranslator(messages);
  const [broken, setBroken] = useState(false);
  const shown = url.startsWith('https://') && !broken;
  return (
    <>
      {shown ? (
        <img class="photo" src={url} alt={t('photo')} draggable={false} referrerpolicy="no-referrer" onError={() => setBroken(true)} />
      ) : (
        <span class="photo missing">{t('photoUnavailable')}</span>
      )}
      {caption}
    </>
  );
}
