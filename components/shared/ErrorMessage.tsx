import { t } from '@/utils/i18n';
import type { ErrorInfo } from '@/utils/protocol';

/** A failure as a sentence, with the technical detail behind a disclosure. */
export function ErrorMessage({ error, children }: { error: ErrorInfo; children?: React.ReactNode }) {
  return (
    <div role="alert" className="error">
      <p>{error.message}</p>
      {children}
      {error.detail ? (
        <details>
          <summary>{t('common_details')}</summary>
          <code>{error.detail}</code>
        </details>
      ) : null}
    </div>
  );
}
