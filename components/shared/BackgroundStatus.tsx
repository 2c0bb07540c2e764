import { useEffect } from 'react';
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
      {status === 'ready' ? `Extension ready · v${version}` : 'Starting…'}
    </p>
  );
}
