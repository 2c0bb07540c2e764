/**
 * Reads the answer of a `/v1` call: a 2xx JSON body parsed with the
 * caller's zod schema; anything else becomes the matching MantixError
 * (`rejected` with the body's `error`, `server_error`, `unexpected_answer`).
 */
import type * as z from 'zod/mini';
import { ApiErrorBody, MantixError } from './errors';

export async function readAnswer<S extends z.ZodMiniType>(response: Response, schema: S): Promise<z.output<S>> {
  const { status } = response;
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The size cap (cappedFetch) or a body cut off midway.
    if (error instanceof MantixError) throw error;
    if (error instanceof Error && error.cause instanceof MantixError) throw error.cause;
    throw new MantixError('unexpected_answer', { status, detail: `the answer could not be read: ${String(error)}` });
  }
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    const type = response.headers.get('content-type') ?? '';
    if (text !== '' && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
      throw new MantixError('unexpected_answer', {
        status,
        detail: `${response.url}: the answer is ${type || 'untyped'}, not JSON`,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new MantixError('unexpected_answer', { status, detail: `${response.url}: ${parsed.error.message}` });
    }
    return parsed.data;
  }
  const error = ApiErrorBody.safeParse(json);
  const detail = error.success ? `${error.data.error}: ${error.data.message}` : text.slice(0, 500);
  if (status >= 500) {
    throw new MantixError('server_error', {
      status,
      detail,
      ...(error.success ? { serverError: error.data.error } : {}),
    });
  }
  if (status >= 400 && error.success) {
    throw new MantixError('rejected', { status, serverError: error.data.error, detail });
  }
  throw new MantixError('unexpected_answer', { status, detail });
}
