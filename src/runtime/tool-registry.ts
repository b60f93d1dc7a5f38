import type { ToolRuntime } from './types';

/** How the executor finds a tool by name (`resolveTool`): page tools with a `run`, others by spec. */
export type ToolRegistry = (name: string) => ToolRuntime | undefined;

/** A tool the page runs: the registry's answer with its handler. */
export type RunnableTool = ToolRuntime & { run: NonNullable<ToolRuntime['run']> };

/**
 * The same registry with every tool the page runs replaced by `wrap(tool, name)`: the seam
 * through which callers add behaviour around handlers (the demo's latency and faults, the
 * benchmark's clock) without the executor or the turn knowing.
 */
export function wrapTools(
  registry: ToolRegistry,
  wrap: (tool: RunnableTool, name: string) => RunnableTool,
): ToolRegistry {
  return (name) => {
    const tool = registry(name);
    return tool?.run ? wrap({ ...tool, run: tool.run }, name) : tool;
  };
}
