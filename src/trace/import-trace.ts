import type { z } from 'zod';
import { outputByteLength } from '../runtime/output-cap';
import { agree, countOf } from '../shared/words';
import { TRACE_FORMAT, TRACE_FORMAT_VERSION, traceFileSchema } from './export-format';
import { lastKnownTime } from './metrics';
import type { RunTrace, StepTrace, ToolSpan } from './trace-types';

/** What `importTrace` gives back: runs ready for the trace store, or one sentence saying why not. */
export type ImportResult =
  | { ok: true; runs: RunTrace[]; exportedAt: string }
  | { ok: false; error: string };

const MAX_ISSUES_SHOWN = 3;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `runs[0].spans["call 1"].startedAt`: the path as a reader would type it. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key))
      text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text || '(file)';
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length - shown.length;
  return `The trace file is invalid — ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}.`;
}

/** Checks the envelope first so a wrong or newer file gets a sentence about that, not field noise. */
function envelopeError(data: unknown): string | undefined {
  if (!isRecord(data)) return 'This is not a Fanout trace: the file holds no JSON object.';
  if (data.format !== TRACE_FORMAT) {
    if ('resourceSpans' in data)
      return 'This is an OTLP export, not a Fanout trace: open it in a trace viewer (Jaeger, Tempo, …); Fanout re-imports its native JSON.';
    return `This is not a Fanout trace: "format" should be "${TRACE_FORMAT}".`;
  }
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return 'The trace file is invalid — "version" must be a whole number from 1.';
  if (version > TRACE_FORMAT_VERSION)
    return `This trace was written by a newer Fanout (format version ${version}); this one reads version ${TRACE_FORMAT_VERSION}. Update Fanout to open it.`;
  return undefined;
}

/** Moments that must come in this order when both are known: [earlier, later]. */
const spanOrder: ReadonlyArray<readonly [keyof ToolSpan, keyof ToolSpan]> = [
  ['inputStartedAt', 'inputAvailableAt'],
  ['approvalRequestedAt', 'approvalResolvedAt'],
  ['queuedAt', 'startedAt'],
  ['startedAt', 'settledAt'],
];
const stepOrder: ReadonlyArray<readonly [keyof StepTrace, keyof StepTrace]> = [
  ['requestAt', 'firstByteAt'],
  ['firstByteAt', 'finishedAt'],
  ['requestAt', 'finishedAt'],
];

function outOfOrder<T>(
  item: T,
  pairs: ReadonlyArray<readonly [keyof T, keyof T]>,
): string | undefined {
  for (const [earlier, later] of pairs) {
    const from = item[earlier];
    const to = item[later];
    if (typeof from === 'number' && typeof to === 'number' && to < from)
      return `${String(later)} (${to} ms) is before ${String(earlier)} (${from} ms)`;
  }
  return undefined;
}

/** The first span or step that ends before it starts, as a sentence naming where. */
function timeOrderError(runs: readonly RunTrace[]): string | undefined {
  for (const [index, run] of runs.entries()) {
    for (const [stepIndex, step] of run.steps.entries()) {
      const problem = outOfOrder(step, stepOrder);
      if (problem)
        return `The trace file is invalid — ${formatPath(['runs', index, 'steps', stepIndex])}: ${problem}.`;
    }
    for (const [callId, span] of Object.entries(run.spans)) {
      const problem = outOfOrder(span, spanOrder);
      if (problem)
        return `The trace file is invalid — ${formatPath(['runs', index, 'spans', callId])}: ${problem}.`;
    }
  }
  return undefined;
}

/**
 * What the file states but the page can work out itself is worked out, not trusted: a call's
 * stated output size is measured from the output it carries.
 */
function recompute(run: RunTrace): RunTrace {
  let spans: Record<string, ToolSpan> | undefined;
  for (const [callId, span] of Object.entries(run.spans)) {
    if (span.output === undefined || span.outputBytes === undefined) continue;
    const outputBytes = outputByteLength(span.output);
    if (outputBytes === span.outputBytes) continue;
    spans ??= { ...run.spans };
    spans[callId] = { ...span, outputBytes };
  }
  return spans ? { ...run, spans } : run;
}

/**
 * Reads a native trace file. Runs that were still `running` when exported come back
 * `interrupted` (nothing will ever finish them here). Pure; never throws.
 */
export function importTrace(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return { ok: false, error: `The file is not valid JSON (${reason}).` };
  }
  return importTraceData(data);
}

/** `importTrace` on a file already parsed (the importer parses once to tell the formats apart). */
export function importTraceData(data: unknown): ImportResult {
  const wrongEnvelope = envelopeError(data);
  if (wrongEnvelope) return { ok: false, error: wrongEnvelope };

  const parsed = traceFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error.issues) };

  const seen = new Set<string>();
  for (const [index, run] of parsed.data.runs.entries()) {
    if (seen.has(run.id))
      return {
        ok: false,
        error: `The trace file is invalid — runs[${index}].id: run "${run.id}" appears twice.`,
      };
    seen.add(run.id);
  }
  const disorder = timeOrderError(parsed.data.runs);
  if (disorder) return { ok: false, error: disorder };
  return {
    ok: true,
    runs: parsed.data.runs.map((run) => markInterrupted(recompute(run))),
    exportedAt: parsed.data.exportedAt,
  };
}

/**
 * A run cut off before it ended (exported mid-run, or the page reloaded): status `interrupted`,
 * ended at its last recorded moment, every unsettled call settled as `interrupted`. Calls keep
 * no `settledAt`, since when they would have finished is unknown. Runs that ended come back
 * unchanged (the same object). Pure.
 */
export function markInterrupted(run: RunTrace): RunTrace {
  if (run.status !== 'running') return run;
  const spans: Record<string, ToolSpan> = {};
  for (const [callId, span] of Object.entries(run.spans)) {
    spans[callId] =
      span.state === 'settled' && span.status
        ? span
        : { ...span, state: 'settled', status: span.status ?? 'interrupted' };
  }
  return { ...run, status: 'interrupted', endedAt: lastKnownTime(run), spans };
}

/** Ids of `runs` the page already holds, in file order. */
export function heldRunIds(runs: readonly RunTrace[], held: ReadonlySet<string>): string[] {
  return runs.filter((run) => held.has(run.id)).map((run) => run.id);
}

/** The question asked before an import replaces runs the page already holds. */
export function replaceQuestion(fileName: string, ids: readonly string[]): string {
  const shown = ids.slice(0, 3).join(', ');
  const more = ids.length > 3 ? ` and ${ids.length - 3} more` : '';
  const runs = ids.length === 1 ? 'a run' : countOf(ids.length, 'run');
  return `${fileName} holds ${runs} you already have (${shown}${more}). Replace ${agree(ids.length, 'it', 'them')} with the file's version?`;
}
