import { z } from 'zod';

/**
 * `GET /api/tools`: every tool the proxy offers a model, wherever it runs, and every MCP server
 * it was asked to connect. The page's tools panel, the manual step and the executor's lookup of
 * tools it has no handler for all read this one list.
 */
export const toolSourceSchema = z.union([
  z.literal('builtin'),
  z.templateLiteral(['mcp:', z.string().min(1)]),
]);
export type ToolSource = z.infer<typeof toolSourceSchema>;

export const catalogToolSchema = z.object({
  /** The name the model calls it by (an MCP tool's is `<server>_<tool>`). */
  name: z.string().min(1).max(64),
  description: z.string(),
  runsOn: z.enum(['browser', 'server']),
  source: toolSourceSchema,
  /** JSON Schema of the input, as the model is given it. */
  inputSchema: z.record(z.string(), z.unknown()),
  /** Each call waits for the user's approval before it runs. */
  requiresApproval: z.boolean(),
});
export type CatalogTool = z.infer<typeof catalogToolSchema>;

export const mcpServerStatusSchema = z.object({
  name: z.string().min(1),
  transport: z.enum(['stdio', 'http']),
  status: z.enum(['ready', 'error']),
  /** Why the server is unusable, in a sentence an operator can act on. */
  error: z.string().optional(),
  toolCount: z.number().int().nonnegative(),
});
export type McpServerStatus = z.infer<typeof mcpServerStatusSchema>;

export const toolCatalogSchema = z.object({
  tools: z.array(catalogToolSchema),
  servers: z.array(mcpServerStatusSchema),
});
export type ToolCatalog = z.infer<typeof toolCatalogSchema>;
