import type { z } from 'zod';

/** Where a tool's handler runs: in the page, or on the proxy (for tools that need a secret). */
export type ToolRunsOn = 'browser' | 'server';

/**
 * A simulated service latency: the handler waits this long (plus jitter) before answering,
 * so demos show realistic overlap. Always labelled "simulated" in the UI.
 */
export type SimulatedLatency = {
  /** Median wait in ms. */
  baseMs: number;
  /** Uniform jitter added on top, 0..jitterMs. */
  jitterMs: number;
};

/**
 * The isomorphic half of a tool: everything the proxy declares to the model and the page
 * needs to validate and schedule a call. Handlers live elsewhere (browser or server only).
 */
export type ToolSpec<Input extends z.ZodType = z.ZodType> = {
  name: string;
  description: string;
  input: Input;
  runsOn: ToolRunsOn;
  /** Deadline for one call; the handler's signal aborts when it passes. */
  timeoutMs: number;
  /** Optional cap on this tool's concurrent calls (over it, calls queue FIFO). */
  concurrency?: number;
  simulatedLatency: SimulatedLatency;
  /**
   * The tool changes state, so each call waits for the user's approval before it runs (the
   * proxy declares it with `needsApproval`; the page's executor holds the call until then).
   */
  requiresApproval?: boolean;
};

/** Identity helper that keeps the input schema's type. */
export function defineToolSpec<Input extends z.ZodType>(spec: ToolSpec<Input>): ToolSpec<Input> {
  return spec;
}
