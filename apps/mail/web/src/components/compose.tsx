import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, MAX_BODY_LENGTH, type Draft, type Mail } from '../mail-api';
import { Avatar, ListRow, NavBar, useContactSuggestions, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface ComposeProps {
  initial: Draft;
  onCancel(): void;
  /**
   * Sends; rejects with the server's SdkError to show it. `clientId` stays the same while the player retries the
   * same mail, so a retry after a lost answer never sends it twice.
   */
  onSend(draft: Draft, clientId: string): Promise<Mail>;
  /** The mail addresses of the characters with these numbers, for suggesting the player's contacts. */
  addressesOf(numbers: string[]): Promise<{ number: string; address: string }[]>;
}

/** A contact with a mail address, suggested under To:. */
interface Suggestion {
  name: string;
  address: string;
}

/** A new mail or a reply. No <form>: the phone runs apps with scripts only, so Send is handled here. */
export function Compose({ initial, onCancel, onSend, addressesOf }: ComposeProps) {
  const t = useTranslator(messages);
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const submission = useRef<{ key: string; clientId: string } | null>(null);
  const toInput = useRef<HTMLInputElement>(null);
  const bodyInput = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    // A reply has its recipient: straight to the body.
    (initial.to === '' ? toInput.current : bodyInput.current)?.focus();
  }, []);

  const complete = draft.to.trim() !== '' && draft.body.trim() !== '';

  // Contacts are searched by what is typed before an `@`; only those with an address are suggested.
  const contacts = useContactSuggestions(draft.to.includes('@') ? '' : draft.to);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    if (contacts.length === 0) {
      setSuggestions([]);
      return;
    }
    let current = true;
    addressesOf(contacts.map((contact) => contact.number)).then(
      (found) => {
        const addresses = new Map(found.map((entry) => [entry.number, entry.address]));
        if (current) setSuggestions(contacts.flatMap(({ name, number }) => (addresses.has(number) ? [{ name, address: addresses.get(number)! }] : [])));
      },
      () => current && setSuggestions([]),
    );
    return () => {
      current = false;
    };
  }, [contacts]);

  const choose = ({ address }: Suggestion) => {
    setDraft((current) => ({ ...current, to: address }));
    setSuggestions([]);
    bodyInput.current?.focus();
  };

  const send = async () => {
    if (!complete || sending) return;
    // The same submission is the same trimmed mail: what the server would receive.
    const key = JSON.stringify([draft.to.trim(), draft.subject.trim(), draft.body.trim(), draft.replyTo]);
    if (submission.current?.key !== key) submission.current = { key, clientId: crypto.randomUUID() };
    setSending(true);
    setError(null);
    try {
      await onSend(draft, submission.current.clientId);
    } catch (failure) {
      setSending(false);
      setError(errorText(failure, t));
    }
  };

  const edit = (field: 'to' | 'subject' | 'body') => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((current) => ({ ...current, [field]: value }));
  };

  return (
    <section class="screen pushed" aria-label={draft.replyTo === null ? t('newMail') : t('reply')} aria-busy={sending}>
      <NavBar
        title={draft.replyTo === null ? t('newMail') : t('reply')}
        leading={
          <button type="button" class="text-button" onClick={onCancel}>
            {t('cancel')}
          </button>
        }
        trailing={
          <button type="button" class="text-button strong" disabled={!complete || sending} onClick={() => void send()}>
            {t('send')}
          </button>
        }
      />
      <div class="scroll grouped">
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        <div class="card">
          <div class="input-row">
            <label for="field-to">{t('to')}</label>
            <input
              id="field-to"
              ref={toInput}
              value={draft.to}
              maxLength={128}
              inputMode="email"
              autoComplete="off"
              autoCapitalize="none"
              spellcheck={false}
              placeholder={t('addressPlaceholder')}
              onInput={edit('to')}
            />
          </div>
          {suggestions.length > 0 && (
            <ul class="list-rows" aria-label={t('suggestedContacts')}>
              {suggestions.map((suggestion) => (
                <ListRow
                  key={suggestion.address}
                  leading={<Avatar name={suggestion.name} size="small" />}
                  title={suggestion.name}
                  subtitle={suggestion.address}
                  label={`${suggestion.name}, ${suggestion.address}`}
                  onClick={() => choose(suggestion)}
                />
              ))}
            </ul>
          )}
          <div class="input-row">
            <label for="field-subject">{t('subject')}</label>
            <input id="field-subject" value={draft.subject} maxLength={120} autoComplete="off" onInput={edit('subject')} />
          </div>
        </div>
        <div class="card">
          <div class="input-row stacked">
            <label for="field-body" class="visually-hidden">
              {t('body')}
            </label>
            <textarea
              id="field-body"
              ref={bodyInput}
              rows={draft.quote === '' ? 12 : 6}
              value={draft.body}
              // The quote goes under the text, two line breaks apart, within the server's limit.
              maxLength={draft.quote === '' ? MAX_BODY_LENGTH : MAX_BODY_LENGTH - draft.quote.length - 2}
              placeholder={t('writeYourMail')}
              onInput={edit('body')}
            />
          </div>
          {draft.quote !== '' && (
            <blockquote class="quoted" aria-label={t('quotedMail')}>
              {draft.quote}
            </blockquote>
          )}
        </div>
      </div>
    </section>
  );
}
