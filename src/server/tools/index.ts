import { executeConvertCurrency, type ServerToolOptions } from './convert-currency';

export type { ServerToolOptions } from './convert-currency';

/** Runs one server-side tool call; input is validated inside, since it comes from the model. */
export type ServerToolExecutor = (input: unknown, options: ServerToolOptions) => Promise<unknown>;

/**
 * Executors for the tools whose spec says `runsOn: 'server'` (they hold secrets in a real
 * deployment). Tools missing here are declared to the model without `execute`.
 */
export const serverToolExecutors: Readonly<Record<string, ServerToolExecutor>> = {
  convert_currency: executeConvertCurrency,
};
