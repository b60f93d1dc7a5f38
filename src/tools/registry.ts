import type { z } from 'zod';
import { addToCartSpec } from '../shared/tools/add-to-cart';
import { calculateSpec } from '../shared/tools/calculate';
import { checkInventorySpec } from '../shared/tools/check-inventory';
import { getAccountBalanceSpec } from '../shared/tools/get-account-balance';
import { getLocalTimeSpec } from '../shared/tools/get-local-time';
import { getRecentOrdersSpec } from '../shared/tools/get-recent-orders';
import { getUserProfileSpec } from '../shared/tools/get-user-profile';
import { getWeatherSpec } from '../shared/tools/get-weather';
import { lookupProductSpec } from '../shared/tools/lookup-product';
import { searchKnowledgeBaseSpec } from '../shared/tools/search-knowledge-base';
import type { ToolSpec } from '../shared/tools/tool-spec';
import { addToCartHandler } from './add-to-cart';
import { calculateHandler } from './calculate';
import { checkInventoryHandler } from './check-inventory';
import { getAccountBalanceHandler } from './get-account-balance';
import { getLocalTimeHandler } from './get-local-time';
import { getRecentOrdersHandler } from './get-recent-orders';
import { getUserProfileHandler } from './get-user-profile';
import { getWeatherHandler } from './get-weather';
import { lookupProductHandler } from './lookup-product';
import { searchKnowledgeBaseHandler } from './search-knowledge-base';
import type { ToolContext, ToolHandler } from './tool-context';

export {
  abortableDelay,
  simulatedDelayMs,
  withSimulatedLatency,
} from '../shared/tools/simulated-latency';
export { createDataLoader } from './data-loader';
export type { DataLoader, ToolContext, ToolHandler } from './tool-context';

/**
 * A browser tool as the executor sees it. The handler re-parses its input with the spec (cheap
 * and idempotent), so it stays type-safe even when called with the raw model input.
 */
export type BrowserTool = {
  spec: ToolSpec;
  handler: (input: unknown, ctx: ToolContext) => Promise<unknown>;
};

function defineBrowserTool<Input extends z.ZodType, Output>(
  spec: ToolSpec<Input>,
  handler: ToolHandler<z.output<Input>, Output>,
): BrowserTool {
  return {
    spec,
    handler: async (input, ctx) => {
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .map((issue) => `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`)
          .join('; ');
        throw new Error(`Invalid input for ${spec.name}: ${issues}`);
      }
      return handler(parsed.data, ctx);
    },
  };
}

/** The ten tools that run in the page, by name (convert_currency runs on the proxy). */
export const browserTools: Readonly<Record<string, BrowserTool>> = {
  get_weather: defineBrowserTool(getWeatherSpec, getWeatherHandler),
  lookup_product: defineBrowserTool(lookupProductSpec, lookupProductHandler),
  check_inventory: defineBrowserTool(checkInventorySpec, checkInventoryHandler),
  search_knowledge_base: defineBrowserTool(searchKnowledgeBaseSpec, searchKnowledgeBaseHandler),
  get_user_profile: defineBrowserTool(getUserProfileSpec, getUserProfileHandler),
  get_account_balance: defineBrowserTool(getAccountBalanceSpec, getAccountBalanceHandler),
  get_recent_orders: defineBrowserTool(getRecentOrdersSpec, getRecentOrdersHandler),
  get_local_time: defineBrowserTool(getLocalTimeSpec, getLocalTimeHandler),
  calculate: defineBrowserTool(calculateSpec, calculateHandler),
  add_to_cart: defineBrowserTool(addToCartSpec, addToCartHandler),
};
