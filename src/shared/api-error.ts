import { z } from 'zod';

/** The JSON body of every 4xx/5xx answer from the proxy. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'body_too_large'
  | 'unknown_model'
  | 'model_not_configured'
  | 'forbidden_origin'
  | 'rate_limited'
  | 'too_many_streams'
  | 'not_found'
  | 'collector_rejected'
  | 'collector_unreachable'
  | 'unknown_host'
  | 'bad_request'
  | 'request_timeout'
  | 'headers_too_large'
  | 'too_many_connections'
  | 'internal';
