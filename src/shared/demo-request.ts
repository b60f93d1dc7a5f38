import { z } from 'zod';
import { MAX_SLOW_FACTOR, MIN_SLOW_FACTOR, toolFaults } from './tools/fault-injection';

/**
 * What the demo controls add to a chat request, validated on the proxy: the faults and latency
 * of tools the proxy runs, and the offline planner's pacing. Bounds are shared with the page's
 * URL settings, so a demo link can never ask the proxy for more than it accepts.
 */

export const MAX_LATENCY_MS = 120_000;
export const MAX_JITTER_MS = 60_000;
export const MAX_TTFT_MS = 10_000;
export const MAX_TOKENS_PER_SECOND = 2_000;

export const latencySettingSchema = z.object({
  baseMs: z.number().int().min(0).max(MAX_LATENCY_MS),
  jitterMs: z.number().int().min(0).max(MAX_JITTER_MS),
});

export const toolFaultSchema = z.enum(toolFaults);
export const slowFactorSchema = z.number().int().min(MIN_SLOW_FACTOR).max(MAX_SLOW_FACTOR);

/** One server tool's demo overrides. */
export const serverToolOverrideSchema = z.object({
  fault: toolFaultSchema.optional(),
  latency: latencySettingSchema.optional(),
  slowFactor: slowFactorSchema.optional(),
});
export type ServerToolOverride = z.infer<typeof serverToolOverrideSchema>;

export const serverToolOverridesSchema = z
  .record(z.string().regex(/^[a-z_]{1,64}$/), serverToolOverrideSchema)
  .refine((record) => Object.keys(record).length <= 32, 'at most 32 tools');

/** Offline planner pacing; each field overrides the proxy's environment default. */
export const offlinePacingSchema = z.object({
  timeToFirstTokenMs: z.number().int().min(0).max(MAX_TTFT_MS).optional(),
  tokensPerSecond: z.number().int().min(0).max(MAX_TOKENS_PER_SECOND).optional(),
});
export type OfflinePacingRequest = z.infer<typeof offlinePacingSchema>;
