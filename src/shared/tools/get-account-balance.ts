import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const getAccountBalanceInput = z.object({});
export type GetAccountBalanceInput = z.infer<typeof getAccountBalanceInput>;

export const getAccountBalanceOutput = z.object({
  currency: z.string(),
  available: z.number(),
  pending: z.number(),
  creditLimit: z.number(),
  asOf: z.string(),
});
export type GetAccountBalanceOutput = z.infer<typeof getAccountBalanceOutput>;

export const getAccountBalanceSpec = defineToolSpec({
  name: 'get_account_balance',
  description:
    "Get the signed-in customer's store account (Kestrel Pay) balance: currency, available funds, pending " +
    'charges for orders not yet shipped, and credit limit. Takes no arguments. Can run in parallel with the ' +
    'profile and order tools.',
  input: getAccountBalanceInput,
  runsOn: 'browser',
  timeoutMs: 5000,
  simulatedLatency: { baseMs: 550, jitterMs: 200 },
});
