import { z } from 'zod';
import { executionPolicies } from '../shared/chat-request';
import {
  latencySettingSchema,
  offlinePacingSchema,
  slowFactorSchema,
  toolFaultSchema,
} from '../shared/demo-request';
import { DEFAULT_SLOW_FACTOR, type ToolFault } from '../shared/tools/fault-injection';
import type { SimulatedLatency } from '../shared/tools/tool-spec';

const toolName = z.string().regex(/^[a-z_]{1,64}$/);

/** The longest input value a per-call fault matches, and how many rules a demo may carry. */
export const MAX_CALL_MATCH_CHARS = 100;
export const MAX_CALL_FAULTS = 20;

/**
 * An injected failure for some calls of a tool: those whose input has a value equal to `match`
 * (case and surrounding spaces ignored), e.g. `get_weather` with city Tokyo → `timeout`, so the
 * Tokyo lookup times out while Paris and New York succeed. In the link:
 * `fault.get_weather@Tokyo=timeout`.
 */
export const callFaultSchema = z.object({
  tool: toolName,
  match: z.string().trim().min(1).max(MAX_CALL_MATCH_CHARS),
  fault: toolFaultSchema,
});
export type CallFault = z.infer<typeof callFaultSchema>;

/** Settings a demo link carries: how the turn runs, how slow and how faulty each service is. */
export const demoSettingsSchema = z.object({
  policy: z.enum(executionPolicies).default('parallel'),
  parallelToolCalls: z.boolean().default(true),
  maxConcurrency: z.number().int().min(1).max(64).default(6),
  /** Latency for every tool, overriding each tool's own profile. */
  latency: latencySettingSchema.optional(),
  /** Latency per tool name, overriding both of the above. */
  toolLatency: z.record(toolName, latencySettingSchema).default({}),
  /** Injected failure per tool name. */
  faults: z.record(toolName, toolFaultSchema).default({}),
  /** Injected failures for single calls, matched by input; they win over the tool's own. */
  callFaults: z.array(callFaultSchema).max(MAX_CALL_FAULTS).default([]),
  /** How many times longer a `slow` tool waits. */
  slowFactor: slowFactorSchema.default(DEFAULT_SLOW_FACTOR),
  /** Per-tool concurrency cap overriding the spec's; 0 removes the cap. */
  toolConcurrency: z.record(toolName, z.number().int().min(0).max(64)).default({}),
  /** The offline planner's pacing; unset fields keep the proxy's defaults. */
  offlinePacing: offlinePacingSchema.default({}),
  /** Bigger type and controls, for a projector. */
  presentation: z.boolean().default(false),
});
export type DemoSettings = z.infer<typeof demoSettingsSchema>;

export const defaultDemoSettings: DemoSettings = demoSettingsSchema.parse({});

function intParam(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? Math.round(number) : undefined;
}

function flagParam(value: string | null): boolean | undefined {
  return value === null ? undefined : value !== '0' && value !== 'false';
}

/** Every query key the demo settings own (others, like a future `run=`, are left alone). */
const ownedKey =
  /^(policy|parallel|concurrency|latency|jitter|slow|ttft|tps|present)$|^(latency|jitter|fault|concurrency)\./;

/** Reads `prefix.<tool>=value` params into a record, skipping values `parse` rejects. */
function perTool<T>(
  params: URLSearchParams,
  prefix: string,
  parse: (value: string) => T | undefined,
): Record<string, T> {
  const record: Record<string, T> = {};
  const pattern = new RegExp(`^${prefix}\\.([a-z_]{1,64})$`);
  for (const [key, value] of params) {
    const name = pattern.exec(key)?.[1];
    const parsed = name ? parse(value) : undefined;
    if (name && parsed !== undefined) record[name] = parsed;
  }
  return record;
}

/**
 * Reads settings from a page URL's query: `policy`, `parallel=0|1`, `concurrency`, `latency`
 * and `jitter` (all tools), `latency.<tool>` and `jitter.<tool>` (one tool), `fault.<tool>=
 * error|timeout|slow`, `fault.<tool>@<input value>=…` (one call), `slow` (factor), `concurrency.<tool>` (0 = no cap), `ttft` and `tps`
 * (offline pacing), `present=1`. Invalid values fall back to the defaults field by field,
 * rather than breaking the page.
 */
export function readDemoSettings(search: string): DemoSettings {
  const params = new URLSearchParams(search);
  const jitter = intParam(params.get('jitter')) ?? 0;
  const all = intParam(params.get('latency'));
  const toolJitter = perTool(params, 'jitter', (value) => intParam(value));
  const toolLatency: Record<string, SimulatedLatency> = {};
  for (const [name, baseMs] of Object.entries(perTool(params, 'latency', intParam))) {
    const candidate = latencySettingSchema.safeParse({
      baseMs,
      jitterMs: toolJitter[name] ?? jitter,
    });
    if (candidate.success) toolLatency[name] = candidate.data;
  }
  const faults = perTool(params, 'fault', (value) => toolFaultSchema.safeParse(value).data);
  const callFaults: CallFault[] = [];
  for (const [key, value] of params) {
    const found = /^fault\.([a-z_]{1,64})@(.+)$/.exec(key);
    const rule = found
      ? callFaultSchema.safeParse({ tool: found[1], match: found[2], fault: value }).data
      : undefined;
    if (rule && callFaults.length < MAX_CALL_FAULTS) callFaults.push(rule);
  }
  const toolConcurrency = perTool(params, 'concurrency', (value) => {
    const cap = intParam(value);
    return cap !== undefined && cap >= 0 && cap <= 64 ? cap : undefined;
  });
  const ttft = intParam(params.get('ttft'));
  const tps = intParam(params.get('tps'));
  const candidate: Record<keyof DemoSettings, unknown> = {
    policy: params.get('policy') ?? undefined,
    parallelToolCalls: flagParam(params.get('parallel')),
    maxConcurrency: intParam(params.get('concurrency')),
    latency: all === undefined ? undefined : { baseMs: all, jitterMs: jitter },
    toolLatency,
    faults,
    callFaults,
    slowFactor: intParam(params.get('slow')),
    toolConcurrency,
    offlinePacing: {
      ...(ttft === undefined ? {} : { timeToFirstTokenMs: ttft }),
      ...(tps === undefined ? {} : { tokensPerSecond: tps }),
    },
    presentation: flagParam(params.get('present')),
  };
  const parsed = demoSettingsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  // Keep every field that is valid on its own.
  const shape = demoSettingsSchema.shape;
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(shape) as Array<keyof DemoSettings>) {
    const field = shape[key].safeParse(candidate[key]);
    settings[key] = field.success ? field.data : defaultDemoSettings[key];
  }
  return demoSettingsSchema.parse(settings);
}

/** The simulated latency a tool runs with under these settings. */
export function latencyFor(
  settings: DemoSettings,
  toolName: string,
  own: SimulatedLatency,
): SimulatedLatency {
  return settings.toolLatency[toolName] ?? settings.latency ?? own;
}

/** Every string or number in a call's input, as text (nested objects and lists included). */
function inputValues(input: unknown, depth = 0): string[] {
  if (typeof input === 'string') return [input];
  if (typeof input === 'number' || typeof input === 'boolean') return [String(input)];
  if (depth > 4 || input === null || typeof input !== 'object') return [];
  return Object.values(input).flatMap((value) => inputValues(value, depth + 1));
}

/** True when one of the call's input values is the rule's `match` (case and spaces ignored). */
export function callMatches(rule: CallFault, toolName: string, input: unknown): boolean {
  if (rule.tool !== toolName) return false;
  const wanted = rule.match.trim().toLowerCase();
  return inputValues(input).some((value) => value.trim().toLowerCase() === wanted);
}

/**
 * The failure injected into a call: the first per-call rule its input matches, else the tool's
 * own fault. Without an input only the tool's own fault applies (the proxy's server tools).
 */
export function faultFor(
  settings: DemoSettings,
  toolName: string,
  input?: unknown,
): ToolFault | undefined {
  if (input !== undefined) {
    const rule = settings.callFaults.find((candidate) => callMatches(candidate, toolName, input));
    if (rule) return rule.fault;
  }
  return settings.faults[toolName];
}

/** A tool's concurrency cap under these settings: the override (0 = none) or the spec's own. */
export function concurrencyFor(
  settings: DemoSettings,
  toolName: string,
  own: number | undefined,
): number | undefined {
  const override = settings.toolConcurrency[toolName];
  if (override === undefined) return own;
  return override === 0 ? undefined : override;
}

/** True when the settings are the defaults (nothing for "Reset" to do). */
export function isDefaultDemoSettings(settings: DemoSettings): boolean {
  return writeDemoSettings(settings) === '';
}

/** Writes settings back into a query string (only what differs from the defaults), keeping other params. */
export function writeDemoSettings(settings: DemoSettings, search = ''): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (ownedKey.test(key)) params.delete(key);
  if (settings.policy !== defaultDemoSettings.policy) params.set('policy', settings.policy);
  if (!settings.parallelToolCalls) params.set('parallel', '0');
  if (settings.maxConcurrency !== defaultDemoSettings.maxConcurrency) {
    params.set('concurrency', String(settings.maxConcurrency));
  }
  // `jitter` goes with `latency`; a tool's own jitter is written only where it differs.
  const jitter = settings.latency?.jitterMs ?? 0;
  if (settings.latency) params.set('latency', String(settings.latency.baseMs));
  if (jitter) params.set('jitter', String(jitter));
  for (const [tool, latency] of Object.entries(settings.toolLatency)) {
    params.set(`latency.${tool}`, String(latency.baseMs));
    if (latency.jitterMs !== jitter) params.set(`jitter.${tool}`, String(latency.jitterMs));
  }
  for (const [tool, fault] of Object.entries(settings.faults)) params.set(`fault.${tool}`, fault);
  for (const rule of settings.callFaults)
    params.set(`fault.${rule.tool}@${rule.match}`, rule.fault);
  if (settings.slowFactor !== defaultDemoSettings.slowFactor) {
    params.set('slow', String(settings.slowFactor));
  }
  for (const [tool, cap] of Object.entries(settings.toolConcurrency)) {
    params.set(`concurrency.${tool}`, String(cap));
  }
  const { timeToFirstTokenMs, tokensPerSecond } = settings.offlinePacing;
  if (timeToFirstTokenMs !== undefined) params.set('ttft', String(timeToFirstTokenMs));
  if (tokensPerSecond !== undefined) params.set('tps', String(tokensPerSecond));
  if (settings.presentation) params.set('present', '1');
  // `@` means the same encoded or not in a query; bare, a per-call fault reads as written.
  const text = params.toString().replaceAll('%40', '@');
  return text ? `?${text}` : '';
}
