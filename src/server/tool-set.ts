import { type ToolSet, tool } from 'ai';
import type { ExecutionPolicyName } from '../shared/chat-request';
import { type ToolSpec, toolSpecs } from '../shared/tools';
import { type ServerToolExecutor, serverToolExecutors } from './tools';

/** Runs `task` with its own deadline: the signal aborts and the call fails with a clear message. */
async function withDeadline<T>(
  timeoutMs: number,
  parent: AbortSignal | undefined,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onParentAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`timed out after ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([task(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  }
}

/** A one-at-a-time gate, so `sequential` holds for server tools too. */
function createGate(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function serverExecute(
  spec: ToolSpec,
  executor: ServerToolExecutor,
  gate: ReturnType<typeof createGate>,
) {
  return (input: unknown, options: { abortSignal?: AbortSignal }) =>
    gate(() =>
      withDeadline(spec.timeoutMs, options.abortSignal, (signal) =>
        executor(input, { abortSignal: signal }),
      ),
    );
}

/**
 * The demo pack as the model sees it. Browser tools are declared without `execute`, so a step
 * ends at their calls and the page runs them; server tools (they would need a secret) run here,
 * with their deadline, and one at a time under the `sequential` policy.
 */
export function buildToolSet(policy: ExecutionPolicyName): ToolSet {
  const gate = createGate(policy === 'sequential' ? 1 : Number.POSITIVE_INFINITY);
  const tools: ToolSet = {};
  for (const spec of toolSpecs as readonly ToolSpec[]) {
    const executor = spec.runsOn === 'server' ? serverToolExecutors[spec.name] : undefined;
    tools[spec.name] = executor
      ? tool({
          description: spec.description,
          inputSchema: spec.input,
          execute: serverExecute(spec, executor, gate),
        })
      : tool({ description: spec.description, inputSchema: spec.input });
  }
  return tools;
}
