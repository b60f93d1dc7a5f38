import { callStatuses } from '../trace/call-vocabulary';
import { slowCall } from '../trace/metrics';
import type { Row, ToolRow } from './geometry';

/**
 * Finding one call among many: quick toggles, free text over tool names and inputs, and the
 * order of the rows. Pure, so a 1,000-call run filters in one pass without touching the DOM.
 */
export const quickToggles = {
  errors: {
    label: 'Errors',
    title: 'Calls that did not succeed (failed, timed out, cancelled, denied…)',
  },
  slow: { label: 'Slow', title: 'Calls whose handler ran for a second or longer' },
  critical: { label: 'Critical path', title: 'Calls on the run’s critical path' },
  queued: { label: 'Queued', title: 'Calls that waited in the queue for a free slot' },
  server: { label: 'Server', title: 'Calls run by the proxy, not in this page' },
  approval: { label: 'Approval', title: 'Calls that waited, or are waiting, for approval' },
} as const satisfies Record<string, { label: string; title: string }>;

export type QuickToggle = keyof typeof quickToggles;

export const rowSorts = {
  start: 'Start',
  duration: 'Duration',
  name: 'Name',
} as const satisfies Record<string, string>;

export type RowSort = keyof typeof rowSorts;

export type RowFilter = {
  toggles: readonly QuickToggle[];
  text: string;
  sort: RowSort;
};

export const noFilter: RowFilter = { toggles: [], text: '', sort: 'start' };

/** Whether anything narrows the rows (the sort alone does not). */
export function filterActive(filter: RowFilter): boolean {
  return filter.toggles.length > 0 || filter.text.trim() !== '';
}

const hasPhase = (row: ToolRow, phase: string) =>
  row.segments.some((segment) => segment.phase === phase && segment.durationMs >= 1);

/** Whether a call passes one quick toggle. Every toggle named here (exhaustive). */
export function passesToggle(row: ToolRow, toggle: QuickToggle): boolean {
  switch (toggle) {
    case 'errors': {
      const info = callStatuses[row.status];
      return !info.open && !info.succeeded;
    }
    case 'slow':
      return slowCall(row.durationMs);
    case 'critical':
      return row.critical !== undefined;
    case 'queued':
      return hasPhase(row, 'queued') || row.status === 'queued';
    case 'server':
      return row.runsOn === 'server';
    case 'approval':
      return hasPhase(row, 'awaiting-approval') || row.status === 'awaiting-approval';
  }
}

/** What free text is matched against: the tool's name, its short label and its whole input. */
export function searchableText(row: ToolRow, input: unknown): string {
  let json = '';
  try {
    json = input === undefined ? '' : JSON.stringify(input);
  } catch {
    json = '';
  }
  return `${row.toolName} ${row.label} ${json}`.toLowerCase();
}

export type FilteredRows = {
  /** The rows to draw, in order. */
  rows: Row[];
  /** Keys of the calls that match (empty when nothing narrows). */
  matches: string[];
  active: boolean;
};

function durationOf(row: Row): number {
  return row.durationMs ?? row.barEndMs - row.barStartMs;
}

function nameOf(row: Row): string {
  return row.kind === 'tool' ? `${row.toolName} ${row.label}` : `Step ${row.stepIndex + 1} model`;
}

/**
 * The rows a filter leaves, sorted. Toggles are alternatives (errors or slow), the text narrows
 * further; while anything narrows, model rows step aside so the list is the matching calls.
 * `textOf` returns a call's searchable text (cached by the caller across keystrokes).
 */
export function filterRows(
  rows: readonly Row[],
  filter: RowFilter,
  textOf: (row: ToolRow) => string,
): FilteredRows {
  const active = filterActive(filter);
  const needle = filter.text.trim().toLowerCase();
  const kept: Row[] = [];
  const matches: string[] = [];
  for (const row of rows) {
    if (!active) {
      kept.push(row);
      continue;
    }
    if (row.kind !== 'tool') continue;
    if (filter.toggles.length > 0 && !filter.toggles.some((toggle) => passesToggle(row, toggle)))
      continue;
    if (needle && !textOf(row).includes(needle)) continue;
    kept.push(row);
    matches.push(row.key);
  }
  if (filter.sort === 'duration') {
    kept.sort((a, b) => durationOf(b) - durationOf(a));
  } else if (filter.sort === 'name') {
    kept.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  } else if (active) {
    kept.sort((a, b) => a.barStartMs - b.barStartMs);
  }
  if (active) {
    const order = new Map(kept.map((row, index) => [row.key, index]));
    matches.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
  return { rows: kept, matches, active };
}

/** The next (or previous) match from `current`, wrapping around; the first when none is current. */
export function stepMatch(
  matches: readonly string[],
  current: string | undefined,
  direction: 1 | -1,
): string | undefined {
  if (matches.length === 0) return undefined;
  const index = current === undefined ? -1 : matches.indexOf(current);
  if (index < 0) return direction > 0 ? matches[0] : matches.at(-1);
  return matches[(index + direction + matches.length) % matches.length];
}
