import { z } from 'zod';
import { orderSchema } from './data-files';
import { defineToolSpec } from './tool-spec';

export const RECENT_ORDERS_DEFAULT_LIMIT = 5;
export const RECENT_ORDERS_MAX_LIMIT = 20;

export const getRecentOrdersInput = z.object({
  limit: z
    .number()
    .int()
    .min(1)
    .max(RECENT_ORDERS_MAX_LIMIT)
    .optional()
    .describe(`How many orders, newest first (default ${RECENT_ORDERS_DEFAULT_LIMIT}).`),
});
export type GetRecentOrdersInput = z.infer<typeof getRecentOrdersInput>;

export const getRecentOrdersOutput = z.object({
  orders: z.array(orderSchema),
  totalOrders: z.number(),
});
export type GetRecentOrdersOutput = z.infer<typeof getRecentOrdersOutput>;

export const getRecentOrdersSpec = defineToolSpec({
  name: 'get_recent_orders',
  description:
    "List the signed-in customer's most recent orders, newest first: order id, date, items, total and status " +
    '(processing, shipped, delivered, returned, cancelled). Can run in parallel with the profile and balance tools.',
  input: getRecentOrdersInput,
  runsOn: 'browser',
  timeoutMs: 6000,
  simulatedLatency: { baseMs: 650, jitterMs: 250 },
});
