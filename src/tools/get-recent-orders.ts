import {
  type GetRecentOrdersInput,
  type GetRecentOrdersOutput,
  RECENT_ORDERS_DEFAULT_LIMIT,
} from '../shared/tools/get-recent-orders';
import { loadData, type ToolHandler } from './tool-context';

/** get_recent_orders: the customer's orders, newest first. */
export const getRecentOrdersHandler: ToolHandler<
  GetRecentOrdersInput,
  GetRecentOrdersOutput
> = async (input, ctx) => {
  const { orders } = await loadData(ctx, 'account');
  const newestFirst = [...orders].sort(
    (a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id),
  );
  return {
    orders: newestFirst.slice(0, input.limit ?? RECENT_ORDERS_DEFAULT_LIMIT),
    totalOrders: orders.length,
  };
};
