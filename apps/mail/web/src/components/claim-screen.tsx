import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, type MailAddress } from '../mail-api';
import { formatDay } from '../format';
import { NavBar } from '@handset/sdk/ui';

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
function changeBlocked(current: MailAddress, locale: string): string | null {
  if (current.canChange) return null;
  if (current.nextChangeAt === null) return 'This server does not allow changing a mail address.';
  return `You can change it again on ${formatDay(current.nextChangeAt, locale)}.`;
}

/** Choosing the name before the `@`: the first claim, or a change. No <form>: the phone runs apps with scripts only. */
/** The server's rule for the name before the `@` (it checks it again). */
const NAME = /^[a-z0-9._-]{3,24}$/;

export function ClaimScreen({ current, domain, locale, onClaim, onCancel }: ClaimScreenProps) {
  const [name, setName] = useState(current?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [claiming, setClaiming] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const blocked = current ? changeBlocked(current, locale) : null;
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
      setError(errorText(failure));
      setClaiming(false);
    }
  };

  return (
    <section class={current ? 'screen pushed' : 'screen'} aria-label={current ? 'Change Address' : 'Choose Address'} aria-busy={claiming}>
      <NavBar
        title={current ? 'Change Address' : 'Mail'}
        leading={
          onCancel && (
            <button type="button" class="text-button" onClick={onCancel}>
              Cancel
            </button>
          )
        }
      />
      <div class="scroll grouped">
        <div class="intro">
          <p class="intro-title">{current ? current.address : 'Choose your address'}</p>
          <p>{current ? (blocked ?? 'Your old address is released as soon as you change it.') : 'Others send mail to it, and it is the sender of yours.'}</p>
        </div>
        <div class="card">
          <div class="input-row wide">
            <label for="field-name">Address name</label>
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
          3–24 characters: a–z, 0–9, dot, underscore or hyphen.
        </p>
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" class="primary" disabled={!ready} onClick={() => void claim()}>
          Claim
        </button>
      </div>
    </section>
  );
}
