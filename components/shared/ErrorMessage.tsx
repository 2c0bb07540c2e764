import { t } from '@/utils/i18n';
import type { ErrorInfo } from '@/utils/protocol';
import { CopyButton } from './CopyButton';

/** A failure as a sentence; the technical detail (codes, ids) behind a disclosure, with a copy for support. */
export function ErrorMessage({ error, children }: { error: ErrorInfo; children?: React.ReactNode }) {
  return (
    <div role="alert" className="error">
      <p>{error.message}</p>
      {children}
      {error.detail ? <SupportDetails text={error.detail} /> : null}
    </div>
  );
}

/** "Details": what support needs (codes, ids), shown on request and copied in one click. */
export function SupportDetails({ text }: { text: string }) {
  return (
    <details className="support">
      <summary>{t('common_details')}</summary>
      <code>{text}</code>
      <CopyButton text={text} label={t('support_copy')} />
    </details>
  );
}
