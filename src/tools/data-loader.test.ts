import { readFile } from 'node:fs/promises';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { createDataLoader } from './data-loader';

async function fixtureResponse(url: string): Promise<Response> {
  const file = new URL(`../../public${url}`, import.meta.url);
  return new Response(await readFile(file, 'utf8'), {
    headers: { 'content-type': 'application/json' },
  });
}

describe('createDataLoader', () => {
  it('fetches each file once, shares concurrent loads and returns validated data', async () => {
    const fetch = vi.fn((input: RequestInfo | URL) => fixtureResponse(String(input)));
    const load = createDataLoader(new QueryClient(), { fetch });
    const [a, b] = await Promise.all([load('weather'), load('weather')]);
    expect(a).toBe(b);
    expect(a.cities.length).toBeGreaterThanOrEqual(20);
    const again = await load('weather');
    expect(again).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('/data/weather.json');
    await load('rates');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('prefixes a base URL', async () => {
    const fetch = vi.fn((input: RequestInfo | URL) =>
      fixtureResponse(String(input).replace('/app', '')),
    );
    const load = createDataLoader(new QueryClient(), { fetch, baseUrl: '/app/' });
    await load('rates');
    expect(fetch.mock.calls[0]?.[0]).toBe('/app/data/rates.json');
  });

  it('rejects on HTTP errors and on data that fails its schema', async () => {
    const notFound = createDataLoader(new QueryClient(), {
      fetch: async () => new Response('nope', { status: 404 }),
    });
    await expect(notFound('rates')).rejects.toThrow('Could not load rates.json: HTTP 404.');
    const malformed = createDataLoader(new QueryClient(), {
      fetch: async () => Response.json({ base: 'USD', rates: { EUR: 'lots' } }),
    });
    await expect(malformed('rates')).rejects.toThrow(/rates\.json is invalid/);
  });
});
