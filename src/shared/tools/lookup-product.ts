import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const lookupProductInput = z.object({
  product: z
    .string()
    .min(1)
    .describe('The product name (e.g. "Aurora X1") or its SKU (e.g. "AUR-X1-14").'),
});
export type LookupProductInput = z.infer<typeof lookupProductInput>;

export const lookupProductOutput = z.object({
  sku: z.string(),
  name: z.string(),
  brand: z.string(),
  category: z.string(),
  priceUsd: z.number(),
  rating: z.number(),
  reviewCount: z.number(),
  specs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  inStock: z.boolean(),
  matchedBy: z.enum(['sku', 'name', 'fuzzy']),
});
export type LookupProductOutput = z.infer<typeof lookupProductOutput>;

export const lookupProductSpec = defineToolSpec({
  name: 'lookup_product',
  description:
    "Look up ONE product in the store's catalogue by name or SKU (typos are tolerated) and return its SKU, " +
    'brand, category, price in USD, rating, technical specs and whether it is in stock anywhere. ' +
    'To compare several products, call this tool once per product in the same response; the calls run in parallel. ' +
    'Use the returned SKU for check_inventory.',
  input: lookupProductInput,
  runsOn: 'browser',
  timeoutMs: 6000,
  simulatedLatency: { baseMs: 450, jitterMs: 200 },
});
