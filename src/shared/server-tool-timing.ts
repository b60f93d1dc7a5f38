import { z } from 'zod';

/**
 * When the proxy ran one server tool, on the proxy's own clock (epoch ms, with the fraction
 * its clock reads), sent in the answer's stream just before the call's output. The page draws
 * the call's running phase from these readings, and the time from the proxy's finish to the
 * page's receipt as its own phase: a server tool is timed where it runs.
 */
export const SERVER_TOOL_TIMING_CHUNK = 'data-server-tool-timing' as const;

export const serverToolTimingSchema = z.object({
  toolCallId: z.string().min(1),
  startedAt: z.number().finite(),
  settledAt: z.number().finite(),
});
export type ServerToolTiming = z.infer<typeof serverToolTimingSchema>;
