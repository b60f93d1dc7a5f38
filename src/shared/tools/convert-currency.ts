import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const convertCurrencyInput = z.object({
  amount: z.number().finite().describe('The amount to convert, e.g. 250.'),
  from: z.string().min(1).describe('ISO 4217 code of the source currency, e.g. "USD".'),
  to: z.string().min(1).describe('ISO 4217 code of the target currency, e.g. "EUR".'),
});
export type ConvertCurrencyInput = z.infer<typeof convertCurrencyInput>;

export const convertCurrencyOutput = z.object({
  amount: z.number(),
  from: z.string(),
  to: z.string(),
  rate: z.number(),
  result: z.number(),
  formatted: z.string(),
  asOf: z.string(),
});
export type ConvertCurrencyOutput = z.infer<typeof convertCurrencyOutput>;

export const convertCurrencySpec = defineToolSpec({
  name: 'convert_currency',
  description:
    'Convert an amount from one currency to another at the latest daily reference rate; returns the rate, the ' +
    "converted amount (rounded to the currency's minor unit) and the rate date. One target currency per call: " +
    'for several currencies, make one call per target in the same response and they run in parallel.',
  input: convertCurrencyInput,
  // Runs on the proxy, as it would in production where the rates provider's API key must stay secret.
  runsOn: 'server',
  timeoutMs: 6000,
  simulatedLatency: { baseMs: 400, jitterMs: 150 },
});
