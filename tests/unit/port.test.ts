import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AnsweringPort, answerOnce, requestOnce } from '@/utils/port';

afterEach(() => {
  vi.useRealTimers();
});

class FakePort implements AnsweringPort {
  readonly sent: unknown[] = [];
  disconnects = 0;
  failPost = false;
  private messageListeners: ((m: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = {
    addListener: (l: (m: unknown) => void) => void this.messageListeners.push(l),
    removeListener: (l: (m: unknown) => void) => {
      this.messageListeners = this.messageListeners.filter((x) => x !== l);
    },
  };
  onDisconnect = { addListener: (l: () => void) => void this.disconnectListeners.push(l) };
  postMessage(message: unknown) {
    if (this.failPost) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(message);
  }
  disconnect() {
    this.disconnects += 1;
  }
  receive(message: unknown) {
    for (const l of [...this.messageListeners]) l(message);
  }
  drop() {
    for (const l of this.disconnectListeners) l();
  }
}

describe('requestOnce', () => {
  it('posts the message once and hands over the first reply only, then closes the port', () => {
    const port = new FakePort();
    const replies: unknown[] = [];
    requestOnce(port, { type: 'ask' }, 1000, (reply) => replies.push(reply));
    expect(port.sent).toEqual([{ type: 'ask' }]);
    port.receive({ answer: 1 });
    port.receive({ answer: 2 });
    port.drop();
    expect(replies).toEqual([{ answer: 1 }]);
    expect(port.disconnects).toBe(1);
  });

  it('a port closed before the reply: no answer (undefined), once', () => {
    const port = new FakePort();
    const replies: unknown[] = [];
    requestOnce(port, 'x', 1000, (reply) => replies.push(reply));
    port.drop();
    port.receive('late');
    expect(replies).toEqual([undefined]);
  });

  it('no reply in time: no answer, and the port is closed', () => {
    vi.useFakeTimers();
    const port = new FakePort();
    const replies: unknown[] = [];
    requestOnce(port, 'x', 1000, (reply) => replies.push(reply));
    vi.advanceTimersByTime(999);
    expect(replies).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(replies).toEqual([undefined]);
    expect(port.disconnects).toBe(1);
  });

  it('a post that fails: no answer at once', () => {
    const port = new FakePort();
    port.failPost = true;
    const replies: unknown[] = [];
    requestOnce(port, 'x', 1000, (reply) => replies.push(reply));
    expect(replies).toEqual([undefined]);
  });
});

describe('answerOnce', () => {
  it('answers the first message only and closes the port', async () => {
    const port = new FakePort();
    const seen: unknown[] = [];
    answerOnce(
      port,
      async (raw) => {
        seen.push(raw);
        return { ok: raw };
      },
      { timeoutMs: 1000, failed: () => ({ ok: 'failed' }) },
    );
    port.receive('first');
    port.receive('second');
    await vi.waitFor(() => expect(port.disconnects).toBe(1));
    expect(seen).toEqual(['first']);
    expect(port.sent).toEqual([{ ok: 'first' }]);
  });

  it('an answer that throws becomes the failure reply', async () => {
    const port = new FakePort();
    answerOnce(
      port,
      async () => {
        throw new Error('storage');
      },
      { timeoutMs: 1000, failed: () => 'not kept' },
    );
    port.receive('x');
    await vi.waitFor(() => expect(port.disconnects).toBe(1));
    expect(port.sent).toEqual(['not kept']);
  });

  it('a port that sends nothing in time is closed', () => {
    vi.useFakeTimers();
    const port = new FakePort();
    answerOnce(port, async () => 'reply', { timeoutMs: 1000, failed: () => 'failed' });
    vi.advanceTimersByTime(1000);
    expect(port.disconnects).toBe(1);
    expect(port.sent).toEqual([]);
  });
});
