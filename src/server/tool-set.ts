import { type ToolSet, tool, zodSchema } from 'ai';
import type { ServerToolOverride } from '../shared/demo-request';
import { type ToolSpec, toolSpecs } from '../shared/tools';
import { InjectedFaultError, runWithFault } from '../shared/tools/fault-injection';
import { faultToolSpecs } from '../shared/tools/fault-tools';
import type { FifoLimiter } from './mcp/fifo-limiter';
import type { ServerToolTimings } from './server-tool-timings';
import { ServerToolError } from './tool-error';
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
      const error = new ServerToolError(`timed out after ${timeoutMs} ms`);
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

function serverExecute(
  spec: ToolSpec,
  executor: ServerToolExecutor,
  override: ServerToolOverride | undefined,
  request: BuildRequest,
) {
  const { timings, limiter } = request;
  return async (input: unknown, options: { abortSignal?: AbortSignal; toolCallId: string }) => {
    const clock = timings?.call(options.toolCallId);
    const run = () =>
      withDeadline(spec.timeoutMs, options.abortSignal, (signal) =>
        // The demo's latency and fault wrap the executor, which then skips its own latency.
        runWithFault(
          {
            toolName: spec.name,
            fault: override?.fault,
            latency: override?.latency ?? spec.simulatedLatency,
            slowFactor: override?.slowFactor,
            signal,
          },
          () => executor(input, { abortSignal: signal, simulatedLatency: null }),
        ),
      );
    const started = () => {
      clock?.started();
      return run();
    };
    try {
      // Within the page's cap (when it sent one): over it, the call waits its turn, queued.
      return await (limiter
        ? limiter.run(started, options.abortSignal, undefined, clock?.waiting)
        : started()
      ).finally(
        // However it settles, the page learns when it ran here.
        () => clock?.settled(),
      );
    } catch (error) {
      // The tool's own message goes to the model and the page, like a browser tool's would.
      if (error instanceof ServerToolError || options.abortSignal?.aborted) throw error;
      if (error instanceof InjectedFaultError) throw new ServerToolError(error.message);
      throw new ServerToolError(error instanceof Error ? error.message : String(error));
    }
  };
}

/** What one request's server tools share: where they record their timing, and the page's cap. */
type BuildRequest = {
  /** Where server tool calls record when they ran (on the proxy's clock). */
  timings?: ServerToolTimings;
  /** The page's cap on this request's server calls at once. */
  limiter?: FifoLimiter;
};

// Built once: converting a zod schema to JSON Schema is work no request should repeat.
const inputSchemas = new Map<string, ReturnType<typeof zodSchema>>();
function inputSchemaOf(spec: ToolSpec) {
  let schema = inputSchemas.get(spec.name);
  if (!schema) {
    schema = zodSchema(spec.input);
    inputSchemas.set(spec.name, schema);
  }
  return schema;
}

/**
 * The demo pack as the model sees it. Browser tools are declared without `execute`, so a step
 * ends at their calls and the page runs them; server tools (they would need a secret) run here,
 * each with its deadline and any fault or latency the demo controls asked for. Tools that
 * change state ask for the user's approval (`needsApproval`), which the page collects.
 */
export function buildToolSet(
  options: {
    /** Per-tool fault, latency and slow factor for server tools, from the demo controls. */
    overrides?: Readonly<Record<string, ServerToolOverride>>;
    /** Declares the test-only fault tools (FANOUT_FAULT_TOOLS). */
    faultTools?: boolean;
  } & BuildRequest = {},
): ToolSet {
  const overrides = options.overrides ?? {};
  const tools: ToolSet = {};
  const specs: readonly ToolSpec[] = options.faultTools
    ? [...toolSpecs, ...faultToolSpecs]
    : toolSpecs;
  for (const spec of specs) {
    const executor = spec.runsOn === 'server' ? serverToolExecutors[spec.name] : undefined;
    const approval = spec.requiresApproval ? { needsApproval: true } : {};
    tools[spec.name] = executor
      ? tool({
          description: spec.description,
          inputSchema: inputSchemaOf(spec),
          execute: serverExecute(spec, executor, overrides[spec.name], options),
          ...approval,
        })
      : tool({ description: spec.description, inputSchema: inputSchemaOf(spec), ...approval });
  }
  return tools;
}
