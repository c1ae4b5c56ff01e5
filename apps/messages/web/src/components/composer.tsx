import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { MAX_BODY_LENGTH } from '../messages-api';
import { CameraIcon, ContactCardIcon, PhotoIcon, PinIcon, SendIcon, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface ComposerProps {
  text: string;
  /** Whether there is somewhere to send to (a new message needs its recipient first). */
  ready: boolean;
  /** The pickers the app's grants allow. */
  gallery: boolean;
  camera: boolean;
  contacts: boolean;
  location: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onText(text: string): void;
  onSend(): void;
  onPhoto(source: 'gallery' | 'camera'): void;
  onContact(): void;
  onLocation(): void;
}

/** The tallest the box grows, about five lines, before it scrolls. */
const MAX_HEIGHT_PX = 112;

/** The message box: attachments, the text (Enter sends, Shift+Enter breaks the line) and Send. No <form>: the frame runs scripts only. */
export function Composer({ text, ready, gallery, camera, contacts, location, inputRef, onText, onSend, onPhoto, onContact, onLocation }: ComposerProps) {
  const t = useTranslator(messages);
  const canSend = ready && text.trim() !== '';

  // The box grows with its text (wrapped lines too), up to MAX_HEIGHT_PX.
  useLayoutEffect(() => {
    const box = inputRef.current;
    if (!box) return;
    box.style.height = '';
    if (box.scrollHeight > box.clientHeight) box.style.height = `${Math.min(box.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  return (
    <div class="composer">
      {(gallery || camera) && (
        <button
          type="button"
          class="composer-button"
          aria-label={t('attachPhoto')}
          title={t('attachPhoto')}
          disabled={!ready}
          onClick={() => onPhoto(gallery ? 'gallery' : 'camera')}
        >
          <PhotoIcon />
        </button>
      )}
      {gallery && camera && (
        <button type="button" class="composer-button" aria-label={t('takePhoto')} title={t('takePhoto')} disabled={!ready} onClick={() => onPhoto('camera')}>
          <CameraIcon />
        </button>
      )}
      {contacts && (
        <button type="button" class="composer-button" aria-label={t('attachContact')} title={t('attachContact')} disabled={!ready} onClick={onContact}>
          <ContactCardIcon />
        </button>
      )}
      {location && (
        <button type="button" class="composer-button" aria-label={t('shareLocation')} title={t('shareLocation')} disabled={!ready} onClick={onLocation}>
          <PinIcon />
        </button>
      )}
      <div class="composer-field">
        <textarea
          ref={inputRef}
          aria-label={t('message')}
          placeholder={t('message')}
          rows={1}
          value={text}
          maxLength={MAX_BODY_LENGTH}
          onInput={(event) => onText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
            event.preventDefault();
            if (canSend) onSend();
          }}
        />
        <button type="button" class="send-button" aria-label={t('send')} title={t('send')} disabled={!canSend} onClick={onSend}>
          <SendIcon />
        </button>
      </div>
    </div>
  );
}
