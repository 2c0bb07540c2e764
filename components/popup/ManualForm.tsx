import { type FormEvent, useId, useState } from 'react';
import { API_KEY_SHAPE, PASSPHRASE_SHAPE, SECRET_KEY_SHAPE } from '@/utils/bitget/shapes';
import { t } from '@/utils/i18n';
import type { CaptureReply } from '@/utils/protocol';
import { ReplyMessage } from './ReplyMessage';
import { usePopupStore } from './store';

const FIELDS = [
  {
    name: 'apiKey',
    label: 'field_apiKey',
    shape: API_KEY_SHAPE,
    type: 'text',
    hint: 'manual_apiKeyHint',
    invalid: 'manual_invalidApiKey',
  },
  {
    name: 'secretKey',
    label: 'field_secretKey',
    shape: SECRET_KEY_SHAPE,
    type: 'password',
    hint: 'manual_secretKeyHint',
    invalid: 'manual_invalidSecretKey',
  },
  {
    name: 'passphrase',
    label: 'field_passphrase',
    shape: PASSPHRASE_SHAPE,
    type: 'password',
    hint: 'manual_passphraseHint',
    invalid: 'manual_invalidPassphrase',
  },
] as const;

type FieldName = (typeof FIELDS)[number]['name'];
type Values = Record<FieldName, string>;
const EMPTY: Values = { apiKey: '', secretKey: '', passphrase: '' };

/**
 * The manual fallback: paste the three values when the page could not be
 * read. Each is checked by shape; the values go once over the secret port
 * and the fields are cleared.
 */
export function ManualForm() {
  const submitSecret = usePopupStore((s) => s.submitSecret);
  const busy = usePopupStore((s) => s.busy);
  const [values, setValues] = useState<Values>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [reply, setReply] = useState<CaptureReply | null>(null);
  const id = useId();
  const invalid = FIELDS.filter((field) => !field.shape.test(values[field.name].trim()));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (invalid.length > 0) return;
    const result = await submitSecret({
      type: 'manual',
      apiKey: values.apiKey.trim(),
      secretKey: values.secretKey.trim(),
      passphrase: values.passphrase.trim(),
    });
    setReply(result);
    if (result.status !== 'rejected') {
      setValues(EMPTY);
      setTouched(false);
    }
  };

  return (
    <details className="manual">
      <summary>{t('manual_summary')}</summary>
      <form aria-label={t('manual_formLabel')} autoComplete="off" noValidate onSubmit={(event) => void submit(event)}>
        {FIELDS.map((field) => {
          const bad = touched && invalid.includes(field);
          return (
            <div className="field" key={field.name}>
              <label htmlFor={`${id}-${field.name}`}>{t(field.label)}</label>
              <input
                id={`${id}-${field.name}`}
                type={field.type}
                autoComplete="off"
                spellCheck={false}
                value={values[field.name]}
                aria-invalid={bad}
                aria-describedby={`${id}-${field.name}-hint`}
                onChange={(event) => setValues((old) => ({ ...old, [field.name]: event.target.value }))}
              />
              <small id={`${id}-${field.name}-hint`} className={bad ? 'invalid' : 'muted'}>
                {bad ? `${t(field.invalid)} ` : ''}
                {t(field.hint)}
              </small>
            </div>
          );
        })}
        <button type="submit" disabled={busy}>
          {t('manual_submit')}
        </button>
        <ReplyMessage reply={reply} />
      </form>
    </details>
  );
}
