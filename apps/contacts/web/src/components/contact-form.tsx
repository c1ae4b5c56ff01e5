import { useEffect, useRef, useState } from 'preact/hooks';
import { SdkError } from '@handset/sdk/app';
import { avatarName, defaultDisplayName, errorText, type ContactFields } from '../contacts-api';
import { Avatar, NavBar, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface ContactFormProps {
  title: string;
  initial: ContactFields;
  /** Adding, not editing: NOT_FOUND then means nobody has the number. */
  adding: boolean;
  onCancel(): void;
  /**
   * Saves; rejects with the server's SdkError to show it. `requestId` stays the same while the player retries
   * the same fields, so a retry after a lost answer never adds the contact twice.
   */
  onSave(fields: ContactFields, requestId: string): Promise<void>;
}

interface FormErrors {
  number?: string;
  form?: string;
}

const FIELD_LIMITS = { firstName: 32, lastName: 32, number: 32, avatarUrl: 500, notes: 500 } as const;

/** The add and edit form. No <form>: the phone runs apps with scripts only, so Save and Enter are handled here. */
export function ContactForm({ title, initial, adding, onCancel, onSave }: ContactFormProps) {
  const t = useTranslator(messages);
  const [fields, setFields] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const submission = useRef<{ key: string; requestId: string } | null>(null);
  const firstInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (adding) firstInput.current?.focus();
  }, []);

  const complete = fields.firstName.trim() !== '' && fields.number.trim() !== '';

  const save = async () => {
    if (!complete || saving) return;
    // The same submission is the same trimmed fields: what the server would receive.
    const key = JSON.stringify(Object.values(fields).map((value) => value.trim()));
    if (submission.current?.key !== key) submission.current = { key, requestId: crypto.randomUUID() };
    setSaving(true);
    setErrors({});
    try {
      await onSave(fields, submission.current.requestId);
    } catch (error) {
      setSaving(false);
      const aboutNumber =
        error instanceof SdkError && (error.code === 'ALREADY_EXISTS' || (adding && error.code === 'NOT_FOUND'));
      setErrors(aboutNumber ? { number: errorText(error, t) } : { form: errorText(error, t) });
    }
  };

  const input = (
    name: Exclude<keyof ContactFields, 'notes'>,
    label: string,
    // inputMode, not type: the keyboard's layout is all a field's type would add here, with no <form> to validate.
    { inputMode = 'text', placeholder }: { inputMode?: 'text' | 'tel' | 'url'; placeholder?: string } = {},
  ) => (
    <div class="input-row">
      <label for={`field-${name}`}>{label}</label>
      <input
        id={`field-${name}`}
        ref={name === 'firstName' ? firstInput : undefined}
        value={fields[name]}
        maxLength={FIELD_LIMITS[name]}
        autoComplete="off"
        spellcheck={false}
        aria-invalid={name === 'number' && errors.number ? true : undefined}
        aria-describedby={name === 'number' && errors.number ? 'number-error' : undefined}
        inputMode={inputMode}
        placeholder={placeholder}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setFields((current) => ({ ...current, [name]: value }));
          if (name === 'number') setErrors((current) => ({ ...current, number: undefined }));
        }}
        onKeyDown={(event) => event.key === 'Enter' && void save()}
      />
    </div>
  );

  const preview = {
    firstName: fields.firstName,
    lastName: fields.lastName,
    displayName: defaultDisplayName(fields.firstName, fields.lastName),
    avatarUrl: fields.avatarUrl.trim() || null,
  };

  return (
    <section class="screen form-screen pushed" aria-label={title} aria-busy={saving}>
      <NavBar
        title={title}
        leading={
          <button type="button" class="text-button" onClick={onCancel}>
            {t('cancel')}
          </button>
        }
        trailing={
          <button type="button" class="text-button strong" disabled={!complete || saving} onClick={() => void save()}>
            {t('save')}
          </button>
        }
      />
      <div class="scroll grouped">
        <div class="profile compact">
          <Avatar name={avatarName(preview)} imageUrl={preview.avatarUrl} size="large" />
        </div>

        {errors.form && (
          <p class="notice" role="alert">
            {errors.form}
          </p>
        )}

        <div class="card">
          {input('firstName', t('firstName'), { placeholder: t('required') })}
          {input('lastName', t('lastName'))}
        </div>

        <div class="card">
          {input('number', t('number'), { inputMode: 'tel', placeholder: t('required') })}
        </div>
        {errors.number && (
          <p class="field-error" id="number-error" role="alert">
            {errors.number}
          </p>
        )}

        <div class="card">{input('avatarUrl', t('avatarUrl'), { inputMode: 'url', placeholder: 'https://' })}</div>

        <div class="card">
          <div class="input-row stacked">
            <label for="field-notes">{t('notes')}</label>
            <textarea
              id="field-notes"
              rows={4}
              value={fields.notes}
              maxLength={FIELD_LIMITS.notes}
              onInput={(event) => {
                const value = event.currentTarget.value;
                setFields((current) => ({ ...current, notes: value }));
              }}
            />
          </div>
        </div>
      </div>
    </section>
  );
}
