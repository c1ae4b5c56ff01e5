import { useEffect, useRef, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { Avatar, CameraIcon, CloseIcon, ListRow, NavBar, PhotoIcon, useTranslator } from '@handset/sdk/ui';
import { errorText, newClientId, useAccountSearch, type Post, type TweederApi } from '../tweeder-api';
import { messages } from '../messages';

/** The server's default limit; the owner's own is enforced there, and its refusal shown. */
const MAX_LENGTH = 280;
const MAX_PHOTOS = 4;

/** The `@handle` being typed at the caret, if any. */
const mentionAt = (text: string, caret: number) => /(?:^|\s)@([A-Za-z0-9_]{1,24})$/.exec(text.slice(0, caret))?.[1] ?? null;

export interface ComposeProps {
  app: HandsetApp;
  api: TweederApi;
  replyTo: Post | null;
  quote: Post | null;
  onCancel(): void;
  onPosted(post: Post): void;
}

/** A new post, a reply or a quote: text with a counter, up to four photos, and handles suggested after `@`. */
export function Compose({ app, api, replyTo, quote, onCancel, onPosted }: ComposeProps) {
  const t = useTranslator(messages);
  const [text, setText] = useState(replyTo ? `@${replyTo.author.handle} ` : '');
  const [photos, setPhotos] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [caret, setCaret] = useState(text.length);
  const clientId = useRef(newClientId());
  const box = useRef<HTMLTextAreaElement>(null);
  const grants = app.info.grants;
  const mention = mentionAt(text, caret);
  const suggestions = useAccountSearch(api, mention, 5);

  useEffect(() => box.current?.focus(), []);

  const length = [...text].length;
  const ready = (text.trim() !== '' || photos.length > 0) && length <= MAX_LENGTH && !sending;

  const complete = (handle: string) => {
    const before = text.slice(0, caret).replace(/@[A-Za-z0-9_]*$/, `@${handle} `);
    setText(before + text.slice(caret));
    setCaret(before.length);
    box.current?.focus();
  };

  const addPhoto = async (source: 'gallery' | 'camera') => {
    try {
      const photo = source === 'gallery' ? await app.pickPhoto() : await app.capturePhoto();
      if (photo) setPhotos((list) => [...list, photo.url].slice(0, MAX_PHOTOS));
    } catch (failure) {
      setError(errorText(failure, t));
    }
  };

  const send = async () => {
    if (!ready) return;
    setSending(true);
    setError(null);
    try {
      const post = await api.request('posts.create', {
        clientId: clientId.current,
        text,
        photos,
        ...(replyTo && { replyTo: replyTo.id }),
        ...(quote && { quote: quote.id }),
      });
      onPosted(post);
    } catch (failure) {
      setError(errorText(failure, t));
      setSending(false);
    }
  };

  const title = replyTo ? t('reply') : quote ? t('quote') : t('newPostTitle');
  return (
    <section class="screen pushed" aria-label={title}>
      <NavBar
        title={title}
        leading={
          <button type="button" class="text-button" onClick={onCancel}>
            {t('cancel')}
          </button>
        }
        trailing={
          <button type="button" class="text-button strong" disabled={!ready} onClick={() => void send()}>
            {t('postButton')}
          </button>
        }
      />
      <div class="scroll compose">
        {replyTo && <p class="post-context">{t('replyingTo', { handle: replyTo.author.handle })}</p>}
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        <label for="post-text" class="visually-hidden">
          {t('postText')}
        </label>
        <textarea
          id="post-text"
          ref={box}
          rows={6}
          value={text}
          placeholder={replyTo ? t('postYourReply') : t('whatsHappening')}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setCaret(event.currentTarget.selectionStart ?? event.currentTarget.value.length);
          }}
          onKeyUp={(event) => setCaret(event.currentTarget.selectionStart ?? text.length)}
        />
        {suggestions.length > 0 && (
          <ul class="list-rows suggestions" aria-label={t('suggestedAccounts')}>
            {suggestions.map((account) => (
              <ListRow
                key={account.id}
                leading={<Avatar name={account.displayName} imageUrl={account.avatar} size="small" />}
                title={account.displayName}
                subtitle={`@${account.handle}`}
                label={`@${account.handle}`}
                onClick={() => complete(account.handle)}
              />
            ))}
          </ul>
        )}
        {photos.length > 0 && (
          <ul class="compose-photos">
            {photos.map((url) => (
              <li key={url}>
                <img src={url} alt="" referrerpolicy="no-referrer" />
                <button type="button" aria-label={t('removePhoto')} onClick={() => setPhotos((list) => list.filter((photo) => photo !== url))}>
                  <CloseIcon />
                </button>
              </li>
            ))}
          </ul>
        )}
        {quote && (
          <div class="quote">
            <strong>{quote.author.displayName}</strong> <span class="handle">@{quote.author.handle}</span>
            <p>{quote.text}</p>
          </div>
        )}
        <div class="compose-tools">
          {grants.includes('gallery') && (
            <button type="button" class="icon-button" aria-label={t('addPhoto')} disabled={photos.length >= MAX_PHOTOS} onClick={() => void addPhoto('gallery')}>
              <PhotoIcon />
            </button>
          )}
          {grants.includes('camera') && (
            <button type="button" class="icon-button" aria-label={t('takePhoto')} disabled={photos.length >= MAX_PHOTOS} onClick={() => void addPhoto('camera')}>
              <CameraIcon />
            </button>
          )}
          <span class={length > MAX_LENGTH ? 'counter over' : 'counter'} aria-label={t('charactersLeft')}>
            {MAX_LENGTH - length}
          </span>
        </div>
      </div>
    </section>
  );
}
