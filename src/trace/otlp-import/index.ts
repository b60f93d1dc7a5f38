import { runTraceSchema } from '../export-format';
import { importTraceData, markInterrupted } from '../import-trace';
import type { RunTrace } from '../trace-types';
import { fanoutRuns, isFanoutSpan } from './fanout';
import { type ImportedSpan, looksLikeOtlp, readOtlpJson } from './otlp-json';
import type { DialectName } from './roles';
import { runFromSpans } from './to-run';

/**
 * The Import button's reader: Fanout's native file, or OTLP/JSON from Fanout or any agent
 * (OpenTelemetry GenAI conventions, the AI SDK's telemetry, OpenInference). A file with several
 * traces gives several choices; the page lists them to pick from.
 */

export type TraceChoice = {
  /** The OTLP trace id, or `native` for a Fanout trace file. */
  traceId: string;
  /** What the list shows: the root span's name and what the trace holds. */
  label: string;
  format: 'fanout-native' | 'fanout-otlp' | DialectName;
  runs: RunTrace[];
  callCount: number;
  startedAtEpochMs: number;
};

export type TraceFileResult = { ok: true; choices: TraceChoice[] } | { ok: false; error: string };

function summarize(runs: readonly RunTrace[]): { callCount: number; steps: number } {
  return {
    callCount: runs.reduce((sum, run) => sum + run.spanOrder.length, 0),
    steps: runs.reduce((sum, run) => sum + run.steps.length, 0),
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The same checks a native file gets: a run an OTLP file yields must be one the page can hold. */
function checked(run: RunTrace, traceId: string): RunTrace | string {
  const parsed = runTraceSchema.safeParse(run);
  if (parsed.success) return markInterrupted(parsed.data);
  const issue = parsed.error.issues[0];
  return `trace ${traceId}: ${issue ? issue.path.join('.') : 'run'} ${issue?.message ?? 'is invalid'}`;
}

function choiceFor(traceId: string, spans: readonly ImportedSpan[]): TraceChoice | string {
  const ids = new Set(spans.map((span) => span.spanId));
  const root = spans.find((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
  let runs: RunTrace[];
  let format: TraceChoice['format'];
  if (spans.some(isFanoutSpan)) {
    runs = fanoutRuns(spans);
    format = 'fanout-otlp';
  } else {
    const built = runFromSpans(traceId, spans);
    if (typeof built === 'string') return built;
    runs = [built.run];
    format = built.dialects[0] ?? 'genai';
  }
  const valid: RunTrace[] = [];
  for (const run of runs) {
    const result = checked(run, traceId);
    if (typeof result === 'string') return result;
    valid.push(result);
  }
  const { callCount, steps } = summarize(valid);
  return {
    traceId,
    label: `${root?.name ?? traceId} · ${plural(steps, 'model call')} · ${plural(callCount, 'tool call')}`,
    format,
    runs: valid,
    callCount,
    startedAtEpochMs: valid[0]?.startedAtEpochMs ?? 0,
  };
}

/** Reads a trace file of any supported format. Pure; never throws. */
export function importTraceFile(textContent: string): TraceFileResult {
  let data: unknown;
  try {
    data = JSON.parse(textContent);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return { ok: false, error: `The file is not valid JSON (${reason}).` };
  }
  if (!looksLikeOtlp(data)) {
    const native = importTraceData(data);
    if (!native.ok) return native;
    return {
      ok: true,
      choices: [
        {
          traceId: 'native',
          label: plural(native.runs.length, 'run'),
          format: 'fanout-native',
          runs: native.runs,
          callCount: summarize(native.runs).callCount,
          startedAtEpochMs: native.runs[0]?.startedAtEpochMs ?? 0,
        },
      ],
    };
  }
  const read = readOtlpJson(data);
  if (!read.ok) return read;
  const byTrace = new Map<string, ImportedSpan[]>();
  for (const span of read.spans) {
    const list = byTrace.get(span.traceId);
    if (list) list.push(span);
    else byTrace.set(span.traceId, [span]);
  }
  const choices: TraceChoice[] = [];
  const problems: string[] = [];
  for (const [traceId, spans] of byTrace) {
    const choice = choiceFor(traceId, spans);
    if (typeof choice === 'string') problems.push(choice);
    else choices.push(choice);
  }
  if (choices.length === 0)
    return {
      ok: false,
      error: `Nothing to import from this OTLP file — ${problems[0] ?? 'no traces'}.`,
    };
  return { ok: true, choices };
}
