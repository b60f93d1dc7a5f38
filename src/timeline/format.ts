import type { CallStatusName } from '../trace/call-vocabulary';

export { isOpenStatus, statusIcon, statusLabel } from '../trace/call-vocabulary';

/** What a bar shows: a settled call's status, or the phase an open call is in. */
export type BarStatus = CallStatusName;

/** A duration or a time for people: sub-ms to two decimals, ms to 10 s, then seconds. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs === 0) return '0 ms';
  if (abs < 1) return `${ms.toFixed(2)} ms`;
  if (abs < 10) return `${ms.toFixed(1)} ms`;
  if (abs < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A tick label. One unit per axis (seconds once the axis reaches a second), with as many
 * decimals as the tick step needs, so the labels of one axis read alike.
 */
export function formatTick(ms: number, stepMs: number, maxMs: number): string {
  if (ms === 0) return '0';
  if (maxMs >= 1000) return `${trim(ms / 1000, decimalsFor(stepMs / 1000))} s`;
  return `${trim(ms, decimalsFor(stepMs))} ms`;
}

function decimalsFor(step: number): number {
  return step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

function trim(value: number, decimals: number): string {
  return Number(value.toFixed(decimals)).toString();
}

/** A speedup as "2.96×", or an em dash when there is nothing to divide. */
export function formatSpeedup(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`;
}

/** A number for a data attribute: ms to 0.1 ms, empty when unknown (scripts test for ""). */
export function dataMs(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '' : String(Number(ms.toFixed(1)));
}

/** A ratio for a data attribute, to 0.01. */
export function dataRatio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '' : String(Number(value.toFixed(2)));
}

/**
 * A short description of a call's input for a row label: the values, not the keys
 * (`{ city: "Paris" }` reads "Paris"), cut to a length that fits beside the tool name.
 */
export function describeInput(input: unknown, max = 40): string {
  if (input === undefined || input === null) return '';
  let text: string;
  if (typeof input !== 'object') text = String(input);
  else if (Array.isArray(input)) text = input.map((value) => describeValue(value)).join(', ');
  else
    text = Object.values(input as Record<string, unknown>)
      .map((value) => describeValue(value))
      .filter((value) => value !== '')
      .join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** JSON for reading: two-space indents; values JSON cannot express are said plainly. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
