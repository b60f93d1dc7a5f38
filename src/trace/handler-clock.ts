import { type ToolRegistry, wrapTools } from '../runtime';

/**
 * The tool handlers' own clock, for timing-fidelity checks (`npm run bench`): with `?clock=1`
 * in the page's URL, each browser call records `performance.now()` when its handler was entered
 * and when it returned, independently of the executor's timestamps. Off (and free) otherwise.
 */
export type HandlerClockEntry = {
  callId: string;
  /** The handler was entered (before its simulated latency). */
  enteredAt: number;
  /** The simulated latency ended. */
  sleptAt: number;
  /** The handler returned. */
  returnedAt: number;
};

const MAX_ENTRIES = 5000;

function enabledByUrl(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).has('clock');
}

export function createHandlerClock(enabled = enabledByUrl()) {
  const entries: HandlerClockEntry[] = [];
  return {
    enabled,
    entries,
    record(entry: HandlerClockEntry) {
      if (!enabled) return;
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
    },
  };
}
export type HandlerClock = ReturnType<typeof createHandlerClock>;

export const handlerClock: HandlerClock = createHandlerClock();

/**
 * The tools with the handlers' own clock around them: entered before whatever `around` adds
 * (the demo's simulated latency), slept when the real handler starts, returned when the call
 * returns. Off (and no wrapper at all) unless the clock is enabled.
 */
export function clockTools(
  clock: HandlerClock,
  tools: ToolRegistry,
  around: (tools: ToolRegistry) => ToolRegistry,
): ToolRegistry {
  if (!clock.enabled) return around(tools);
  const sleptAt = new Map<string, number>();
  const inner = wrapTools(tools, (tool) => ({
    ...tool,
    run: (input, ctx) => {
      sleptAt.set(ctx.callId, performance.now());
      return tool.run(input, ctx);
    },
  }));
  return wrapTools(around(inner), (tool) => ({
    ...tool,
    run: async (input, ctx) => {
      const enteredAt = performance.now();
      const output = await tool.run(input, ctx);
      clock.record({
        callId: ctx.callId,
        enteredAt,
        sleptAt: sleptAt.get(ctx.callId) ?? enteredAt,
        returnedAt: performance.now(),
      });
      sleptAt.delete(ctx.callId);
      return output;
    },
  }));
}
