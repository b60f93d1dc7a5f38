import { jsonSchema, type ToolSet, tool } from 'ai';
import { proxyClock, type ServerToolTimings } from '../server-tool-timings';
import type { McpHub } from './hub';
import { toolOutputOf } from './tool-result';

/** Below this, a call did not wait for its server's slot: no queued phase is drawn. */
const QUEUED_NOISE_MS = 1;

/**
 * The MCP tools as the AI SDK sees them: server tools (they run here, on the proxy), each
 * timed on the proxy's clock (queued for its server's slot, then running), its progress
 * relayed to the page, and cancelled on the server when the turn's signal aborts (Stop).
 * A tool not declared read-only asks for approval first, like `add_to_cart`.
 */
export function mcpToolSet(hub: McpHub, timings?: ServerToolTimings): ToolSet {
  const tools: ToolSet = {};
  for (const entry of hub.tools()) {
    const { connection } = entry;
    tools[entry.name] = tool({
      description: entry.tool.description ?? `${entry.tool.name} (MCP server ${connection.name})`,
      inputSchema: jsonSchema(entry.tool.inputSchema),
      ...(entry.requiresApproval ? { needsApproval: true } : {}),
      execute: async (
        input: unknown,
        options: { abortSignal?: AbortSignal; toolCallId: string },
      ) => {
        const { toolCallId } = options;
        const arrivedAt = proxyClock();
        let startedAt: number | undefined;
        try {
          const raw = await connection.callTool(entry.tool.name, input, {
            signal: options.abortSignal,
            onStart: () => {
              startedAt = proxyClock();
            },
            onProgress: ({ progress, total, message }) =>
              timings?.progress({
                toolCallId,
                progress,
                ...(total ? { total } : {}),
                ...(message ? { message: message.slice(0, 200) } : {}),
              }),
          });
          return toolOutputOf(raw);
        } finally {
          const started = startedAt ?? proxyClock();
          timings?.record({
            toolCallId,
            ...(started - arrivedAt > QUEUED_NOISE_MS ? { queuedAt: arrivedAt } : {}),
            startedAt: started,
            settledAt: proxyClock(),
          });
        }
      },
    });
  }
  return tools;
}
