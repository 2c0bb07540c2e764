/**
 * The reference Mantix server: development, demo and test infrastructure,
 * never bundled into the extension. See README.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConnection, getConnection } from './connections.ts';
import { corsHeaders, preflight } from './cors.ts';
import {
  devIndex,
  getGrants,
  getReceived,
  getRequests,
  getScenario,
  postApprove,
  postClock,
  postDeny,
  postReset,
  postScenario,
} from './dev.ts';
import { showDevicePage, submitDevicePage } from './device-page.ts';
import {
  apiError,
  BodyTooLargeError,
  type Ctx,
  header,
  isLoopbackAddress,
  jsonReply,
  oauthError,
  type Reply,
  readBody,
  sleep,
} from './http.ts';
import { loadCommittedIngestKeys } from './keys.ts';
import { deviceAuthorization, metadata, revoke, token } from './oauth.ts';
import { getAccount, getIngestKey, getServerIps } from './resources.ts';
import { MantixState } from './state.ts';

export interface MantixServerOptions {
  /** 0 = an ephemeral port (tests). Default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** One line per request on stdout. Default false. */
  log?: boolean;
  /** The OAuth client id accepted. Default `mantix-extension`. */
  clientId?: string;
}

export interface MantixServer {
  /** Origin of the server, e.g. `http://127.0.0.1:8787` (also the OAuth issuer). */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Same as `POST /dev/reset`. */
  reset(): void;
}

type Handler = (ctx: Ctx) => Reply | Promise<Reply>;
interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handler: Handler;
}

const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/\.well-known\/oauth-authorization-server$/, handler: metadata },
  { method: 'POST', pattern: /^\/oauth\/device_authorization$/, handler: deviceAuthorization },
  { method: 'POST', pattern: /^\/oauth\/token$/, handler: token },
  { method: 'POST', pattern: /^\/oauth\/revoke$/, handler: revoke },
  { method: 'GET', pattern: /^\/device$/, handler: showDevicePage },
  { method: 'POST', pattern: /^\/device$/, handler: submitDevicePage },
  { method: 'GET', pattern: /^\/v1\/account$/, handler: getAccount },
  { method: 'GET', pattern: /^\/v1\/exchanges\/([^/]+)\/server-ips$/, handler: getServerIps },
  { method: 'GET', pattern: /^\/v1\/ingest-key$/, handler: getIngestKey },
  { method: 'POST', pattern: /^\/v1\/exchange-connections$/, handler: createConnection },
  { method: 'GET', pattern: /^\/v1\/exchange-connections\/([^/]+)$/, handler: getConnection },
  { method: 'GET', pattern: /^\/dev\/?$/, handler: devIndex },
  { method: 'GET', pattern: /^\/dev\/received$/, handler: getReceived },
  { method: 'GET', pattern: /^\/dev\/grants$/, handler: getGrants },
  { method: 'POST', pattern: /^\/dev\/approve$/, handler: postApprove },
  { method: 'POST', pattern: /^\/dev\/deny$/, handler: postDeny },
  { method: 'GET', pattern: /^\/dev\/requests$/, handler: getRequests },
  { method: 'GET', pattern: /^\/dev\/scenario$/, handler: getScenario },
  { method: 'POST', pattern: /^\/dev\/scenario$/, handler: postScenario },
  { method: 'POST', pattern: /^\/dev\/reset$/, handler: postReset },
  { method: 'POST', pattern: /^\/dev\/clock$/, handler: postClock },
];

const isDevPath = (path: string): boolean => path === '/dev' || path.startsWith('/dev/');
const isDpopPath = (path: string): boolean => path === '/oauth/token' || path.startsWith('/v1/');

function route(ctx: Ctx): Reply | Promise<Reply> {
  const candidates = ROUTES.filter((candidate) => candidate.pattern.test(ctx.path));
  const match = candidates.find((candidate) => candidate.method === ctx.method);
  if (!match) {
    return candidates.length > 0
      ? apiError(405, 'method_not_allowed', `use ${candidates.map((c) => c.method).join(' or ')}`, {
          Allow: candidates.map((c) => c.method).join(', '),
        })
      : apiError(404, 'not_found', `no endpoint ${ctx.method} ${ctx.path}`);
  }
  const params = (match.pattern.exec(ctx.path) ?? []).slice(1).map(safeDecode);
  if (params.some((param) => param === undefined)) {
    return apiError(404, 'not_found', `no endpoint ${ctx.method} ${ctx.path}`);
  }
  ctx.params = params.filter((param): param is string => param !== undefined);
  return match.handler(ctx);
}

function safeDecode(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}

/** /dev only from loopback, with a loopback Host and no foreign Origin (DNS rebinding, CSRF). */
function devGate(ctx: Ctx): Reply | undefined {
  const host = (header(ctx, 'host') ?? '').replace(/:\d+$/, '');
  const origin = header(ctx, 'origin');
  const loopbackHost = ['127.0.0.1', 'localhost', '[::1]'].includes(host);
  if (!isLoopbackAddress(ctx.req.socket.remoteAddress) || !loopbackHost) {
    return apiError(404, 'not_found', 'development endpoints answer on loopback only');
  }
  if (origin !== undefined && origin !== ctx.state.config.url) {
    return apiError(403, 'forbidden', 'development endpoints refuse cross-origin requests');
  }
  return undefined;
}

/** Scenario keys that act before any endpoint: delay, fail_next, garbage. */
async function injectedReply(ctx: Ctx): Promise<Reply | undefined> {
  const scenario = ctx.state.scenario;
  if (scenario.delayMs > 0 && (scenario.delayPath === undefined || ctx.path.startsWith(scenario.delayPath))) {
    await sleep(scenario.delayMs);
  }
  if (scenario.failNext > 0 && ctx.path.startsWith(scenario.failPath)) {
    scenario.failNext -= 1;
    const message = `the reference server was told to fail this request (status ${scenario.failStatus})`;
    return jsonReply(scenario.failStatus, { error: 'unavailable', message, error_description: message });
  }
  if (scenario.garbage !== undefined && ctx.path.startsWith(scenario.garbage)) {
    return jsonReply(200, { unexpected: true });
  }
  return undefined;
}

async function dispatch(ctx: Ctx): Promise<Reply> {
  if (isDevPath(ctx.path)) {
    return devGate(ctx) ?? route(ctx);
  }
  if (ctx.method === 'OPTIONS') {
    return preflight(ctx);
  }
  return (await injectedReply(ctx)) ?? route(ctx);
}

function writeReply(ctx: Ctx, res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...corsHeaders(ctx), ...reply.headers };
  if (isDpopPath(ctx.path) && ctx.method !== 'OPTIONS' && !headers['DPoP-Nonce']) {
    headers['DPoP-Nonce'] = ctx.state.currentNonce();
  }
  headers.Date = new Date(ctx.state.now()).toUTCString();
  let body = '';
  if (reply.html !== undefined) {
    headers['Content-Type'] = 'text/html; charset=utf-8';
    body = reply.html;
  } else if (reply.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(reply.json);
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

const MAX_LOGGED_REQUESTS = 2000;

function logRequest(ctx: Ctx, reply: Reply, arrived: number): void {
  if (isDevPath(ctx.path)) {
    return;
  }
  const error = (reply.json as { error?: unknown } | undefined)?.error;
  const authorization = header(ctx, 'authorization');
  const entry = {
    at: new Date().toISOString(),
    method: ctx.method,
    path: ctx.path,
    status: reply.status,
    origin: header(ctx, 'origin') ?? null,
    headers: {
      'content-type': header(ctx, 'content-type') ?? '',
      'user-agent': header(ctx, 'user-agent') ?? '',
      'idempotency-key': header(ctx, 'idempotency-key') ?? '',
      authorization: authorization ? (authorization.split(' ')[0] ?? '') : '',
      dpop: header(ctx, 'dpop') !== undefined,
    },
    ...(typeof error === 'string' ? { error } : {}),
    handledMs: Math.round((performance.now() - arrived) * 100) / 100,
  };
  ctx.state.requests.push(entry);
  ctx.state.requests.splice(0, Math.max(0, ctx.state.requests.length - MAX_LOGGED_REQUESTS));
  if (ctx.state.config.log) {
    console.log(`${entry.at} ${ctx.method} ${ctx.path} → ${reply.status}${entry.error ? ` ${entry.error}` : ''}`);
  }
}

function failureReply(ctx: Ctx, error: unknown): Reply {
  if (error instanceof BodyTooLargeError) {
    return apiError(413, 'invalid_request', error.message);
  }
  if (ctx.state.config.log) {
    console.error(error);
  }
  const message = 'the reference server failed on this request';
  return ctx.path.startsWith('/oauth/')
    ? oauthError(500, 'server_error', message)
    : apiError(500, 'server_error', message);
}

async function handle(state: MantixState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrived = performance.now();
  const url = new URL(req.url ?? '/', state.config.url);
  const ctx: Ctx = {
    state,
    req,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    body: '',
    params: [],
  };
  let reply: Reply;
  try {
    ctx.body = await readBody(req);
    reply = await dispatch(ctx);
  } catch (error) {
    reply = failureReply(ctx, error);
  }
  writeReply(ctx, res, reply);
  logRequest(ctx, reply, arrived);
}

function originOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startMantixServer(opts: MantixServerOptions = {}): Promise<MantixServer> {
  const host = opts.host ?? '127.0.0.1';
  const keys = await loadCommittedIngestKeys();
  let state: MantixState | undefined;
  const server = createServer((req, res) => {
    if (!state) {
      res.writeHead(503).end();
      return;
    }
    void handle(state, req, res);
  });
  const port = await listen(server, opts.port ?? 8787, host);
  const url = originOf(host, port);
  state = new MantixState({ url, clientId: opts.clientId ?? 'mantix-extension', log: opts.log ?? false }, keys);
  const live = state;
  return {
    url,
    port,
    reset: () => live.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
