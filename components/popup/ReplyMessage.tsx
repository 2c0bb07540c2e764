import type { CaptureReply } from '@/utils/protocol';

/** The background's one answer to a key set or passphrase the popup sent. */
export function ReplyMessage({ reply }: { reply: CaptureReply | null }) {
  if (!reply) return null;
  const rejected = reply.status === 'rejected';
  return (
    <p role={rejected ? 'alert' : 'status'} className={rejected ? 'error' : ''}>
      {reply.message}
    </p>
  );
}
