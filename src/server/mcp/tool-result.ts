import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ServerToolError } from '../tool-error';

/** What an MCP server may answer to tools/call, as far as Fanout reads it. */
const contentSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.enum(['image', 'audio']), mimeType: z.string(), data: z.string() }),
  z.object({ type: z.literal('resource_link'), uri: z.string(), name: z.string().optional() }),
  z.object({
    type: z.literal('resource'),
    resource: z.object({ uri: z.string(), text: z.string().optional() }).loose(),
  }),
  z.object({ type: z.string() }).loose(),
]);

export const callToolResultSchema = z
  .object({
    content: z.array(contentSchema).optional(),
    structuredContent: z.record(z.string(), z.unknown()).optional(),
    isError: z.boolean().optional(),
  })
  .loose();
export type McpCallResult = z.infer<typeof callToolResultSchema>;

/** The approximate byte size of base64 data, for a placeholder that says what was left out. */
function base64Bytes(data: string): number {
  return Math.floor((data.replace(/=+$/, '').length * 3) / 4);
}

function contentText(item: z.infer<typeof contentSchema>): string {
  switch (item.type) {
    case 'text':
      return 'text' in item && typeof item.text === 'string' ? item.text : '';
    case 'image':
    case 'audio': {
      // Neither the page nor the model's text channel carries binary: say what it was.
      const mime = 'mimeType' in item ? String(item.mimeType) : item.type;
      const data = 'data' in item && typeof item.data === 'string' ? item.data : '';
      return `[${item.type} ${mime}, ${base64Bytes(data)} bytes, not shown]`;
    }
    case 'resource_link':
      return `[resource ${'uri' in item ? String(item.uri) : ''}]`;
    case 'resource': {
      const resource = 'resource' in item ? (item.resource as { uri?: string; text?: string }) : {};
      return resource.text ?? `[resource ${resource.uri ?? ''}]`;
    }
    default:
      return `[${item.type} content, not shown]`;
  }
}

/**
 * An MCP result as a tool output: the text of its content (images and other binaries as a
 * placeholder), with its structured content when it has some. `isError` is the tool's own
 * failure: it becomes the call's error, with the server's text as the message.
 */
export function toolOutputOf(raw: unknown): unknown {
  const parsed = callToolResultSchema.safeParse(raw);
  if (!parsed.success) throw new ServerToolError('the MCP server sent a result Fanout cannot read');
  const result = parsed.data;
  const text = (result.content ?? []).map(contentText).filter(Boolean).join('\n');
  if (result.isError) throw new ServerToolError(text || 'the MCP tool reported an error');
  if (result.structuredContent !== undefined) {
    return text ? { text, structuredContent: result.structuredContent } : result.structuredContent;
  }
  return text;
}

/**
 * A failure on the way to or from the server, as DESIGN §4's error semantics word it: a
 * deadline is `timed out after N ms` (the page shows it as a timeout), anything else names the
 * server and what went wrong.
 */
export function describeMcpFailure(server: string, error: unknown, timeoutMs: number): Error {
  if (error instanceof ServerToolError) return error;
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout)
      return new ServerToolError(`timed out after ${timeoutMs} ms`);
    if (error.code === ErrorCode.ConnectionClosed)
      return new ServerToolError(`MCP server ${server} closed the connection during the call`);
    return new ServerToolError(`MCP server ${server}: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ServerToolError(`MCP server ${server} failed: ${message}`);
}
