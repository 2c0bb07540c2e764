/**
 * What the Firefox suite records of the browser's traffic, without a proxy
 * of its own in the way:
 * - to Mantix: every request that reaches the reference server (method,
 *   URL, headers, body), taken from Node's `http.server.request.start`
 *   diagnostics channel in this process (the server listens on the port
 *   baked into the build, so DPoP's `htu` stays the real one);
 * - to anywhere else: Firefox is told to use an HTTP/HTTPS proxy on
 *   loopback (loopback itself is never proxied) that records the host of
 *   each attempt and refuses it. Bitget's requests never get there: they are
 *   answered by request interception (see bitget.ts), which records them.
 */
import diagnostics from 'node:diagnostics_channel';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

type RequestStart = { request: IncomingMessage; server: Server };

/** Records every request to the HTTP server listening on `port` in this process (not its /dev/ test endpoints). */
export function recordServer(port: number): { requests: RecordedRequest[]; stop(): void } {
  const requests: RecordedRequest[] = [];
  const channel = diagnostics.channel('http.server.request.start');
  const onStart = (message: unknown) => {
    const { request, server } = message as RequestStart;
    if ((server.address() as AddressInfo | null)?.port !== port) return;
    const path = request.url ?? '/';
    if (path.startsWith('/dev/')) return;
    const entry: RecordedRequest = {
      url: `http://127.0.0.1:${port}${path}`,
      method: request.method ?? 'GET',
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : (value ?? ''),
        ]),
      ),
      body: '',
    };
    requests.push(entry);
    // The server's own reader attaches its listener in the same tick: both see every chunk.
    request.on('data', (chunk: Buffer) => {
      entry.body += chunk.toString('utf8');
    });
  };
  channel.subscribe(onStart);
  return { requests, stop: () => channel.unsubscribe(onStart) };
}

export interface OutsideRecorder {
  port: number;
  /** `host:port` of every connection Firefox tried outside loopback. */
  readonly attempts: string[];
  close(): Promise<void>;
}

/** The proxy Firefox must use for every non-loopback connection: it notes the host and refuses. */
export async function startOutsideRecorder(): Promise<OutsideRecorder> {
  const attempts: string[] = [];
  const server = createServer((req, res) => {
    try {
      attempts.push(new URL(req.url ?? '').host);
    } catch {
      attempts.push(String(req.headers.host));
    }
    res.writeHead(403, { 'content-type': 'text/plain' }).end('No outside connections in tests.');
  });
  server.on('connect', (req, socket) => {
    attempts.push(req.url ?? '?');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
