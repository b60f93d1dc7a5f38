import ratesJson from '../../../public/data/rates.json';
import {
  type ConvertCurrencyInput,
  type ConvertCurrencyOutput,
  convertCurrencyInput,
  convertCurrencySpec,
} from '../../shared/tools/convert-currency';
import { parseDataFile } from '../../shared/tools/data-files';
import { withSimulatedLatency } from '../../shared/tools/simulated-latency';
import type { SimulatedLatency } from '../../shared/tools/tool-spec';

/**
 * In production this would call a rates provider with a key held by the proxy; the demo reads
 * the same reference rates the page ships, bundled at build time so the SSR build needs no fs.
 */
const ratesFile = parseDataFile('rates', ratesJson);

// Words and symbols models (and people) use instead of ISO codes.
const currencyAliases: Record<string, string> = {
  $: 'USD',
  DOLLAR: 'USD',
  DOLLARS: 'USD',
  '€': 'EUR',
  EURO: 'EUR',
  EUROS: 'EUR',
  '£': 'GBP',
  POUND: 'GBP',
  POUNDS: 'GBP',
  '¥': 'JPY',
  YEN: 'JPY',
};

function currencyCode(raw: string, rates: Record<string, number>): string {
  const cleaned = raw.trim().toUpperCase();
  const code = currencyAliases[cleaned] ?? cleaned;
  if (rates[code] === undefined) {
    const known = Object.keys(rates).sort().join(', ');
    throw new Error(`Unknown currency "${raw}". Use an ISO 4217 code; supported: ${known}.`);
  }
  return code;
}

function minorUnits(code: string): number {
  return (
    new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Converts at the reference rates (pure: no latency, no I/O). */
export function convertCurrency(
  input: ConvertCurrencyInput,
  file: typeof ratesFile = ratesFile,
): ConvertCurrencyOutput {
  const from = currencyCode(input.from, file.rates);
  const to = currencyCode(input.to, file.rates);
  // Rates are quoted per base currency, so a cross rate goes through the base.
  const rate = (file.rates[to] as number) / (file.rates[from] as number);
  const result = roundTo(input.amount * rate, minorUnits(to));
  return {
    amount: input.amount,
    from,
    to,
    rate: Number(rate.toPrecision(6)),
    result,
    formatted: new Intl.NumberFormat('en-US', { style: 'currency', currency: to }).format(result),
    asOf: file.asOf,
  };
}

export type ServerToolOptions = {
  abortSignal?: AbortSignal;
  /** Overrides the spec's simulated latency (demo controls); `null` skips it. */
  simulatedLatency?: SimulatedLatency | null;
};

/** The server half of convert_currency: validates, waits the simulated latency, converts. */
export async function executeConvertCurrency(
  rawInput: unknown,
  options: ServerToolOptions = {},
): Promise<ConvertCurrencyOutput> {
  const input = convertCurrencyInput.parse(rawInput);
  const latency =
    options.simulatedLatency === undefined
      ? convertCurrencySpec.simulatedLatency
      : options.simulatedLatency;
  if (latency) await withSimulatedLatency(latency, options.abortSignal);
  options.abortSignal?.throwIfAborted();
  return convertCurrency(input);
}
