import { z } from 'zod';
import { executionPolicies } from '../shared/chat-request';
import type { SimulatedLatency } from '../shared/tools/tool-spec';

const latencySchema = z.object({
  baseMs: z.number().int().min(0).max(120_000),
  jitterMs: z.number().int().min(0).max(60_000),
});

/** Settings a demo link carries: how the turn runs and how slow each simulated service is. */
export const demoSettingsSchema = z.object({
  policy: z.enum(executionPolicies).default('parallel'),
  parallelToolCalls: z.boolean().default(true),
  maxConcurrency: z.number().int().min(1).max(64).default(6),
  /** Latency for every tool, overriding each tool's own profile. */
  latency: latencySchema.optional(),
  /** Latency per tool name, overriding both of the above. */
  toolLatency: z.record(z.string(), latencySchema).default({}),
});
export type DemoSettings = z.infer<typeof demoSettingsSchema>;

export const defaultDemoSettings: DemoSettings = demoSettingsSchema.parse({});

function intParam(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? Math.round(number) : undefined;
}

/**
 * Reads settings from a page URL's query: `policy`, `parallel=0|1`, `concurrency`,
 * `latency` and `jitter` (all tools), `latency.<tool>` (one tool). Invalid values fall back
 * to the defaults rather than breaking the page.
 */
export function readDemoSettings(search: string): DemoSettings {
  const params = new URLSearchParams(search);
  const jitter = intParam(params.get('jitter')) ?? 0;
  const all = intParam(params.get('latency'));
  const toolLatency: Record<string, SimulatedLatency> = {};
  for (const [key, value] of params) {
    const match = /^latency\.([a-z_]{1,64})$/.exec(key);
    const baseMs = intParam(value);
    if (match?.[1] && baseMs !== undefined) toolLatency[match[1]] = { baseMs, jitterMs: jitter };
  }
  const parallel = params.get('parallel');
  const candidate = {
    policy: params.get('policy') ?? undefined,
    parallelToolCalls: parallel === null ? undefined : parallel !== '0' && parallel !== 'false',
    maxConcurrency: intParam(params.get('concurrency')),
    latency: all === undefined ? undefined : { baseMs: all, jitterMs: jitter },
    toolLatency,
  };
  const parsed = demoSettingsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  // Keep every field that is valid on its own.
  const shape = demoSettingsSchema.shape;
  const pick = <K extends keyof typeof shape>(key: K) => {
    const field = shape[key].safeParse(candidate[key]);
    return field.success ? field.data : defaultDemoSettings[key];
  };
  return {
    policy: pick('policy'),
    parallelToolCalls: pick('parallelToolCalls'),
    maxConcurrency: pick('maxConcurrency'),
    latency: pick('latency'),
    toolLatency: pick('toolLatency'),
  } as DemoSettings;
}

/** The simulated latency a tool runs with under these settings. */
export function latencyFor(
  settings: DemoSettings,
  toolName: string,
  own: SimulatedLatency,
): SimulatedLatency {
  return settings.toolLatency[toolName] ?? settings.latency ?? own;
}

/** Writes settings back into a query string (only what differs from the defaults), keeping other params. */
export function writeDemoSettings(settings: DemoSettings, search = ''): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) {
    if (/^(policy|parallel|concurrency|latency|jitter)$|^latency\./.test(key)) params.delete(key);
  }
  if (settings.policy !== defaultDemoSettings.policy) params.set('policy', settings.policy);
  if (!settings.parallelToolCalls) params.set('parallel', '0');
  if (settings.maxConcurrency !== defaultDemoSettings.maxConcurrency) {
    params.set('concurrency', String(settings.maxConcurrency));
  }
  const jitter =
    settings.latency?.jitterMs ?? Object.values(settings.toolLatency)[0]?.jitterMs ?? 0;
  if (settings.latency) params.set('latency', String(settings.latency.baseMs));
  for (const [tool, latency] of Object.entries(settings.toolLatency)) {
    params.set(`latency.${tool}`, String(latency.baseMs));
  }
  if (jitter) params.set('jitter', String(jitter));
  const text = params.toString();
  return text ? `?${text}` : '';
}
