import { z } from 'zod';
import type { ToolRunsOn } from '../shared/tools/tool-spec';
import { createEventRecorder } from './event-recorder';
import { createExecutor } from './executor';
import type { ExecutorOptions, Settlement, StepSettlement, ToolRuntime } from './types';

/** One handler invocation seen by a fake tool. */
export type FakeRun = { input: unknown; at: number; signal: AbortSignal };

/** A tool runtime whose handler is driven by fake timers and records every run. */
export type FakeTool = ToolRuntime & { runs: FakeRun[] };

type FakeToolOptions = {
  latencyMs?: number;
  timeoutMs?: number;
  concurrency?: number;
  runsOn?: ToolRunsOn;
  input?: z.ZodType;
  /** What the handler resolves with; default `{ tool, input }`. */
  result?: (input: unknown) => unknown;
  /** Rejects with this message after the latency. */
  failWith?: string;
  /** Never settles and never reacts to its signal: the worst-behaved handler. */
  hang?: boolean;
  /** Leave `run` out (a server tool's browser-side entry). */
  noHandler?: boolean;
  /** The tool changes state: each call waits for approval first. */
  requiresApproval?: boolean;
};

/** Builds a fake tool; its handler waits `latencyMs` on the (fake) timers. */
export function fakeTool(name: string, options: FakeToolOptions = {}): FakeTool {
  const runs: FakeRun[] = [];
  const latencyMs = options.latencyMs ?? 1000;
  const tool: FakeTool = {
    runs,
    spec: {
      name,
      description: `fake ${name}`,
      input: options.input ?? z.object({ q: z.string() }),
      runsOn: options.runsOn ?? 'browser',
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      simulatedLatency: { baseMs: latencyMs, jitterMs: 0 },
      ...(options.requiresApproval ? { requiresApproval: true } : {}),
    },
  };
  if (options.noHandler) return tool;
  tool.run = (input, { signal }) => {
    runs.push({ input, at: Date.now(), signal });
    if (options.hang) return new Promise(() => {});
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (options.failWith) reject(new Error(options.failWith));
        else resolve(options.result ? options.result(input) : { tool: name, input });
      }, latencyMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
  };
  return tool;
}

/** An executor wired to recorders, with the fake clock (`Date.now()` under fake timers). */
export function setup(
  tools: ToolRuntime[],
  overrides: Partial<Omit<ExecutorOptions, 'resolveTool'>> = {},
) {
  const recorder = createEventRecorder();
  const delivered: Settlement[] = [];
  const steps: StepSettlement[] = [];
  const registry = new Map(tools.map((tool) => [tool.spec.name, tool]));
  const executor = createExecutor({
    resolveTool: (name) => registry.get(name),
    now: () => Date.now(),
    onEvent: recorder.onEvent,
    deliver: (settlement) => {
      delivered.push(settlement);
    },
    onStepSettled: (step) => {
      steps.push(step);
    },
    ...overrides,
  });
  return { executor, recorder, delivered, steps };
}

/** The status each call settled with, by call id. */
export function statuses(settlements: readonly Settlement[]): Record<string, string> {
  return Object.fromEntries(settlements.map((s) => [s.callId, s.status]));
}
