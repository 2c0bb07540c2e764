import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { MantixState } from './state.ts';

/** What a handler answers; the server adds Date, CORS and DPoP-Nonce headers. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  html?: string;
}

/** One request, with its body already read. */
export interface Ctx {
  state: MantixState;
  req: IncomingMessage;
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  /** Path parameters captured by the route pattern. */
  params: string[];
}

export const MAX_BODY_BYTES = 64 * 1024;

export function header(ctx: Ctx, name: string): string | undefined {
  const value = ctx.req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, json: body, headers };
}

export function htmlReply(status: number, html: string, headers: Record<string, string> = {}): Reply {
  return { status, html, headers };
}

/** RFC 6749 §5.2 error of an `/oauth/*` endpoint. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Reply {
  return jsonReply(status, { error, error_description: description }, { 'Cache-Control': 'no-store', ...headers });
}

/** Error of a `/v1` or `/dev` endpoint: `{error, message}`. */
export function apiError(status: number, error: string, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error, message }, headers);
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new BodyTooLargeError(`request body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mediaType(ctx: Ctx): string {
  return (header(ctx, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Short, single-line description of zod issues. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function validate<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: describeIssues(result.error) };
}

/** `application/x-www-form-urlencoded` body; a parameter sent twice is refused (RFC 6749 §3.1). */
export function parseForm<T>(ctx: Ctx, schema: z.ZodType<T>): Parsed<T> {
  if (mediaType(ctx) !== 'application/x-www-form-urlencoded') {
    return { ok: false, message: 'Content-Type must be application/x-www-form-urlencoded' };
  }
  const params = new URLSearchParams(ctx.body);
  const values: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in values) {
      return { ok: false, message: `parameter ${name} is repeated` };
    }
    values[name] = value;
  }
  return validate(schema, values);
}

/** JSON body; an empty body counts as `{}` when `emptyAsObject` is set. */
export function parseJson<T>(ctx: Ctx, schema: z.ZodType<T>, options: { emptyAsObject?: boolean } = {}): Parsed<T> {
  if (ctx.body.trim() === '' && options.emptyAsObject) {
    return validate(schema, {});
  }
  if (mediaType(ctx) !== 'application/json') {
    return { ok: false, message: 'Content-Type must be application/json' };
  }
  let input: unknown;
  try {
    input = JSON.parse(ctx.body);
  } catch {
    return { ok: false, message: 'body is not valid JSON' };
  }
  return validate(schema, input);
}

/** Query parameters as an object, validated. */
export function parseQuery<T>(ctx: Ctx, schema: z.ZodType<T>): Parsed<T> {
  return validate(schema, Object.fromEntries(ctx.query));
}

export function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
