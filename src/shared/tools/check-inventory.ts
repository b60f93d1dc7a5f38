import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const checkInventoryInput = z.object({
  sku: z
    .string()
    .min(1)
    .describe('The product SKU, as returned by lookup_product (e.g. "VEGA-AIR-13").'),
  storeId: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Optional store id (e.g. "sf-market"; the user\'s home store is in get_user_profile). Omit it to see every store.',
    ),
});
export type CheckInventoryInput = z.infer<typeof checkInventoryInput>;

export const stockStatusSchema = z.enum(['in-stock', 'low-stock', 'out-of-stock']);

export const checkInventoryOutput = z.object({
  sku: z.string(),
  productName: z.string(),
  totalQuantity: z.number(),
  stores: z.array(
    z.object({
      storeId: z.string(),
      storeName: z.string(),
      city: z.string(),
      quantity: z.number(),
      status: stockStatusSchema,
      restockDate: z.string().nullable(),
    }),
  ),
});
export type CheckInventoryOutput = z.infer<typeof checkInventoryOutput>;

export const checkInventorySpec = defineToolSpec({
  name: 'check_inventory',
  description:
    'Check how many units of a product (by SKU) are on the shelf, per store, with the next restock date when a store ' +
    'is low or out. Pass storeId for one store, or omit it for all stores. Needs a SKU: if you only have a product ' +
    'name, call lookup_product first. Independent checks can be called in parallel in one response.',
  input: checkInventoryInput,
  runsOn: 'browser',
  timeoutMs: 7000,
  // The (simulated) stock service only takes two requests at a time, so further calls queue visibly.
  concurrency: 2,
  simulatedLatency: { baseMs: 600, jitterMs: 300 },
});
