import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ApiErrorCode } from '../shared/api-error';

/** Answers with the proxy's JSON error shape. */
export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
) {
  const body: ApiError = { error: { code, message } };
  return c.json(body, status);
}
