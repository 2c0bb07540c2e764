import { useEffect } from 'react';
import { t } from '@/utils/i18n';
import { useBackgroundStore } from './background-store';
import { CopyButton } from './CopyButton';
import { ErrorMessage } from './ErrorMessage';

/** Only when the background cannot be reached: the sentence (a working background says nothing). */
export function BackgroundProblem() {
  const status = useBackgroundStore((s) => s.status);
  const error = useBackgroundStore((s) => s.error);
  const check = useBackgroundStore((s) => s.check);
  useEffect(() => {
    void check();
  }, [check]);
  return status === 'unreachable' && error ? <ErrorMessage error={error} /> : null;
}

/**
 * "About Mantix Connect": the version and whatever a page adds for support
 * (ids, fingerprints), behind a disclosure, with "Copy details for support".
 */
export function About({ details, children }: { details: readonly string[]; children?: React.ReactNode }) {
  const status = useBackgroundStore((s) => s.status);
  const version = useBackgroundStore((s) => s.version);
  const lines = [`Mantix Connect ${version ?? '?'}`, `${navigator.userAgent}`, ...details];
  return (
    <details className="about">
      <summary>{t('about_summary')}</summary>
      <p data-testid="background-status">
        {status === 'ready' ? t('background_ready', version ?? '') : t('background_starting')}
      </p>
      {children}
      <CopyButton text={lines.join('\n')} label={t('support_copy')} />
    </details>
  );
}
