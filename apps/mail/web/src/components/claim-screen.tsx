import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, type MailAddress } from '../mail-api';
import { formatDay } from '../format';
import { NavBar, useTranslator } from '@handset/sdk/ui';
import type { MailText } from '../messages';
import { messages } from '../messages';

export interface ClaimScreenProps {
  /** The address the character has, when this is a change; null for the first claim. */
  current: MailAddress | null;
  /** The server's domain every address ends in; null until it is known. */
  domain: string | null;
  locale: string;
  /** Claims `name`; rejects with the server's SdkError to show it. */
  onClaim(name: string): Promise<void>;
  /** Back to the mailbox; only a change can be cancelled. */
  onCancel?: () => void;
}

/** Why a change is not possible now, or null when it is. */
function changeBlocked(current: MailAddress, locale: string, t: MailText): string | null {
  if (current.canChange) return null;
  if (current.nextChangeAt === null) return t('noChanges');
  return t('changeAgainOn', { day: formatDay(current.nextChangeAt, locale) });
}

/** Choosing the name before the `@`: the first claim, or a change. No <form>: the phone runs apps with scripts only. */
/** The server's rule for the name before the `@` (it checks it again). */
const NAME = /^[a-z0-9._-]{3,24}$/;

export function ClaimScreen({ current, domain, locale, onClaim, onCancel }: ClaimScreenProps) {
  const t = useTranslator(messages);
  const [name, setName] = useState(current?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [claiming, setClaiming] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const blocked = current ? changeBlocked(current, locale, t) : null;
  const typed = name.trim().toLowerCase();
  const valid = NAME.test(typed);
  const ready = valid && typed !== current?.name && blocked === null && !claiming;

  useEffect(() => input.current?.focus(), []);

  const claim = async () => {
    if (!ready) return;
    setClaiming(true);
    setError(null);
    try {
      await onClaim(name.trim());
    } catch (failure) {
      setError(errorText(failure, t));
      setClaiming(false);
    }
  };

  return (
    <section class={current ? 'screen pushed' : 'screen'} aria-label={current ? t('changeAddressTitle') : t('chooseAddressTitle')} aria-busy={claiming}>
      <NavBar
        title={current ? t('changeAddressTitle') : t('mail')}
        leading={
          onCancel && (
            <button type="button" class="text-button" onClick={onCancel}>
              {t('cancel')}
            </button>
          )
        }
      />
      <div class="scroll grouped">
        <div class="intro">
          <p class="intro-title">{current ? current.address : t('chooseYourAddress')}</p>
          <p>{current ? (blocked ?? t('oldAddressReleased')) : t('addressIntro')}</p>
        </div>
        <div class="card">
          <div class="input-row wide">
            <label for="field-name">{t('addressName')}</label>
            <input
              id="field-name"
              ref={input}
              value={name}
              maxLength={24}
              autoComplete="off"
              autoCapitalize="none"
              spellcheck={false}
              disabled={blocked !== null}
              aria-invalid={error ? true : undefined}
              aria-describedby="name-hint"
              onInput={(event) => {
                setName(event.currentTarget.value);
                setError(null);
              }}
              onKeyDown={(event) => event.key === 'Enter' && void claim()}
            />
            {domain && <span class="domain">@{domain}</span>}
          </div>
        </div>
        <p class={typed !== '' && !valid ? 'hint invalid' : 'hint'} id="name-hint">
          {t('nameRule')}
        </p>
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" class="primary" disabled={!ready} onClick={() => void claim()}>
          {t('claim')}
        </button>
      </div>
    </section>
  );
}
