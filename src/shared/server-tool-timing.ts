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
  /**
   * The call reached the proxy and waited for a slot (the page's `maxConcurrency`, then its MCP
   * server's): from here to `startedAt` it was queued on the proxy. Absent when it never waited.
   */
  queuedAt: z.number().finite().optional(),
  startedAt: z.number().finite(),
  settledAt: z.number().finite(),
  /**
   * The call was identical to this call, still in flight on the proxy, and shared its result
   * instead of running: it did not run, and `startedAt`…`settledAt` is how long it waited for
   * that call on the proxy.
   */
  sharedWith: z.string().min(1).optional(),
});
export type ServerToolTiming = z.infer<typeof serverToolTimingSchema>;

/**
 * A progress notification from the MCP server running a call, relayed while the call runs
 * (transient: it informs the running bar and is not kept in the conversation).
 */
export const SERVER_TOOL_PROGRESS_CHUNK = 'data-server-tool-progress' as const;

export const serverToolProgressSchema = z.object({
  toolCallId: z.string().min(1),
  progress: z.number().finite().nonnegative(),
  total: z.number().finite().positive().optional(),
  message: z.string().max(200).optional(),
});
export type ServerToolProgress = z.infer<typeof serverToolProgressSchema>;

/**
 * A server call's state as it changes on the proxy, sent the moment it does (transient): it
 * had to wait for a slot (`queued`, at its arrival) or it took one and runs now (`running`), or
 * it is identical to a call in flight and waits for that call's result (`sharing`).
 * `at` is the proxy's clock (epoch ms), placed on the page's timeline like the timing chunk's.
 * A call that never waited sends none: the page shows it running from its input.
 */
export const SERVER_TOOL_STATE_CHUNK = 'data-server-tool-state' as const;

export const serverToolStateSchema = z.object({
  toolCallId: z.string().min(1),
  state: z.enum(['queued', 'running', 'sharing']),
  at: z.number().finite(),
});
export type ServerToolState = z.infer<typeof serverToolStateSchema>;
