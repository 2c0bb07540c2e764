import { type FormEvent, useId, useState } from 'react';
import { PASSPHRASE_SHAPE } from '@/utils/bitget/shapes';
import { t } from '@/utils/i18n';
import type { CaptureReply } from '@/utils/protocol';
import { ReplyMessage } from './ReplyMessage';
import { usePopupStore } from './store';

/**
 * Re-enter the Passphrase (it goes once over the secret port; the field is
 * cleared). `inline`: the wrong-passphrase screen's one field, whose button
 * updates and sends again; otherwise a disclosure under the captured key.
 */
export function PassphraseEditor({ inline = false }: { inline?: boolean }) {
  const submitSecret = usePopupStore((s) => s.submitSecret);
  const command = usePopupStore((s) => s.command);
  const busy = usePopupStore((s) => s.busy);
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const [reply, setReply] = useState<CaptureReply | null>(null);
  const id = useId();
  const bad = touched && !PASSPHRASE_SHAPE.test(value.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!PASSPHRASE_SHAPE.test(value.trim())) return;
    const result = await submitSecret({ type: 'passphrase', passphrase: value.trim() });
    setReply(result);
    if (result.status === 'rejected') return;
    setValue('');
    setTouched(false);
    if (inline) await command('capture:send');
  };

  const form = (
    <form
      aria-label={t('passphrase_summary')}
      autoComplete="off"
      noValidate
      className="passphrase-form"
      onSubmit={(event) => void submit(event)}
    >
      <label htmlFor={`${id}-passphrase`}>{t('passphrase_label')}</label>
      <input
        id={`${id}-passphrase`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-invalid={bad}
        aria-describedby={inline && !bad ? undefined : `${id}-hint`}
        onChange={(event) => setValue(event.target.value)}
        // biome-ignore lint/a11y/noAutofocus: the wrong-passphrase screen is about this one field.
        autoFocus={inline}
      />
      {inline && !bad ? null : (
        <small id={`${id}-hint`} className={bad ? 'invalid' : 'muted'}>
          {bad ? t('passphrase_invalid') : t('passphrase_hint')}
        </small>
      )}
      <button type="submit" className={inline ? 'wide' : 'secondary'} disabled={busy}>
        {inline ? t('fix_updateAndSend') : t('passphrase_submit')}
      </button>
      {inline && reply?.status !== 'rejected' ? null : <ReplyMessage reply={reply} />}
    </form>
  );
  if (inline) return form;
  return (
    <details className="passphrase-editor">
      <summary>{t('passphrase_summary')}</summary>
      {form}
    </details>
  );
}
