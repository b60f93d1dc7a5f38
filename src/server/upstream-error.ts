import { APICallError } from '@ai-sdk/provider';
import { RetryError } from 'ai';
import { isUpstreamTimeout, type UpstreamTimeoutError } from './upstream-fetch';

const providerNames: Record<string, string> = {
  offline: 'The offline planner',
  openai: 'OpenAI',
  'openai-chat': 'OpenAI',
  anthropic: 'Anthropic',
  compatible: 'The OpenAI-compatible server',
};

const networkCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function networkCode(error: unknown): string | undefined {
  for (const link of causeChain(error)) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && networkCodes.has(code)) return code;
  }
  return undefined;
}

function timeoutIn(error: unknown): UpstreamTimeoutError | undefined {
  for (const link of causeChain(error)) if (isUpstreamTimeout(link)) return link;
  return undefined;
}

function errorType(error: unknown): string | undefined {
  if (error && typeof error === 'object') {
    // Anthropic wraps the useful type: { type: 'error', error: { type: 'overloaded_error' } }
    const nested = (error as { error?: { type?: unknown } }).error?.type;
    if (typeof nested === 'string') return nested;
    const direct = (error as { type?: unknown }).type;
    if (typeof direct === 'string' && direct !== 'error') return direct;
    // OpenAI's in-stream errors are `{ type: 'error', code: 'server_error', message }`: name the
    // code, never repeat the upstream's message (it can quote the request or the key).
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && !networkCodes.has(code)) return code;
  }
  return undefined;
}

/**
 * In-stream error codes the page may name (sanitised). Anything else is "an error": a code is
 * still upstream text, and an unknown one could carry anything.
 */
const namedErrorCodes = new Set([
  'server_error',
  'api_error',
  'invalid_request_error',
  'insufficient_quota',
  'context_length_exceeded',
  'rate_limit_exceeded',
  'content_filter',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
]);

/** Failure classes: each has one fixed sentence and is what the log line names. */
export type UpstreamErrorClass =
  | 'first-byte-timeout'
  | 'idle-timeout'
  | 'reset'
  | 'cut-off'
  | 'credentials'
  | 'rate-limited'
  | 'not-found'
  | 'overloaded'
  | 'server-error'
  | 'refused'
  | 'unreachable'
  | 'stream-error'
  | 'unreadable'
  | 'unexpected';

export type UpstreamFailure = {
  class: UpstreamErrorClass;
  /** The upstream's HTTP status when there was one. */
  status: number | undefined;
  /** The sentence for the page: the provider, the status, what to try. Never upstream text. */
  message: string;
};

/** Errors the AI SDK raises when the upstream's bytes are not what its API promises. */
const unreadableErrors = new Set([
  'AI_JSONParseError',
  'AI_TypeValidationError',
  'AI_InvalidResponseDataError',
  'AI_EmptyResponseBodyError',
  'AI_NoContentGeneratedError',
]);

function unreadable(error: unknown): boolean {
  return causeChain(error).some(
    (link) =>
      link instanceof Error &&
      (unreadableErrors.has(link.name) || unreadableErrors.has(`AI_${link.name}`)),
  );
}

/**
 * Sorts any error from a provider call into its class, with one fixed sentence for the page:
 * what went wrong and what to do. Nothing from the upstream's body, stream or error message is
 * ever repeated (it can quote the request, the key or anything an upstream chooses to send).
 */
export function classifyUpstreamError(
  error: unknown,
  provider: string,
  /** The last upstream response's status, for an error found inside its body. */
  responseStatus?: number,
): UpstreamFailure {
  const name = providerNames[provider] ?? 'The model provider';
  const root = RetryError.isInstance(error) ? error.lastError : error;
  const attempts = RetryError.isInstance(error) ? ` after ${error.errors.length} attempts` : '';
  const status = (APICallError.isInstance(root) ? root.statusCode : undefined) ?? responseStatus;
  const fail = (kind: UpstreamErrorClass, message: string): UpstreamFailure => ({
    class: kind,
    status,
    message,
  });

  const timeout = timeoutIn(root);
  if (timeout) {
    const seconds = Math.round(timeout.timeoutMs / 100) / 10;
    return timeout.kind === 'first-byte'
      ? fail(
          'first-byte-timeout',
          `${name} did not start answering within ${seconds} s. Retry in a moment.`,
        )
      : fail(
          'idle-timeout',
          `${name} stopped sending for ${seconds} s in the middle of the answer. Retry to try again.`,
        );
  }

  const code = networkCode(root);
  const reset = () =>
    fail(
      'reset',
      `The connection to ${name} was reset in the middle of the answer. Retry to try again.`,
    );
  const cutOff = () =>
    fail(
      'cut-off',
      `The connection to ${name} ended before the answer finished. Retry to try again.`,
    );
  // An answer whose bytes are not the provider's API (invalid JSON in an event, a wrong shape).
  const unreadableAnswer = () =>
    fail(
      'unreadable',
      `${name} sent an answer Fanout could not read${status ? ` (HTTP ${status})` : ''}. Retry; if it keeps happening, check that the server configured for it speaks its API.`,
    );
  if (APICallError.isInstance(root)) {
    if (status !== undefined && status >= 200 && status < 300) {
      // The provider had answered and was streaming: the answer was unreadable, or the
      // connection broke mid-answer.
      if (unreadable(root)) return unreadableAnswer();
      return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? reset() : cutOff();
    }
    if (status === 401 || status === 403)
      return fail(
        'credentials',
        `${name} rejected the credentials (HTTP ${status}). Check the API key configured on the server.`,
      );
    if (status === 429)
      return fail(
        'rate-limited',
        `${name} is rate-limiting requests (HTTP 429)${attempts}. Wait a moment, then retry.`,
      );
    if (status === 404)
      return fail(
        'not-found',
        `${name} does not know this model or endpoint (HTTP 404). Check the model list and base URL configured on the server.`,
      );
    if (status === 529 || errorType(root.data) === 'overloaded_error')
      return fail('overloaded', `${name} is overloaded right now${attempts}. Retry in a moment.`);
    if (status !== undefined && status >= 500)
      return fail(
        'server-error',
        `${name} had a server error (HTTP ${status})${attempts}. Retry in a moment.`,
      );
    if (status !== undefined && status >= 400)
      return fail(
        'refused',
        `${name} refused the request (HTTP ${status}). Start a new conversation if it keeps happening.`,
      );
    if (code)
      return fail('unreachable', `Could not reach ${name} (${code}). Is the server running?`);
    return fail('unreachable', `The connection to ${name} failed${attempts}. Retry in a moment.`);
  }

  if (unreadable(root)) return unreadableAnswer();
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return reset();
  if (code) return fail('unreachable', `Could not reach ${name} (${code}). Is the server running?`);

  const type = errorType(root);
  if (type === 'overloaded_error')
    return fail('overloaded', `${name} is overloaded right now. Retry in a moment.`);
  if (type === 'rate_limit_error')
    return fail('rate-limited', `${name} is rate-limiting requests. Wait a moment, then retry.`);
  if (type)
    return fail(
      'stream-error',
      namedErrorCodes.has(type)
        ? `${name} reported an error (${type}). Retry in a moment.`
        : `${name} reported an error in the middle of the answer. Retry in a moment.`,
    );

  const message = root instanceof Error ? root.message : '';
  if (/terminated|premature|socket|aborted/i.test(message)) return cutOff();
  return fail('unexpected', `${name} failed unexpectedly. Retry in a moment.`);
}

/** The page's sentence for a provider failure (see `classifyUpstreamError`). */
export function describeUpstreamError(error: unknown, provider: string): string {
  return classifyUpstreamError(error, provider).message;
}
