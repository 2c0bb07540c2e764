import { useId } from 'react';

export const GUIDE_STEPS = [
  'Sign in to Bitget',
  'Open API Management',
  'Create API Key → System-generated',
  'Set Note, Passphrase and rights',
  'Bind Mantix server IPs',
  'Confirm with 2FA',
  'Send the keys to Mantix',
] as const;

export function GuidePanel() {
  const headingId = useId();
  return (
    <aside className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Mantix guide</h2>
      <ol>
        {GUIDE_STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </aside>
  );
}
