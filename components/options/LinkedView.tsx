import { config } from '@/utils/config';
import type { LinkState } from '@/utils/storage';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useLinkStore } from './link-store';
import { ServerIps } from './ServerIps';

/** Linked: who to, Mantix's server IPs, the trusted ingest keys, and "Unlink". */
export function LinkedView({ link }: { link: LinkState }) {
  const busy = useLinkStore((s) => s.busy);
  const actionError = useLinkStore((s) => s.actionError);
  const unlink = useLinkStore((s) => s.unlink);
  return (
    <>
      <p role="status">Linked to Mantix.</p>
      <dl className="account">
        <dt>Name</dt>
        <dd>{link.displayName}</dd>
        <dt>Email</dt>
        <dd>{link.email}</dd>
        <dt>Account ID</dt>
        <dd>
          <code>{link.accountId}</code>
        </dd>
        <dt>Linked on</dt>
        <dd>
          <time dateTime={link.linkedAt}>{new Date(link.linkedAt).toLocaleString()}</time>
        </dd>
      </dl>
      <ServerIps />
      <section aria-labelledby="pins-heading">
        <h3 id="pins-heading">Trusted encryption keys</h3>
        <p>
          Your exchange keys are encrypted for Mantix and sent only when Mantix's key has one of these fingerprints
          (SHA-256 key thumbprints):
        </p>
        <ul aria-labelledby="pins-heading" className="pins">
          {config.ingestPins.map((pin) => (
            <li key={pin}>
              <code>{pin}</code>
            </li>
          ))}
        </ul>
      </section>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      <button type="button" className="secondary" onClick={() => void unlink()} disabled={busy === 'unlink'}>
        {busy === 'unlink' ? 'Unlinking…' : 'Unlink'}
      </button>
    </>
  );
}
