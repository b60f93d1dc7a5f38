import { type CallPhaseName, phasesOf, runningSpan, statusOfSpan } from '../trace/call-vocabulary';
import {
  type CriticalPath,
  criticalPath as computeCriticalPath,
  lastKnownTime,
  openEnd,
  spansOfStep,
} from '../trace/metrics';
import type { RunTrace, StepTrace, ToolSpan } from '../trace/trace-types';
import {
  type BarStatus,
  describeInput,
  formatMs,
  formatTick,
  isOpenStatus,
  statusLabel,
} from './format';

/**
 * The waterfall's geometry, computed in plain TypeScript the way a browser's network panel
 * does: the views only draw what this returns. Positions are percentages of the track, so a
 * resize never recomputes anything; the track's pixel width only picks how many ticks fit
 * and how wide the thinnest bar must be to stay visible.
 */

export type Tick = { ms: number; pct: number; label: string };

export type TimeScale = {
  /** The axis runs 0 → maxMs (ms from the run's start). */
  maxMs: number;
  stepMs: number;
  ticks: Tick[];
};

/** Tool phases (as a network panel splits a request) and the model's two phases. */
export type Phase = CallPhaseName | 'waiting' | 'streaming';

export type Segment = {
  phase: Phase;
  startMs: number;
  endMs: number;
  durationMs: number;
  /** Still growing: ends at `now`. */
  open: boolean;
  /** Position within its bar (0–100), so a bar widened to stay visible keeps its proportions. */
  relLeftPct: number;
  relWidthPct: number;
};

type RowBase = {
  key: string;
  stepId: string;
  stepIndex: number;
  /** The bar: first phase start → last phase end, as percentages of the track. */
  barStartMs: number;
  barEndMs: number;
  leftPct: number;
  widthPct: number;
  segments: Segment[];
  open: boolean;
  /** The words beside the bar: its duration, and its status when that is not plain "ok". */
  barText: string;
  /** Where that text goes: after the bar, before it when the bar ends near the edge, else inside. */
  textSide: TextSide;
  /** The part of this row on the run's critical path, as percentages within the bar. */
  critical?: { relLeftPct: number; relWidthPct: number };
  /** The row's spoken name. */
  ariaLabel: string;
  /** Changes exactly when anything drawn changes: rows re-render only then. */
  signature: string;
};

export type ToolRow = RowBase & {
  kind: 'tool';
  callId: string;
  toolName: string;
  /** The input, described in a few words ("Paris"). */
  label: string;
  status: BarStatus;
  runsOn: ToolSpan['runsOn'];
  /** Whose clock timed the running phase: the page's, or the proxy's for a server tool. */
  timedOn: 'page' | 'proxy';
  /** Handler start and settle (the data attributes); undefined when not (yet) known. */
  startMs?: number;
  endMs?: number;
  queuedMs?: number;
  inputAvailableMs?: number;
  /** Running time (start → settle, or → now while running). */
  durationMs?: number;
  /** While it runs: the progress its MCP server reported ("2/5", and the done share when known). */
  progress?: { text: string; pct?: number };
};

export type ModelRow = RowBase & {
  kind: 'model';
  /** Request → first content. */
  ttftMs?: number;
  /** Request → finish (or → now). */
  durationMs: number;
  finished: boolean;
  errorText?: string;
};

export type Row = ToolRow | ModelRow;

/** A running call's reported progress as the bar shows it. */
function progressOf(progress: ToolSpan['progress']): ToolRow['progress'] {
  if (!progress) return undefined;
  const { progress: done, total, message } = progress;
  const count = total ? `${done}/${total}` : `${done}`;
  const text = message ? `${count} ${message}` : count;
  if (!total) return { text };
  return { text, pct: Math.max(0, Math.min(100, (done / total) * 100)) };
}

export type MarkerKind = 'outputs-returned' | 'synthesis-started' | 'now';

export type Marker = {
  kind: MarkerKind;
  stepId?: string;
  atMs: number;
  pct: number;
  label: string;
};

export type StepGroup = { stepId: string; index: number; label: string; rows: Row[] };

export type WaterfallLayout = {
  scale: TimeScale;
  groups: StepGroup[];
  markers: Marker[];
  /** Every row in display order (for keyboard navigation). */
  rows: Row[];
  /** The time the layout was computed for (ms from the run's start). */
  nowMs: number;
  live: boolean;
  /** The narrowest a bar is drawn, as a percentage, so a 0 ms call still shows. */
  minBarPct: number;
  criticalPath: CriticalPath;
};

/** How far past `now` a live run's axis reaches. */
const LIVE_HEADROOM = 1.08;

export type LayoutOptions = {
  /** ms from the run's start; only used while the run is running. */
  now?: number;
  /** The track's width in px: picks the tick density and the thinnest visible bar. */
  trackWidthPx?: number;
  /** An explicit axis end (ms), shared by several runs drawn on one scale. */
  scaleMaxMs?: number;
  /** Pixels between ticks the axis aims for. */
  tickSpacingPx?: number;
  minBarPx?: number;
  /**
   * The run's critical path at `now`, when the caller already has it from runMetrics: one
   * frame then walks the chain once, not twice.
   */
  criticalPath?: CriticalPath;
};

/** The smallest 1, 2 or 5 × 10ⁿ at least `rough` (the tick steps people read easily). */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) {
    const step = factor * power;
    // Float error (0.1 × 3 ≠ 0.3) must not push a step past an exact fit.
    if (step >= rough * (1 - 1e-9)) return step;
  }
  return 10 * power;
}

/** The shortest axis ever drawn (ms), so an empty or instantaneous run still has a scale. */
export const MIN_SCALE_MS = 1;

/**
 * A time axis from 0 to at least `extentMs`, ending on a tick, with at most `maxTicks`
 * intervals. The end is rounded up to the step, so the scale only changes when the extent
 * crosses a tick: while a run grows, settled rows keep their geometry between those jumps.
 */
export function createScale(extentMs: number, maxTicks = 5): TimeScale {
  const extent = Math.max(MIN_SCALE_MS, Number.isFinite(extentMs) ? extentMs : 0);
  const stepMs = niceStep(extent / Math.max(1, maxTicks));
  const count = Math.max(1, Math.ceil(extent / stepMs - 1e-9));
  const maxMs = count * stepMs;
  const ticks: Tick[] = [];
  for (let index = 0; index <= count; index++) {
    const ms = index * stepMs;
    ticks.push({ ms, pct: (index / count) * 100, label: '' });
  }
  for (const tick of ticks) tick.label = formatTick(tick.ms, stepMs, maxMs);
  return { maxMs, stepMs, ticks };
}

/** Position of a time on a scale, 0–100. */
export function pctOf(scale: TimeScale, ms: number): number {
  return (ms / scale.maxMs) * 100;
}

/** The latest time a run's drawing reaches: `now` while it runs, else its last reading. */
export function runExtent(run: RunTrace, now?: number): number {
  return Math.max(openEnd(run, now), lastKnownTime(run));
}

/** One axis end for several runs drawn together (race mode): the longest of them. */
export function sharedScaleMax(runs: ReadonlyArray<{ run: RunTrace; now?: number }>): number {
  return runs.reduce((most, { run, now }) => Math.max(most, runExtent(run, now)), 0);
}

/** A settled call's status; an open call's current phase; `interrupted` if its run ended first. */
/** What a call's bar shows (see statusOfSpan). */
export function barStatusOf(span: ToolSpan, run: RunTrace): BarStatus {
  return statusOfSpan(span, run.status);
}

type RawSegment = { phase: Phase; start: number; end: number; open: boolean };

/** The phases of one call, in order; unfinished phases end at `end` (growing only if `live`). */
export function toolSegments(span: ToolSpan, end: number, live = true): RawSegment[] {
  // Readings come from one monotonic clock, but never draw a phase backwards.
  return phasesOf(span).map((interval) => ({
    phase: interval.phase,
    start: interval.start,
    end: Math.max(interval.start, interval.end ?? end),
    open: live && interval.end === undefined,
  }));
}

/** The model's phases for a step: waiting for the first token, then streaming. */
export function modelSegments(step: StepTrace, end: number, live = true): RawSegment[] {
  const finish = step.finishedAt;
  const stop = finish ?? end;
  const open = live && finish === undefined;
  const firstContent = step.firstContentAt;
  if (firstContent === undefined) {
    return [{ phase: 'waiting', start: step.requestAt, end: Math.max(step.requestAt, stop), open }];
  }
  const split = Math.min(Math.max(step.requestAt, firstContent), Math.max(step.requestAt, stop));
  return [
    { phase: 'waiting', start: step.requestAt, end: split, open: false },
    { phase: 'streaming', start: split, end: Math.max(split, stop), open },
  ];
}

export type TextSide = 'after' | 'before' | 'inside';

/** About the width of one 11 px digit or letter, and the text's padding, in px. */
const CHAR_PX = 6.4;
const TEXT_PAD_PX = 14;

/** After the bar if the text fits there, else before it, else on the bar itself. */
export function textSideFor(
  bar: { leftPct: number; widthPct: number },
  text: string,
  trackWidthPx: number,
): TextSide {
  const needPct = ((text.length * CHAR_PX + TEXT_PAD_PX) / trackWidthPx) * 100;
  if (bar.leftPct + bar.widthPct + needPct <= 100) return 'after';
  if (bar.leftPct >= needPct) return 'before';
  return 'inside';
}

/** A model step's bar text: its duration, marked when it failed. */
function modelBarText(step: StepTrace, durationMs: number): string {
  return step.errorText ? `failed · ${formatMs(durationMs)}` : formatMs(durationMs);
}

/** A call's bar text: "1002 ms" when ok or still going, else "timed out · 6000 ms". */
export function toolBarText(
  status: BarStatus,
  durationMs: number | undefined,
  spanMs: number,
): string {
  const duration = formatMs(durationMs ?? spanMs);
  if (status === 'ok' || isOpenStatus(status)) return duration;
  return durationMs === undefined ? statusLabel(status) : `${statusLabel(status)} · ${duration}`;
}

function place(
  raw: RawSegment[],
  scale: TimeScale,
  minBarPct: number,
): Pick<RowBase, 'barStartMs' | 'barEndMs' | 'leftPct' | 'widthPct' | 'segments' | 'open'> {
  if (raw.length === 0) {
    return {
      barStartMs: 0,
      barEndMs: 0,
      leftPct: 0,
      widthPct: 0,
      segments: [],
      open: false,
    };
  }
  const barStart = Math.min(...raw.map((segment) => segment.start));
  const barEnd = Math.max(...raw.map((segment) => segment.end));
  const length = barEnd - barStart;
  const leftPct = pctOf(scale, barStart);
  const widthPct = Math.max(pctOf(scale, length), minBarPct);
  const segments = raw.map((segment): Segment => {
    const duration = segment.end - segment.start;
    // A zero-length bar is drawn as its last phase filling the minimum width.
    const relLeftPct = length > 0 ? ((segment.start - barStart) / length) * 100 : 0;
    const relWidthPct = length > 0 ? (duration / length) * 100 : 100;
    return {
      phase: segment.phase,
      startMs: segment.start,
      endMs: segment.end,
      durationMs: duration,
      open: segment.open,
      relLeftPct,
      relWidthPct,
    };
  });
  const visible = length > 0 ? segments : segments.slice(-1);
  const left = Math.min(leftPct, 100 - widthPct);
  return {
    barStartMs: barStart,
    barEndMs: barEnd,
    leftPct: left,
    widthPct,
    segments: visible,
    open: raw.some((segment) => segment.open),
  };
}

function criticalWithin(
  bar: { barStartMs: number; barEndMs: number },
  range: { start: number; end: number } | undefined,
): RowBase['critical'] {
  if (!range) return undefined;
  const length = bar.barEndMs - bar.barStartMs;
  if (length <= 0) return { relLeftPct: 0, relWidthPct: 100 };
  const start = Math.max(bar.barStartMs, Math.min(bar.barEndMs, range.start));
  const end = Math.max(start, Math.min(bar.barEndMs, range.end));
  return {
    relLeftPct: ((start - bar.barStartMs) / length) * 100,
    relWidthPct: ((end - start) / length) * 100,
  };
}

function signatureOf(row: Omit<RowBase, 'signature' | 'ariaLabel'>, extra: string): string {
  const parts = [
    extra,
    row.textSide,
    row.barText,
    row.leftPct.toFixed(3),
    row.widthPct.toFixed(3),
    row.critical
      ? `${row.critical.relLeftPct.toFixed(2)}/${row.critical.relWidthPct.toFixed(2)}`
      : '-',
  ];
  for (const segment of row.segments) {
    parts.push(
      `${segment.phase}:${segment.relLeftPct.toFixed(2)}:${segment.relWidthPct.toFixed(2)}`,
    );
  }
  return parts.join('|');
}

/** "get_weather Paris, ok, 812 ms, started at 120 ms": what a screen reader says for a row. */
export function toolAriaLabel(row: Omit<ToolRow, 'ariaLabel' | 'signature'>): string {
  const name = row.label ? `${row.toolName} ${row.label}` : row.toolName;
  const parts = [name, statusLabel(row.status)];
  if (row.durationMs !== undefined) parts.push(formatMs(row.durationMs));
  if (row.startMs !== undefined) parts.push(`started at ${formatMs(row.startMs)}`);
  else parts.push(`at ${formatMs(row.barStartMs)}`);
  const approval = row.segments.find((segment) => segment.phase === 'awaiting-approval');
  if (approval && approval.durationMs >= 1 && row.status !== 'awaiting-approval')
    parts.push(`waited ${formatMs(approval.durationMs)} for approval`);
  const queued = row.segments.find((segment) => segment.phase === 'queued');
  if (queued && queued.durationMs >= 1) parts.push(`queued ${formatMs(queued.durationMs)}`);
  if (row.runsOn === 'server') {
    parts.push(row.timedOn === 'proxy' ? 'ran on the server, timed there' : 'ran on the server');
  }
  if (row.critical) parts.push('on the critical path');
  return parts.join(', ');
}

function modelAriaLabel(row: Omit<ModelRow, 'ariaLabel' | 'signature'>): string {
  const parts = [`Step ${row.stepIndex + 1} model`];
  if (row.errorText) parts.push('failed');
  else if (!row.finished)
    parts.push(row.ttftMs === undefined ? 'waiting for the first token' : 'streaming');
  parts.push(`requested at ${formatMs(row.barStartMs)}`);
  if (row.ttftMs !== undefined) parts.push(`first token after ${formatMs(row.ttftMs)}`);
  parts.push(`${row.finished ? 'took' : 'running for'} ${formatMs(row.durationMs)}`);
  if (row.critical) parts.push('on the critical path');
  return parts.join(', ');
}

/**
 * The last row built for each span, with what it was built from. A run's trace is a new object
 * after every batch of events, but its unchanged spans are the same objects: their rows (and so
 * their memoised views) are reused as long as the scale, the clock (for open spans) and their
 * part of the critical path hold, so a settle rebuilds one row, not every row of the run.
 */
const rowCache = new WeakMap<ToolSpan, { key: string; row: ToolRow }>();

/**
 * What every row of one layout shares (the scale, the clock, the critical path, the text fit)
 * and the tool row builder over the row cache: `layoutWaterfall` draws with it, and
 * `prepareWaterfallRows` fills the cache ahead with it.
 */
function rowBuilder(run: RunTrace, options: LayoutOptions) {
  const live = run.status === 'running';
  // While live, open phases end at the clock's reading, not at the latest event: otherwise each
  // settle would stretch every open bar to its own time and redraw all of them, where only the
  // settled row changed. Open bars move when the clock ticks (use-live-now.ts).
  const end = live && options.now !== undefined ? options.now : openEnd(run, options.now);
  // A live run gets a little headroom, so growing bars have room ahead instead of hugging the
  // edge; an event past it (the clock is read at most once a frame) still fits on the axis.
  const reach = live
    ? Math.max(end * LIVE_HEADROOM, lastKnownTime(run))
    : runExtent(run, options.now);
  const extent = Math.max(reach, options.scaleMaxMs ?? 0);
  const widthPx = options.trackWidthPx && options.trackWidthPx > 0 ? options.trackWidthPx : 400;
  const maxTicks = Math.max(2, Math.min(10, Math.floor(widthPx / (options.tickSpacingPx ?? 64))));
  const scale = createScale(extent, maxTicks);
  const minBarPct = Math.min(100, ((options.minBarPx ?? 3) / widthPx) * 100);
  const critical = options.criticalPath ?? computeCriticalPath(run, options.now);
  const criticalModel = new Map<string, { start: number; end: number }>();
  const criticalTool = new Map<string, { start: number; end: number }>();
  for (const segment of critical.segments) {
    if (segment.kind === 'model') criticalModel.set(segment.stepId, segment);
    else if (segment.kind !== 'gap') {
      // A call's approval and its run are one stretch of its bar.
      const before = criticalTool.get(segment.callId);
      criticalTool.set(
        segment.callId,
        before ? { start: before.start, end: Math.max(before.end, segment.end) } : segment,
      );
    }
  }

  // The full text beside the bar if it fits; else the first part alone ("cancelled") beside it;
  // only then the full text on the bar itself.
  const withText = (bar: { leftPct: number; widthPct: number }, barText: string) => {
    const side = textSideFor(bar, barText, widthPx);
    const short = barText.split(' · ')[0] ?? barText;
    if (side !== 'inside' || short === barText) return { barText, textSide: side };
    const shortSide = textSideFor(bar, short, widthPx);
    return shortSide === 'inside'
      ? { barText, textSide: side }
      : { barText: short, textSide: shortSide };
  };
  const placed = new Set<string>();
  // Everything besides the span itself that a tool row depends on; `end` only while the span is
  // open (a settled span's phases all end at its own readings).
  const context = `${scale.maxMs}|${minBarPct}|${widthPx}|${live}|${run.status}`;
  const toolRow = (span: ToolSpan, stepIndex: number): ToolRow => {
    placed.add(span.callId);
    const range = criticalTool.get(span.callId);
    const open = span.settledAt === undefined;
    // The path is measured to the latest event, an open bar to the clock: past the bar's end
    // the range draws nothing, so it must not invalidate the row either.
    const rangeKey = range ? `${range.start}:${open ? Math.min(range.end, end) : range.end}` : '-';
    const key = `${context}|${stepIndex}|${rangeKey}|${open ? end : ''}`;
    const cached = rowCache.get(span);
    if (cached?.key === key) return cached.row;
    const row = buildToolRow(span, stepIndex, range);
    rowCache.set(span, { key, row });
    return row;
  };
  const buildToolRow = (
    span: ToolSpan,
    stepIndex: number,
    range: { start: number; end: number } | undefined,
  ): ToolRow => {
    const geometry = place(toolSegments(span, end, live), scale, minBarPct);
    const status = barStatusOf(span, run);
    // The handler's own run: for a server tool, the proxy's readings.
    const ran = runningSpan(span);
    const running = ran.start === undefined ? undefined : Math.max(0, (ran.end ?? end) - ran.start);
    const base = {
      kind: 'tool' as const,
      key: span.callId,
      callId: span.callId,
      toolName: span.toolName,
      stepId: span.stepId,
      stepIndex,
      label: describeInput(span.input),
      status,
      runsOn: span.runsOn,
      timedOn: span.serverRan ? ('proxy' as const) : ('page' as const),
      startMs: ran.start,
      endMs: span.settledAt,
      queuedMs: span.queuedAt,
      inputAvailableMs: span.inputAvailableAt,
      durationMs: running,
      ...geometry,
      ...withText(geometry, toolBarText(status, running, geometry.barEndMs - geometry.barStartMs)),
      critical: criticalWithin(geometry, range),
    };
    const progress = span.settledAt === undefined ? progressOf(span.progress) : undefined;
    return {
      ...base,
      ...(progress ? { progress } : {}),
      ariaLabel: toolAriaLabel(base),
      signature: signatureOf(
        base,
        `${status}|${base.label}|${span.runsOn}|${base.timedOn}|${base.durationMs?.toFixed(1)}|${progress?.text ?? ''}`,
      ),
    };
  };

  return { live, end, scale, minBarPct, critical, criticalModel, withText, placed, toolRow };
}

/**
 * Builds a finished run's tool rows ahead, `slice` spans per task, into the cache
 * `layoutWaterfall` reads: a draw with the same options then reuses every row, so the first draw
 * of a 1,000-call run is not one long task of building them all.
 */
export async function prepareWaterfallRows(
  run: RunTrace,
  options: LayoutOptions,
  nextTask: () => Promise<void>,
  slice = 200,
): Promise<void> {
  const { toolRow } = rowBuilder(run, options);
  let built = 0;
  for (const [index, step] of run.steps.entries()) {
    for (const span of spansOfStep(run, step)) {
      toolRow(span, index);
      built++;
      if (built % slice === 0) await nextTask();
    }
  }
}

/**
 * Everything the waterfall draws for one run at one instant: the scale and its ticks, rows
 * grouped by step (the model's row, then its calls in the order the model emitted them), each
 * bar split into phases, the critical path, and the markers for "all outputs returned" and
 * "synthesis started". Open phases reach `now`.
 */
export function layoutWaterfall(run: RunTrace, options: LayoutOptions = {}): WaterfallLayout {
  const { live, end, scale, minBarPct, critical, criticalModel, withText, placed, toolRow } =
    rowBuilder(run, options);
  const groups: StepGroup[] = [];
  const markers: Marker[] = [];

  for (const [index, step] of run.steps.entries()) {
    const geometry = place(modelSegments(step, end, live), scale, minBarPct);
    const finished = step.finishedAt !== undefined;
    const base = {
      kind: 'model' as const,
      key: step.id,
      stepId: step.id,
      stepIndex: index,
      ttftMs: step.firstContentAt === undefined ? undefined : step.firstContentAt - step.requestAt,
      durationMs: Math.max(0, (step.finishedAt ?? end) - step.requestAt),
      finished,
      errorText: step.errorText,
      ...geometry,
      ...withText(
        geometry,
        modelBarText(step, Math.max(0, (step.finishedAt ?? end) - step.requestAt)),
      ),
      critical: criticalWithin(geometry, criticalModel.get(step.id)),
    };
    const model: ModelRow = {
      ...base,
      ariaLabel: modelAriaLabel(base),
      signature: signatureOf(
        base,
        `${finished}|${base.errorText ?? ''}|${base.durationMs.toFixed(1)}`,
      ),
    };
    const rows: Row[] = [model];
    for (const span of spansOfStep(run, step)) rows.push(toolRow(span, index));
    groups.push({ stepId: step.id, index, label: `Step ${index + 1}`, rows });

    if (step.outputsReturnedAt !== undefined) {
      markers.push({
        kind: 'outputs-returned',
        stepId: step.id,
        atMs: step.outputsReturnedAt,
        pct: pctOf(scale, step.outputsReturnedAt),
        label: `Step ${index + 1}: all outputs returned at ${formatMs(step.outputsReturnedAt)}`,
      });
    }
    const previous = run.steps[index - 1];
    if (previous && previous.callIds.length > 0 && step.textStartAt !== undefined) {
      markers.push({
        kind: 'synthesis-started',
        stepId: step.id,
        atMs: step.textStartAt,
        pct: pctOf(scale, step.textStartAt),
        label: `Step ${index + 1}: synthesis started at ${formatMs(step.textStartAt)}`,
      });
    }
  }

  // Calls whose step the trace never saw still belong on the timeline.
  const loose = run.spanOrder.flatMap((id) => {
    const span = run.spans[id];
    return span && !placed.has(id) ? [span] : [];
  });
  if (loose.length > 0) {
    groups.push({
      stepId: 'unassigned',
      index: groups.length,
      label: 'Other calls',
      rows: loose.map((span) => toolRow(span, groups.length)),
    });
  }

  if (live) {
    markers.push({
      kind: 'now',
      atMs: end,
      pct: pctOf(scale, end),
      label: `now: ${formatMs(end)}`,
    });
  }

  return {
    scale,
    groups,
    markers,
    rows: groups.flatMap((group) => group.rows),
    nowMs: end,
    live,
    minBarPct,
    criticalPath: critical,
  };
}
