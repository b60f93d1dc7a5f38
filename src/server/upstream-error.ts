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

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured address';
  }
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

/** Removes anything that looks like a credential, and the configured secrets themselves, from a message. */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  return clean
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{6,}/g, '[redacted]')
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]');
}

/**
 * Turns any error from a provider call into one sentence for the page: what went wrong and
 * what to do, never the upstream's raw body and never a key.
 */
export function describeUpstreamError(
  error: unknown,
  provider: string,
  secrets: Array<string | undefined>,
): string {
  const name = providerNames[provider] ?? 'The model provider';
  const root = RetryError.isInstance(error) ? error.lastError : error;
  const attempts = RetryError.isInstance(error) ? ` after ${error.errors.length} attempts` : '';

  const timeout = timeoutIn(root);
  if (timeout) {
    const seconds = Math.round(timeout.timeoutMs / 100) / 10;
    return timeout.kind === 'first-byte'
      ? `${name} did not start answering within ${seconds} s. Retry in a moment.`
      : `${name} stopped sending for ${seconds} s in the middle of the answer. Retry to try again.`;
  }

  if (APICallError.isInstance(root)) {
    const status = root.statusCode;
    const host = hostOf(root.url);
    if (status !== undefined && status >= 200 && status < 300) {
      // The provider had answered and was streaming: the connection broke mid-answer.
      const code = networkCode(root);
      return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
        ? `The connection to ${name} was reset in the middle of the answer. Retry to try again.`
        : `The connection to ${name} ended before the answer finished. Retry to try again.`;
    }
    if (status === 401 || status === 403) {
      return `${name} rejected the credentials (HTTP ${status}). Check the API key configured on the server.`;
    }
    if (status === 429) {
      return `${name} is rate-limiting requests (HTTP 429)${attempts}. Wait a moment, then retry.`;
    }
    if (status === 404) {
      return `${name} does not know this model or endpoint (HTTP 404 from ${host}).`;
    }
    if (status === 529 || errorType(root.data) === 'overloaded_error') {
      return `${name} is overloaded right now${attempts}. Retry in a moment.`;
    }
    if (status !== undefined && status >= 500) {
      return `${name} had a server error (HTTP ${status})${attempts}. Retry in a moment.`;
    }
    if (status !== undefined && status >= 400) {
      return `${name} refused the request (HTTP ${status}).`;
    }
    const code = networkCode(root);
    if (code) return `Could not reach ${name} at ${host} (${code}). Is the server running?`;
    return `The connection to ${name} at ${host} failed${attempts}.`;
  }

  const code = networkCode(root);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return `The connection to ${name} was reset in the middle of the answer. Retry to try again.`;
  }
  if (code) return `Could not reach ${name} (${code}). Is the server running?`;

  const type = errorType(root);
  if (type === 'overloaded_error') return `${name} is overloaded right now. Retry in a moment.`;
  if (type === 'rate_limit_error')
    return `${name} is rate-limiting requests. Wait a moment, then retry.`;
  if (type)
    return `${name} reported an error (${type.replace(/[^a-z0-9_-]/gi, '')}). Retry in a moment.`;

  const message = root instanceof Error ? root.message : '';
  if (/terminated|premature|socket|aborted/i.test(message)) {
    return `The connection to ${name} ended before the answer finished. Retry to try again.`;
  }
  const detail = message ? `: ${redactSecrets(message, secrets).slice(0, 160)}` : '';
  return `${name} failed unexpectedly${detail}.`;
}
