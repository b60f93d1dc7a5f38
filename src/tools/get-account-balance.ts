import type {
  GetAccountBalanceInput,
  GetAccountBalanceOutput,
} from '../shared/tools/get-account-balance';
import { loadData, type ToolHandler } from './tool-context';

/** get_account_balance: the customer's Kestrel Pay balance. */
export const getAccountBalanceHandler: ToolHandler<
  GetAccountBalanceInput,
  GetAccountBalanceOutput
> = async (_input, ctx) => {
  const { balance } = await loadData(ctx, 'account');
  return { ...balance };
};
