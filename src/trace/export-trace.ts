import { TRACE_FORMAT, TRACE_FORMAT_VERSION, type TraceFile } from './export-format';
import type { RunTrace } from './trace-types';

/** Serializes runs as a native trace file (pretty JSON), re-importable with `importTrace`. */
export function exportRuns(runs: readonly RunTrace[], exportedAt: Date = new Date()): string {
  const file: TraceFile = {
    format: TRACE_FORMAT,
    version: TRACE_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    runs: [...runs],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A download name for an export: `fanout-trace-2026-05-01T10-20-30.json` (no colons, for Windows). */
export function traceFileName(exportedAt: Date = new Date(), suffix = ''): string {
  const stamp = exportedAt.toISOString().slice(0, 19).replaceAll(':', '-');
  return `fanout-trace-${stamp}${suffix}.json`;
}
