import { jsonSchema, type ToolSet, tool } from 'ai';
import { dedupKeyOf } from '../../shared/canonical-json';
import type { InFlightCalls } from '../in-flight-calls';
import { proxyClock, type ServerToolTimings } from '../server-tool-timings';
import type { FifoLimiter } from './fifo-limiter';
import type { McpHub } from './hub';
import { toolOutputOf } from './tool-result';

/**
 * The MCP tools as the AI SDK sees them: server tools (they run here, on the proxy), each
 * timed on the proxy's clock (queued for its server's slot, then running), its progress
 * relayed to the page, and cancelled on the server when the turn's signal aborts (Stop).
 * A tool not declared read-only asks for approval first, like `add_to_cart`; any other call
 * identical to one still in flight shares that call's result instead of running again.
 */
export function mcpToolSet(
  hub: McpHub,
  request: {
    /** Where calls record when they ran (on the proxy's clock). */
    timings?: ServerToolTimings;
    /** This request's calls in flight, for deduplication. */
    inFlight?: InFlightCalls;
    /** The page's cap on this request's calls at once (before each server's own cap). */
    limiter?: FifoLimiter;
  } = {},
): ToolSet {
  const { timings, inFlight, limiter } = request;
  const tools: ToolSet = {};
  for (const entry of hub.tools()) {
    const { connection } = entry;
    type CallOptions = { abortSignal?: AbortSignal; toolCallId: string };
    const run = async (input: unknown, options: CallOptions) => {
      const { toolCallId } = options;
      const clock = timings?.call(toolCallId);
      const call = () =>
        connection.callTool(entry.tool.name, input, {
          signal: options.abortSignal,
          // It has both slots now (the page's cap, then its server's): it runs from here.
          onStart: clock?.started,
          onWait: clock?.waiting,
          onProgress: ({ progress, total, message }) =>
            timings?.progress({
              toolCallId,
              progress,
              ...(total ? { total } : {}),
              ...(message ? { message: message.slice(0, 200) } : {}),
            }),
        });
      try {
        return toolOutputOf(
          await (limiter
            ? limiter.run(call, options.abortSignal, undefined, clock?.waiting)
            : call()),
        );
      } finally {
        clock?.settled();
      }
    };
    tools[entry.name] = tool({
      description: entry.tool.description ?? `${entry.tool.name} (MCP server ${connection.name})`,
      inputSchema: jsonSchema(entry.tool.inputSchema),
      ...(entry.requiresApproval ? { needsApproval: true } : {}),
      execute: async (input: unknown, options: CallOptions) => {
        // Two identical calls that may change something are two changes: never shared.
        if (entry.requiresApproval || !inFlight) return run(input, options);
        const arrivedAt = proxyClock();
        const key = dedupKeyOf(entry.name, input);
        const { sharedWith, result } = inFlight.run(key, options.toolCallId, () =>
          run(input, options),
        );
        if (sharedWith === undefined) return result;
        timings?.sharing(options.toolCallId);
        try {
          return await result;
        } finally {
          // It waited for the call it shares from arrival to that call's end.
          timings?.record({
            toolCallId: options.toolCallId,
            startedAt: arrivedAt,
            settledAt: proxyClock(),
            sharedWith,
          });
        }
      },
    });
  }
  return tools;
}
