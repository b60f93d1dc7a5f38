/** Summary statistics of repeated measurements (ms unless named otherwise). */
export type Summary = {
  n: number;
  median: number;
  min: number;
  max: number;
  p95: number;
  p99: number;
};

/** The value at quantile q (0..1) by linear interpolation between closest ranks. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

export function summarize(values: number[]): Summary {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: round(quantile(sorted, 0.5)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
  };
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "median (min–max)" for the printed table. */
export function formatSummary(summary: Summary, digits = 1, unit = ''): string {
  const f = (value: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  return `${f(summary.median)}${unit} (${f(summary.min)}–${f(summary.max)}, n=${summary.n})`;
}
