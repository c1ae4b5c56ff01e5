import { useEffect, useRef } from 'preact/hooks';
import { formatNumber } from '@handset/sdk/app';
import { DeleteIcon, HandsetIcon, useSettings, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

const KEYS: [key: string, letters: string][] = [
  ['1', ''],
  ['2', 'ABC'],
  ['3', 'DEF'],
  ['4', 'GHI'],
  ['5', 'JKL'],
  ['6', 'MNO'],
  ['7', 'PQRS'],
  ['8', 'TUV'],
  ['9', 'WXYZ'],
  ['*', ''],
  ['0', '+'],
  ['#', ''],
];

export interface KeypadProps {
  number: string;
  hideNumber: boolean;
  onKey(key: string): void;
  onDelete(): void;
  onCall(): void;
  onHideNumber(hide: boolean): void;
  onAddNumber(): void;
}

/** Shrinks the typed number as it grows, so 32 characters still fit on one line. */
const sizeOf = (number: string) => (number.length > 15 ? 'small' : number.length > 11 ? 'medium' : 'large');

/** The dial pad: the number, the twelve keys, Call and Delete digit; the keyboard types too. No video call: Handset carries voice only. */
export function Keypad({ number, hideNumber, onKey, onDelete, onCall, onHideNumber, onAddNumber }: KeypadProps) {
  const t = useTranslator(messages);
  const { numberFormat } = useSettings();
  const props = useRef({ onKey, onDelete, onCall });
  props.current = { onKey, onDelete, onCall };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      // A focused button or switch takes Enter itself.
      const onControl = event.target instanceof Element && event.target.closest('button, input') !== null;
      if (onControl && event.key === 'Enter') return;
      if (/^[0-9*#+]$/.test(event.key)) props.current.onKey(event.key);
      else if (event.key === 'Backspace') props.current.onDelete();
      else if (event.key === 'Enter') props.current.onCall();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section class="keypad">
      <div class="dial-top">
        <div class={`dial-number ${sizeOf(number)}`} aria-label={t('number')} aria-live="polite">
          {formatNumber(number, numberFormat)}
        </div>
        <button type="button" class="link-button add-number" hidden={number === ''} onClick={onAddNumber}>
          {t('addNumber')}
        </button>
      </div>

      <label class="switch-row">
        <span>{t('hideMyNumber')}</span>
        <input type="checkbox" role="switch" checked={hideNumber} onChange={(event) => onHideNumber(event.currentTarget.checked)} />
      </label>

      <div class="keys">
        {KEYS.map(([key, letters]) => (
          <button key={key} type="button" class="key" aria-label={key} onClick={() => onKey(key)}>
            <span class={`key-digit${key === '*' ? ' star' : ''}`}>{key}</span>
            <span class="key-letters" aria-hidden="true">
              {letters}
            </span>
          </button>
        ))}
        <button type="button" class="round-button call" aria-label={t('call')} onClick={onCall}>
          <HandsetIcon size={32} />
        </button>
        <button
          type="button"
          class="round-button delete"
          aria-label={t('deleteDigit')}
          disabled={number === ''}
          onClick={onDelete}
        >
          <DeleteIcon />
        </button>
      </div>
    </section>
  );
}
