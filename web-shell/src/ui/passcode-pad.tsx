import { shellText, type ShellText } from '../text';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PasscodeOutcome } from '../state/phone';

interface PasscodePadProps {
  onSubmit: (code: string) => Promise<PasscodeOutcome>;
  onCancel: () => void;
}

const MAX_DIGITS = 6;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** "30 seconds" / "2 minutes": the lockout as the player reads it. */
function waitText(ms: number, t: ShellText): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return t('seconds', { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return t('minutes', { count: minutes });
  return t('hours', { count: Math.ceil(minutes / 60) });
}

/** What the pad says: kept as words to look up, so a change of language reaches it; a server's reason as it came. */
type PadMessage = { key: 'enterPasscode' | 'phoneLocked' } | { key: 'wrongPasscode'; count: number } | { reason: string };

/** The lock screen's keypad: digits by click or keyboard, OK or Enter sends them; the server says whether they open it. */
export function PasscodePad({ onSubmit, onCancel }: PasscodePadProps) {
  const [code, setCode] = useState('');
  const t = shellText();
  const [message, setMessage] = useState<PadMessage>({ key: 'enterPasscode' });
  const [lockedUntil, setLockedUntil] = useState(0);
  const [checking, setChecking] = useState(false);
  const [now, setNow] = useState(Date.now());
  const pad = useRef<HTMLDivElement>(null);
  const lockedOut = lockedUntil > now;

  // While locked out the pad counts down each second; otherwise it does no work.
  useEffect(() => {
    if (!lockedOut) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [lockedOut, now]);

  const submit = async () => {
    if (checking || lockedOut || code.length < 4) return;
    setChecking(true);
    const outcome = await onSubmit(code);
    setChecking(false);
    setCode('');
    if ('error' in outcome) return setMessage({ reason: outcome.error });
    if (outcome.unlocked) return;
    setNow(Date.now());
    setLockedUntil(Date.now() + outcome.lockedForMs);
    setMessage(outcome.lockedForMs > 0 ? { key: 'phoneLocked' } : { key: 'wrongPasscode', count: outcome.attemptsLeft });
  };
  const press = (digit: string) => !lockedOut && setCode((typed) => (typed.length < MAX_DIGITS ? typed + digit : typed));

  useEffect(() => pad.current?.focus(), []);
  // Keys are heard on the window: a pressed button that turns disabled while checking drops the focus to the page.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (/^\d$/.test(event.key)) press(event.key);
      else if (event.key === 'Backspace') setCode((typed) => typed.slice(0, -1));
      else if (event.key === 'Enter') void submit();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  return (
    <div
      ref={pad}
      class="passcode-pad"
      role="group"
      aria-label={t('passcode')}
      tabIndex={-1}
    >
      <p class="passcode-message" role="status">
        {lockedOut ? t('lockedTryAgain', { wait: waitText(lockedUntil - now, t) }) : 'reason' in message ? message.reason : t(message.key, message)}
      </p>
      <div class="passcode-dots" aria-label={t('digitsEntered', { count: code.length })}>
        {Array.from({ length: Math.max(4, code.length) }, (_, index) => (
          <span key={index} class={index < code.length ? 'filled' : ''} />
        ))}
      </div>
      <div class="passcode-keys">
        {[...KEYS, 'cancel', '0', 'ok'].map((key) =>
          key === 'cancel' ? (
            <button key={key} class="passcode-text" onClick={code ? () => setCode(code.slice(0, -1)) : onCancel}>
              {code ? t('delete') : t('cancel')}
            </button>
          ) : key === 'ok' ? (
            <button key={key} class="passcode-text" disabled={lockedOut || checking || code.length < 4} onClick={() => void submit()}>
              OK
            </button>
          ) : (
            <button key={key} class="passcode-key" disabled={lockedOut} onClick={() => press(key)}>
              {key}
            </button>
          ),
        )}
      </div>
    </div>
  );
}
