import type { RunTrace, ToolSpan } from './trace-types';

/**
 * Tool chaining, made visible: a call in a later step depends on an earlier call when a value
 * of its input could only have come from that call's output (the SKU `lookup_product` returned
 * and `check_inventory` was asked about). The model never says where an argument came from,
 * so this is inferred from the values themselves, cautiously: trivial values (booleans, small
 * numbers, short strings) and values the user typed into the prompt prove nothing.
 */

export type DependencyLink = {
  /** The earlier call whose output held the value. */
  fromCallId: string;
  /** The later call whose input used it. */
  toCallId: string;
  /** The shared value, as it appears in the input. */
  value: string | number;
  /** Where in the input it sits, e.g. `sku` or `items.0.id`. */
  inputPath: string;
};

/** Strings shorter than this, and numbers smaller in magnitude, are too common to prove a link. */
const MIN_STRING_LENGTH = 4;
const MIN_NUMBER = 10;

type Leaf = { path: string; value: string | number };

/** The string and number leaves of a JSON-like value, with their paths. */
export function leavesOf(value: unknown, path = '', out: Leaf[] = [], depth = 0): Leaf[] {
  if (depth > 12) return out;
  if (typeof value === 'string' || typeof value === 'number') {
    out.push({ path, value });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      leavesOf(item, path ? `${path}.${index}` : String(index), out, depth + 1);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      leavesOf(inner, path ? `${path}.${key}` : key, out, depth + 1);
    }
  }
  return out;
}

/** A comparable key for a leaf, or undefined when the value is too common to mean anything. */
export function significantKey(value: string | number): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) < MIN_NUMBER) return undefined;
    return `n:${value}`;
  }
  const text = value.trim().toLowerCase();
  if (text.length < MIN_STRING_LENGTH) return undefined;
  return `s:${text}`;
}

/**
 * The significant keys of an input or output, cached per object: a run's trace is rebuilt on
 * every batch of events, but a call's input and output objects are carried over unchanged, so
 * each is walked once, not once per frame.
 */
const keysCache = new WeakMap<object, ReadonlySet<string>>();

function keysOf(value: unknown): ReadonlySet<string> {
  const cacheable = typeof value === 'object' && value !== null;
  const cached = cacheable ? keysCache.get(value) : undefined;
  if (cached) return cached;
  const keys = new Set<string>();
  for (const leaf of leavesOf(value)) {
    const key = significantKey(leaf.value);
    if (key) keys.add(key);
  }
  if (cacheable) keysCache.set(value, keys);
  return keys;
}

/** True when the user's own words already contain the value: it came from them, not a tool. */
function inPrompt(prompt: string, value: string | number): boolean {
  const text = String(value).trim().toLowerCase();
  return text.length > 0 && prompt.includes(text);
}

function stepIndexOf(run: RunTrace): Map<string, number> {
  const index = new Map<string, number>();
  run.steps.forEach((step, position) => {
    index.set(step.id, position);
  });
  return index;
}

type Source = { callId: string; step: number };

/**
 * Every link in a run, in the order of the dependent calls. A value found in several earlier
 * outputs links to each of them; a value the source only echoed from its own input does not
 * count (that input came from somewhere else). Calls without output yet have no links out.
 */
export function dependencyLinks(run: RunTrace): DependencyLink[] {
  const stepOf = stepIndexOf(run);
  const calls: Array<{ span: ToolSpan; step: number }> = [];
  let firstStep = Number.POSITIVE_INFINITY;
  let lastStep = Number.NEGATIVE_INFINITY;
  for (const id of run.spanOrder) {
    const span = run.spans[id];
    const step = span ? stepOf.get(span.stepId) : undefined;
    if (!span || step === undefined) continue;
    calls.push({ span, step });
    firstStep = Math.min(firstStep, step);
    lastStep = Math.max(lastStep, step);
  }
  // A link runs from an earlier step to a later one: calls of one step alone have none.
  if (!(lastStep > firstStep)) return [];
  const prompt = run.prompt.toLowerCase();
  // Which sources (in the run's order) hold each key, so a dependent call looks its values up
  // instead of testing every earlier call.
  const holders = new Map<string, Source[]>();
  for (const { span, step } of calls) {
    if (span.output === undefined) continue;
    const echoed = keysOf(span.input);
    for (const key of keysOf(span.output)) {
      if (echoed.has(key)) continue;
      const list = holders.get(key);
      const source = { callId: span.callId, step };
      if (list) list.push(source);
      else holders.set(key, [source]);
    }
  }
  const links: DependencyLink[] = [];
  for (const { span, step } of calls) {
    if (span.input === undefined || step === firstStep) continue;
    const linked = new Set<string>();
    for (const leaf of leavesOf(span.input)) {
      const key = significantKey(leaf.value);
      const sources = key ? holders.get(key) : undefined;
      if (!sources || inPrompt(prompt, leaf.value)) continue;
      for (const source of sources) {
        if (source.step >= step || linked.has(source.callId)) continue;
        linked.add(source.callId);
        links.push({
          fromCallId: source.callId,
          toCallId: span.callId,
          value: leaf.value,
          inputPath: leaf.path,
        });
      }
    }
  }
  return links;
}

/** The links into each dependent call, keyed by its call id. */
export function linksByTarget(links: readonly DependencyLink[]): Map<string, DependencyLink[]> {
  const byTarget = new Map<string, DependencyLink[]>();
  for (const link of links) {
    const list = byTarget.get(link.toCallId);
    if (list) list.push(link);
    else byTarget.set(link.toCallId, [link]);
  }
  return byTarget;
}

/** Changes exactly when the set of links changes: the drawing re-measures only then. */
export function linksSignature(links: readonly DependencyLink[]): string {
  return links.map((link) => `${link.fromCallId}>${link.toCallId}`).join(' ');
}
