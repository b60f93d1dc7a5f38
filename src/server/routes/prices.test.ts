import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pricesResponseSchema } from '../../shared/prices';
import { createApp } from '../app';

async function pricesWith(content: string | undefined) {
  const dir = await mkdtemp(join(tmpdir(), 'fanout-prices-'));
  const path = join(dir, 'prices.json');
  if (content !== undefined) await writeFile(path, content);
  const app = createApp({ env: () => ({ FANOUT_PRICES: path }) });
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const response = await app.request('/api/prices');
  warn.mockRestore();
  expect(response.status).toBe(200);
  return pricesResponseSchema.parse(await response.json());
}

describe('GET /api/prices', () => {
  it('serves the table FANOUT_PRICES names', async () => {
    const body = await pricesWith(
      JSON.stringify({
        currency: 'EUR',
        models: { offline: { inputPerMillion: 1, outputPerMillion: 2 } },
      }),
    );
    expect(body.table?.models.offline).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
    expect(body.problem).toBeUndefined();
  });

  it('serves the shipped config/prices.json by default', async () => {
    const response = await createApp({ env: () => ({}) }).request('/api/prices');
    const body = pricesResponseSchema.parse(await response.json());
    expect(body.table?.currency).toBe('USD');
  });

  it('answers no table, with the field named, for a broken or missing file', async () => {
    const invalid = await pricesWith(
      JSON.stringify({ currency: 'USD', models: { x: { inputPerMillion: 'cheap' } } }),
    );
    expect(invalid.table).toBeNull();
    expect(invalid.problem).toMatch(/models\.x\.inputPerMillion/);
    expect((await pricesWith('{ not json')).problem).toMatch(/not valid JSON/);
    expect((await pricesWith(undefined)).problem).toMatch(/No price table/);
  });
});
