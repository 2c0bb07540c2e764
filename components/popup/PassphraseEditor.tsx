import { type FormEvent, useId, useState } from 'react';
import { t } from '@/utils/i18n';
import { type CaptureReply, PASSPHRASE_SHAPE } from '@/utils/protocol';
import { ReplyMessage } from './ReplyMessage';
import { usePopupStore } from './store';

/** Re-enter the Passphrase (it goes once over the secret port; the field is cleared). */
export function PassphraseEditor({ open = false }: { open?: boolean }) {
  const submitSecret = usePopupStore((s) => s.submitSecret);
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
    if (result.status !== 'rejected') {
      setValue('');
      setTouched(false);
    }
  };

  return (
    <details className="passphrase-editor" open={open}>
      <summary>{t('passphrase_summary')}</summary>
      <form aria-label={t('passphrase_summary')} autoComplete="off" noValidate onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${id}-passphrase`}>{t('passphrase_label')}</label>
        <input
          id={`${id}-passphrase`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-invalid={bad}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setValue(event.target.value)}
        />
        <small id={`${id}-hint`} className={bad ? 'invalid' : 'muted'}>
          {bad ? t('passphrase_invalid') : t('passphrase_hint')}
        </small>
        <button type="submit" disabled={busy}>
          {t('passphrase_submit')}
        </button>
        <ReplyMessage reply={reply} />
      </form>
    </details>
  );
}
