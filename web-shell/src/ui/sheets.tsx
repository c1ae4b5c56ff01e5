import { shellText } from '../text';
import { useEffect, useState } from 'preact/hooks';
import type { GalleryPage } from '../host/shell-services';
import { setGameCamera } from '../nui';
import type { Sheet } from '../state/phone-store';
import { cancelSheet, choose, chooseContact, chooseShareTarget, confirmSheet, submitPrompt } from '../state/sheets';
import { AppIcon } from './app-icon';
import { useFocusOnMount } from './focus-on-mount';

type SheetOf<Kind extends Sheet['kind']> = Extract<Sheet, { kind: Kind }>;

function From({ sheet }: { sheet: Sheet }) {
  return (
    <p class="sheet-from">
      <AppIcon app={sheet.app} size={16} />
      {sheet.app.label}
    </p>
  );
}

function ConfirmSheet({ sheet }: { sheet: SheetOf<'confirm'> }) {
  const t = shellText();
  const confirm = useFocusOnMount<HTMLButtonElement>();
  return (
    <>
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title}</h2>
      <p class="sheet-message">{sheet.input.message}</p>
      <div class="sheet-actions">
        <button class="sheet-button" onClick={() => cancelSheet(sheet)}>
          {sheet.input.cancelLabel ?? t('cancel')}
        </button>
        <button
          ref={confirm}
          class={`sheet-button ${sheet.input.destructive ? 'destructive' : 'primary'}`}
          onClick={() => confirmSheet(sheet)}
        >
          {sheet.input.confirmLabel ?? 'OK'}
        </button>
      </div>
    </>
  );
}

function PromptSheet({ sheet }: { sheet: SheetOf<'prompt'> }) {
  const t = shellText();
  const [text, setText] = useState(sheet.input.defaultValue ?? '');
  const input = useFocusOnMount<HTMLInputElement>();
  const field = {
    ref: input,
    class: 'sheet-input',
    'aria-label': sheet.input.title,
    value: text,
    placeholder: sheet.input.placeholder,
    maxLength: sheet.input.maxLength,
    onInput: (event: { currentTarget: HTMLInputElement }) => setText(event.currentTarget.value),
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submitPrompt(sheet, text);
      }}
    >
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title}</h2>
      {sheet.input.message && <p class="sheet-message">{sheet.input.message}</p>}
      {sheet.input.secret ? <input type="password" {...field} /> : <input {...field} />}
      <div class="sheet-actions">
        <button type="button" class="sheet-button" onClick={() => cancelSheet(sheet)}>
          {t('cancel')}
        </button>
        <button type="submit" class="sheet-button primary">
          OK
        </button>
      </div>
    </form>
  );
}

function ShareSheet({ sheet }: { sheet: SheetOf<'share'> }) {
  const t = shellText();
  const content = useFocusOnMount<HTMLDivElement>();
  const preview = [sheet.input.text, sheet.input.url].filter(Boolean).join('\n');
  return (
    <div ref={content} tabIndex={-1}>
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title ?? t('share')}</h2>
      {preview && <p class="sheet-preview">{preview}</p>}
      {sheet.targets.length === 0 && <p class="sheet-message">{t('nothingTakesThis')}</p>}
      <ul class="share-targets">
        {sheet.targets.map((target) => (
          <li key={target.id}>
            <button class="share-target" onClick={() => chooseShareTarget(sheet, target.id)}>
              <AppIcon app={target} size={48} />
              <span>{target.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="sheet-actions">
        <button class="sheet-button" onClick={() => cancelSheet(sheet)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

function ContactSheet({ sheet }: { sheet: SheetOf<'contact'> }) {
  const t = shellText();
  const [query, setQuery] = useState('');
  const search = useFocusOnMount<HTMLInputElement>();
  const needle = query.trim().toLowerCase();
  const shown = sheet.contacts.filter(({ name, number }) => name.toLowerCase().includes(needle) || number.includes(needle));
  return (
    <div>
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title}</h2>
      <input
        ref={search}
        class="sheet-input"
        aria-label={t('searchContacts')}
        placeholder={t('search')}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      {shown.length === 0 && <p class="sheet-message">{sheet.contacts.length === 0 ? t('noContactsYet') : t('noMatch')}</p>}
      <ul class="contact-choices">
        {shown.map((contact) => (
          <li key={`${contact.name}:${contact.number}`}>
            <button class="contact-choice" onClick={() => chooseContact(sheet, contact)}>
              <span class="contact-choice-name">{contact.name}</span>
              <span class="contact-choice-number">{contact.number}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="sheet-actions">
        <button class="sheet-button" onClick={() => cancelSheet(sheet)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function Cancel({ sheet }: { sheet: Sheet }) {
  const t = shellText();
  return (
    <button type="button" class="sheet-button" onClick={() => cancelSheet(sheet)}>
      {t('cancel')}
    </button>
  );
}

/** The game's phone camera is up while this sheet is: the shutter takes what the game shows, without the phone. */
function CameraSheet({ sheet }: { sheet: SheetOf<'camera'> }) {
  const t = shellText();
  const [selfie, setSelfie] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shutter = useFocusOnMount<HTMLButtonElement>();
  useEffect(() => setGameCamera(true, selfie), [selfie]);
  useEffect(() => () => setGameCamera(false, false), []);

  const shoot = async () => {
    setBusy(true);
    setError(null);
    try {
      choose(sheet, await sheet.shoot());
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };
  return (
    <div class="camera-sheet">
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title}</h2>
      <div class="camera-modes" role="group" aria-label={t('camera')}>
        {([false, true] as const).map((mode) => (
          <button key={String(mode)} type="button" class="camera-mode" aria-pressed={selfie === mode} onClick={() => setSelfie(mode)}>
            {mode ? t('selfieMode') : t('photoMode')}
          </button>
        ))}
      </div>
      {error && (
        <p class="sheet-message error" role="alert">
          {error}
        </p>
      )}
      <div class="sheet-actions">
        <Cancel sheet={sheet} />
        <button ref={shutter} type="button" class="sheet-button primary" disabled={busy} onClick={() => void shoot()}>
          {busy ? t('takingPhoto') : t('takePhoto')}
        </button>
      </div>
    </div>
  );
}

/** The player's gallery, newest first, a page at a time. */
function PhotoSheet({ sheet }: { sheet: SheetOf<'photo'> }) {
  const t = shellText();
  const [photos, setPhotos] = useState<GalleryPage['photos']>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const content = useFocusOnMount<HTMLDivElement>();

  const load = async (from: number | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await sheet.load(from);
      setPhotos((shown) => [...shown, ...page.photos.filter((photo) => !shown.some((other) => other.id === photo.id))]);
      setCursor(page.cursor);
    } catch (failure) {
      setError(messageOf(failure));
    }
    setLoading(false);
  };
  useEffect(() => void load(null), []);

  return (
    <div ref={content} tabIndex={-1}>
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title}</h2>
      {error && (
        <p class="sheet-message error" role="alert">
          {error}
        </p>
      )}
      {!loading && !error && photos.length === 0 && <p class="sheet-message">{t('noPhotosYet')}</p>}
      <ul class="photo-choices" aria-label={t('photos')}>
        {photos.map((photo, index) => (
          <li key={photo.id}>
            <button type="button" class="photo-choice" aria-label={t('photoNumber', { number: index + 1 })} onClick={() => choose(sheet, { url: photo.url })}>
              <img src={photo.url} alt="" loading="lazy" referrerpolicy="no-referrer" draggable={false} />
            </button>
          </li>
        ))}
      </ul>
      <div class="sheet-actions">
        <Cancel sheet={sheet} />
        {cursor !== null && (
          <button type="button" class="sheet-button" disabled={loading} onClick={() => void load(cursor)}>
            {t('morePhotos')}
          </button>
        )}
      </div>
    </div>
  );
}

function LocationSheet({ sheet }: { sheet: SheetOf<'location'> }) {
  const t = shellText();
  const share = useFocusOnMount<HTMLButtonElement>();
  const { place } = sheet;
  return (
    <>
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title}</h2>
      <p class="sheet-message">{place.label ?? t('currentLocation')}</p>
      <p class="sheet-preview">
        {place.x.toFixed(1)}, {place.y.toFixed(1)}
      </p>
      <div class="sheet-actions">
        <Cancel sheet={sheet} />
        <button ref={share} type="button" class="sheet-button primary" onClick={() => choose(sheet, place)}>
          {t('share')}
        </button>
      </div>
    </>
  );
}

/** The first question apps asked, as a modal sheet over the phone; the others wait their turn. */
export function Sheets({ sheets }: { sheets: Sheet[] }) {
  const sheet = sheets[0];
  if (!sheet) return null;
  const title = sheet.kind === 'share' ? (sheet.input.title ?? shellText()('share')) : sheet.input.title;
  return (
    <div class="sheet-backdrop" onClick={(event) => event.target === event.currentTarget && cancelSheet(sheet)}>
      <div key={sheet.id} class="sheet" role="dialog" aria-modal="true" aria-label={title}>
        {sheet.kind === 'confirm' && <ConfirmSheet sheet={sheet} />}
        {sheet.kind === 'prompt' && <PromptSheet sheet={sheet} />}
        {sheet.kind === 'share' && <ShareSheet sheet={sheet} />}
        {sheet.kind === 'contact' && <ContactSheet sheet={sheet} />}
        {sheet.kind === 'camera' && <CameraSheet sheet={sheet} />}
        {sheet.kind === 'photo' && <PhotoSheet sheet={sheet} />}
        {sheet.kind === 'location' && <LocationSheet sheet={sheet} />}
      </div>
    </div>
  );
}
