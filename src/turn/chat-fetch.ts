import { apiErrorSchema } from '../shared/api-error';

/** Reads a proxy error response into one readable sentence. */
export async function readErrorResponse(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.error.message;
  } catch {
    // not JSON: fall through to a generic message
  }
  if (response.status === 413) return 'This conversation is too large to send. Start a new chat.';
  if (response.status === 429) return 'Too many requests right now. Wait a moment, then retry.';
  if (response.status >= 500)
    return `The Fanout server failed (HTTP ${response.status}). Retry in a moment.`;
  return `The Fanout server refused the request (HTTP ${response.status}).`;
}

/**
 * `fetch` for the chat transport: proxy errors become an Error carrying the proxy's reason,
 * and an unreachable server a sentence a person can act on.
 */
export const chatFetch: typeof fetch = async (input, init) => {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new Error('Could not reach the Fanout server. Check that it is running, then retry.');
  }
  if (!response.ok) throw new Error(await readErrorResponse(response));
  return response;
};
