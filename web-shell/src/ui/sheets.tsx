import { useState } from 'preact/hooks';
import type { Sheet } from '../state/phone-store';
import { cancelSheet, chooseContact, chooseShareTarget, confirmSheet, submitPrompt } from '../state/sheets';
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
  const confirm = useFocusOnMount<HTMLButtonElement>();
  return (
    <>
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title}</h2>
      <p class="sheet-message">{sheet.input.message}</p>
      <div class="sheet-actions">
        <button class="sheet-button" onClick={() => cancelSheet(sheet)}>
          {sheet.input.cancelLabel ?? 'Cancel'}
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
  const [text, setText] = useState(sheet.input.defaultValue ?? '');
  const input = useFocusOnMount<HTMLInputElement>();
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
      <input
        ref={input}
        class="sheet-input"
        aria-label={sheet.input.title}
        value={text}
        placeholder={sheet.input.placeholder}
        maxLength={sheet.input.maxLength}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <div class="sheet-actions">
        <button type="button" class="sheet-button" onClick={() => cancelSheet(sheet)}>
          Cancel
        </button>
        <button type="submit" class="sheet-button primary">
          OK
        </button>
      </div>
    </form>
  );
}

function ShareSheet({ sheet }: { sheet: SheetOf<'share'> }) {
  const content = useFocusOnMount<HTMLDivElement>();
  const preview = [sheet.input.text, sheet.input.url].filter(Boolean).join('\n');
  return (
    <div ref={content} tabIndex={-1}>
      <From sheet={sheet} />
      <h2 class="sheet-title">{sheet.input.title ?? 'Share'}</h2>
      {preview && <p class="sheet-preview">{preview}</p>}
      {sheet.targets.length === 0 && <p class="sheet-message">No other app can take this.</p>}
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
          Cancel
        </button>
      </div>
    </div>
  );
}

function ContactSheet({ sheet }: { sheet: SheetOf<'contact'> }) {
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
        aria-label="Search contacts"
        placeholder="Search"
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
      />
      {shown.length === 0 && <p class="sheet-message">{sheet.contacts.length === 0 ? 'No contacts yet.' : 'No match.'}</p>}
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
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The first question apps asked, as a modal sheet over the phone; the others wait their turn. */
export function Sheets({ sheets }: { sheets: Sheet[] }) {
  const sheet = sheets[0];
  if (!sheet) return null;
  const title = sheet.kind === 'share' ? (sheet.input.title ?? 'Share') : sheet.input.title;
  return (
    <div class="sheet-backdrop" onClick={(event) => event.target === event.currentTarget && cancelSheet(sheet)}>
      <div key={sheet.id} class="sheet" role="dialog" aria-modal="true" aria-label={title}>
        {sheet.kind === 'confirm' && <ConfirmSheet sheet={sheet} />}
        {sheet.kind === 'prompt' && <PromptSheet sheet={sheet} />}
        {sheet.kind === 'share' && <ShareSheet sheet={sheet} />}
        {sheet.kind === 'contact' && <ContactSheet sheet={sheet} />}
      </div>
    </div>
  );
}
