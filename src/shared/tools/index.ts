import { addToCartSpec } from './add-to-cart';
import { calculateSpec } from './calculate';
import { checkInventorySpec } from './check-inventory';
import { convertCurrencySpec } from './convert-currency';
import { getAccountBalanceSpec } from './get-account-balance';
import { getLocalTimeSpec } from './get-local-time';
import { getRecentOrdersSpec } from './get-recent-orders';
import { getUserProfileSpec } from './get-user-profile';
import { getWeatherSpec } from './get-weather';
import { lookupProductSpec } from './lookup-product';
import { searchKnowledgeBaseSpec } from './search-knowledge-base';
import type { ToolSpec } from './tool-spec';

export type { SimulatedLatency, ToolRunsOn, ToolSpec } from './tool-spec';

/** The demo pack, in the order the UI lists it. Isomorphic: safe to import on the proxy. */
export const toolSpecs = [
  getWeatherSpec,
  lookupProductSpec,
  checkInventorySpec,
  searchKnowledgeBaseSpec,
  getUserProfileSpec,
  getAccountBalanceSpec,
  getRecentOrdersSpec,
  convertCurrencySpec,
  getLocalTimeSpec,
  calculateSpec,
  addToCartSpec,
] as const;

/** The public names of the demo pack (a contract: models and tests call them). */
export type ToolName =
  | 'get_weather'
  | 'lookup_product'
  | 'check_inventory'
  | 'search_knowledge_base'
  | 'get_user_profile'
  | 'get_account_balance'
  | 'get_recent_orders'
  | 'convert_currency'
  | 'get_local_time'
  | 'calculate'
  | 'add_to_cart';

/** Specs by tool name; look-ups of names the model invents return undefined. */
export const toolSpecByName: Readonly<Record<string, ToolSpec>> = Object.fromEntries(
  toolSpecs.map((spec) => [spec.name, spec]),
);
