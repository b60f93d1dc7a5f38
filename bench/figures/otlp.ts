/**
 * Figure 9: OTLP for protobuf collectors. The time `/api/traces` takes to transcode a 500-call
 * run's OTLP/JSON to protobuf, and a round trip of the export through a protobuf decoder
 * (protobuf.js with the official opentelemetry-proto definitions) back into the importer.
 * Measured in a child process (`bench/figures/otlp-worker.ts`, run by tsx).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Summary } from '../lib/stats.ts';

export type OtlpResult = {
  calls: number;
  spans: number;
  jsonBytes: number;
  protobufBytes: number;
  transcodeMs: Summary;
  roundTrip: {
    decodedSpans: number;
    mismatchedSpans: number;
    importedCalls: number;
    sameFigures: boolean;
  };
};

export function measureOtlp(root: string, { scale }: { scale: number }): OtlpResult {
  const output = execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      join(root, 'bench/figures/otlp-worker.ts'),
      String(Math.max(5, Math.round(30 * scale))),
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as OtlpResult;
}
