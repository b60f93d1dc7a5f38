/** The longest tool name every provider accepts. */
export const MAX_TOOL_NAME = 64;

/**
 * The name a model calls an MCP tool by: `<server>_<tool>`, every character outside
 * `[A-Za-z0-9_-]` replaced by `_`, at most 64 characters.
 */
export function mcpToolName(server: string, tool: string): string {
  return `${server}_${tool}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, MAX_TOOL_NAME);
}

/**
 * Names a server's tools, refusing any whose name is already taken (by a built-in tool, another
 * server's tool, or another of this server's tools after sanitising): a model must never reach
 * one tool by another's name. Each refusal is a sentence for the server's status.
 */
export function nameServerTools(
  server: string,
  tools: readonly string[],
  taken: ReadonlySet<string>,
): { named: Map<string, string>; refused: string[] } {
  const named = new Map<string, string>();
  const refused: string[] = [];
  const used = new Set(taken);
  for (const tool of tools) {
    const name = mcpToolName(server, tool);
    if (used.has(name)) {
      refused.push(`tool "${tool}" is refused: its name ${name} is already taken`);
      continue;
    }
    used.add(name);
    named.set(name, tool);
  }
  return { named, refused };
}
