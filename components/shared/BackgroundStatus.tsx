import { useEffect } from 'react';
import { t } from '@/utils/i18n';
import { useBackgroundStore } from './background-store';
import { ErrorMessage } from './ErrorMessage';

export function BackgroundStatus() {
  const { status, version, error, check } = useBackgroundStore();
  useEffect(() => {
    void check();
  }, [check]);
  if (status === 'unreachable' && error) return <ErrorMessage error={error} />;
  return (
    <p className="muted" data-testid="background-status">
      {status === 'ready' ? t('background_ready', version ?? '') : t('background_starting')}
    </p>
  );
}
