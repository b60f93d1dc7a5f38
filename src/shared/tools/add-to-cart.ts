import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const addToCartInput = z.object({
  sku: z
    .string()
    .min(1)
    .describe('The product SKU, as returned by lookup_product (e.g. "VEGA-AIR-13"), or its name.'),
  quantity: z.number().int().min(1).max(20).describe('How many units to add (1–20).'),
});
export type AddToCartInput = z.infer<typeof addToCartInput>;

export const cartLineSchema = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  unitPriceUsd: z.number().nonnegative(),
});
export type CartLine = z.infer<typeof cartLineSchema>;

export const addToCartOutput = z.object({
  added: z.object({ sku: z.string(), name: z.string(), quantity: z.number().int().positive() }),
  items: z.array(cartLineSchema),
  itemCount: z.number().int().nonnegative(),
  totalUsd: z.number().nonnegative(),
});
export type AddToCartOutput = z.infer<typeof addToCartOutput>;

export const addToCartSpec = defineToolSpec({
  name: 'add_to_cart',
  description:
    "Add a product (by SKU) to the signed-in customer's cart and return the whole cart with its total. It changes " +
    'state, so the user must approve each call before it runs; a denied call was not run. Independent look-ups ' +
    'can run in parallel in the same response while it waits.',
  input: addToCartInput,
  runsOn: 'browser',
  timeoutMs: 5000,
  simulatedLatency: { baseMs: 250, jitterMs: 100 },
  requiresApproval: true,
});
