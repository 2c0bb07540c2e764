/**
 * The transport under every Mantix request: a timeout per HTTP request (plus
 * the caller's signal), plain http only to loopback in test builds, and a cap
 * on the size of an answer.
 */
import * as oauth from 'oauth4webapi';
import { MantixError } from './errors';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The largest answer read from Mantix (its answers are a few kB); a larger one is `unexpected_answer`. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Statuses whose Response cannot carry a body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function tooLarge(status: number, size: string): MantixError {
  return new MantixError('unexpected_answer', {
    status,
    detail: `the answer (${size}) is larger than ${MAX_RESPONSE_BYTES} bytes`,
  });
}

/**
 * `fetch` with a cap on the size of the answer: a declared Content-Length
 * over the cap is refused at once, and a streamed body is cut off as soon as
 * it passes the cap (so a hostile server cannot make the worker buffer
 * megabytes).
 */
export async function cappedFetch(url: string, init: oauth.CustomFetchOptions<string, unknown>): Promise<Response> {
  const response = await fetch(url, init as RequestInit);
  const { status } = response;
  if (!response.body || status < 200 || status > 599 || NULL_BODY_STATUSES.has(status)) return response;
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_RESPONSE_BYTES) {
    void response.body.cancel().catch(() => undefined);
    throw tooLarge(status, `${declared} bytes`);
  }
  let seen = 0;
  const capped = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > MAX_RESPONSE_BYTES) controller.error(tooLarge(status, `over ${seen} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
  const limited = new Response(capped, { status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(limited, 'url', { value: response.url });
  return limited;
}

/** Transport options for oauth4webapi: a fresh timeout per request, plus the caller's signal. */
export function httpOptions(timeoutMs: number, allowInsecureLoopback: boolean, signal?: AbortSignal) {
  return {
    signal: () => (signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs)),
    [oauth.customFetch]: cappedFetch,
    ...(allowInsecureLoopback ? { [oauth.allowInsecureRequests]: true } : {}),
  };
}

export type HttpOptions = ReturnType<typeof httpOptions>;
