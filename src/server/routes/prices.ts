import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { type PricesResponse, priceTableSchema } from '../../shared/prices';
import { type EnvSource, readConfig } from '../config';

/** Where the table lives unless `FANOUT_PRICES` names another file (relative to the working directory). */
export const DEFAULT_PRICES_PATH = 'config/prices.json';

/** Reads and checks the price table; never throws (a broken file means no costs, and says why). */
export async function readPriceTable(path: string): Promise<PricesResponse> {
  let text: string;
  try {
    text = await readFile(resolve(path), 'utf8');
  } catch {
    return { table: null, problem: `No price table at ${path}: costs are not shown.` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { table: null, problem: `${path} is not valid JSON: costs are not shown.` };
  }
  const parsed = priceTableSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || '(file)';
    return {
      table: null,
      problem: `${path} is invalid — ${where}: ${issue?.message}. Costs are not shown.`,
    };
  }
  return { table: parsed.data };
}

/**
 * `GET /api/prices`: the operator's price table per model. Read on each request (a small file)
 * so an edit shows on the next page load without a restart.
 */
export function pricesRoute(env: () => EnvSource) {
  const route = new Hono();
  route.get('/', async (c) => {
    const path = readConfig(env()).FANOUT_PRICES ?? DEFAULT_PRICES_PATH;
    const body = await readPriceTable(path);
    if (body.problem) console.warn(`[fanout] ${body.problem}`);
    return c.json(body, 200, { 'cache-control': 'no-store' });
  });
  return route;
}
