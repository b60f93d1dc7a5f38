import type { RecordedConnection, RecordedRequest } from './fake-upstream.ts';
import { FAKE_UPSTREAM_URL } from './scenarios.ts';

export type { RecordedConnection, RecordedRequest };

async function getJson<T>(path: string, query: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const response = await fetch(`${FAKE_UPSTREAM_URL}${path}?${params}`);
  if (!response.ok) throw new Error(`fake upstream ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Requests the fake upstream received; `contains` matches any substring of the JSON body (use a nonce). */
export async function fakeRequests(
  filter: { contains?: string; path?: string; provider?: string } = {},
): Promise<RecordedRequest[]> {
  const body = await getJson<{ requests: RecordedRequest[] }>('/__fake/requests', filter);
  return body.requests;
}

/** Connections the fake upstream accepted, optionally only the one with `id` or carrying `requestId`. */
export async function fakeConnections(
  filter: { id?: number; requestId?: number } = {},
): Promise<RecordedConnection[]> {
  const body = await getJson<{ connections: RecordedConnection[] }>('/__fake/connections', filter);
  return body.connections;
}
