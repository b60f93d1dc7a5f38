import { z } from 'zod';

/**
 * The price table the operator keeps in `config/prices.json` (or the file `FANOUT_PRICES`
 * names): list prices per million tokens, per model id exactly as Fanout names models
 * (`openai:gpt-4.1-mini`, `anthropic:claude-haiku-4-5`, `offline`, …). A model missing from
 * the table has no cost shown. See docs/prices.md.
 */
export const modelPriceSchema = z.object({
  /** Price of one million input (prompt) tokens. */
  inputPerMillion: z.number().finite().nonnegative(),
  /** Price of one million output (completion) tokens. */
  outputPerMillion: z.number().finite().nonnegative(),
  /** Where the figure came from, for the next person who edits the file. */
  note: z.string().optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

export const priceTableSchema = z.object({
  /** ISO 4217 code every price is in, e.g. "USD". */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as "USD"'),
  /** When the prices were last checked against the providers' price pages (free text). */
  checked: z.string().optional(),
  models: z.record(z.string().min(1), modelPriceSchema),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

/** `GET /api/prices`: the table, or null with the reason when there is none to use. */
export const pricesResponseSchema = z.object({
  table: priceTableSchema.nullable(),
  problem: z.string().optional(),
});
export type PricesResponse = z.infer<typeof pricesResponseSchema>;
