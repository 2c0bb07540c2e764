/**
 * One message, one reply, with a timeout, over a runtime port: how secrets
 * travel between the extension's contexts (never `sendMessage`, never the
 * page). `requestOnce` is the asking end (the overlay's capture, the popup's
 * secret channel), `answerOnce` the answering end (the background). Both
 * close the port when done. No browser API here: callers pass the port.
 */

/** The part of a runtime port these helpers use (a fake one in unit tests). */
export interface OncePort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** The answering end also stops listening after the one message. */
export interface AnsweringPort extends OncePort {
  onMessage: OncePort['onMessage'] & { removeListener(listener: (message: unknown) => void): void };
}

function close(port: OncePort): void {
  try {
    port.disconnect();
  } catch {
    // Already closed.
  }
}

/**
 * Posts `message` and calls `done` exactly once: with the reply (raw, for
 * the caller to parse), or with `undefined` when the port closed first, the
 * post failed, or nothing came within `timeoutMs`. The port is then closed.
 */
export function requestOnce(port: OncePort, message: unknown, timeoutMs: number, done: (reply: unknown) => void): void {
  let settled = false;
  const finish = (reply: unknown) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    done(reply);
    close(port);
  };
  const timer = setTimeout(() => finish(undefined), timeoutMs);
  port.onMessage.addListener((raw) => finish(raw));
  port.onDisconnect.addListener(() => finish(undefined));
  try {
    port.postMessage(message);
  } catch {
    finish(undefined);
  }
}

/**
 * Reads ONE message from `port`, answers it with `answer(raw)` (or
 * `failed()` when that throws), and closes the port. A port that sends
 * nothing within `timeoutMs` is closed.
 */
export function answerOnce<R>(
  port: AnsweringPort,
  answer: (raw: unknown) => Promise<R>,
  { timeoutMs, failed }: { timeoutMs: number; failed: () => R },
): void {
  const timeout = setTimeout(() => port.disconnect(), timeoutMs);
  const onMessage = (raw: unknown) => {
    port.onMessage.removeListener(onMessage);
    clearTimeout(timeout);
    void answer(raw)
      .catch(failed)
      .then((reply) => {
        try {
          port.postMessage(reply);
        } catch {
          // The other end is gone; what it sent was handled all the same.
        }
        port.disconnect();
      });
  };
  port.onMessage.addListener(onMessage);
}
