import { type ToolRegistry, wrapTools } from '../runtime';
import type { ServerToolOverride } from '../shared/demo-request';
import { toolSpecs } from '../shared/tools';
import { runWithFault } from '../shared/tools/fault-injection';
import type { ToolSpec } from '../shared/tools/tool-spec';
import type { RequestOptions, TurnSettings } from '../turn/turn-session';
import { concurrencyFor, type DemoSettings, faultFor, latencyFor } from './demo-settings';

/** The spec with the demo's concurrency cap in place of its own (undefined = no cap). */
function capped(spec: ToolSpec, cap: number | undefined): ToolSpec {
  if (cap === spec.concurrency) return spec;
  const { concurrency: _own, ...rest } = spec;
  return cap === undefined ? rest : { ...rest, concurrency: cap };
}

/**
 * The page's tools as the demo controls set them: each handler waits its simulated service
 * latency (the tool's own, or the controls'), then fails as injected (`error` throws,
 * `timeout` never answers so the executor's deadline settles it, `slow` waits longer), and
 * each tool's concurrency cap may be overridden. The engine never knows any of this.
 */
export function withDemoSettings(tools: ToolRegistry, demo: DemoSettings): ToolRegistry {
  return wrapTools(tools, (tool, name) => ({
    spec: capped(tool.spec, concurrencyFor(demo, name, tool.spec.concurrency)),
    run: (input, ctx) =>
      runWithFault(
        {
          toolName: name,
          fault: faultFor(demo, name, input),
          latency: latencyFor(demo, name, tool.spec.simulatedLatency),
          slowFactor: demo.slowFactor,
          signal: ctx.signal,
        },
        async () => tool.run(input, ctx),
      ),
  }));
}

/** The proxy runs server tools, so their demo latency and faults travel with each request. */
export function demoRequestOptions(demo: DemoSettings): RequestOptions {
  const serverTools: Record<string, ServerToolOverride> = {};
  for (const spec of toolSpecs as readonly ToolSpec[]) {
    if (spec.runsOn !== 'server') continue;
    const latency = latencyFor(demo, spec.name, spec.simulatedLatency);
    // Per-call rules match a call's input, which the proxy's tools see only there: the tool's
    // own fault travels, the rules do not (the controls offer them for the page's tools).
    const fault = faultFor(demo, spec.name);
    const override: ServerToolOverride = {
      ...(latency === spec.simulatedLatency ? {} : { latency }),
      ...(fault ? { fault } : {}),
      ...(fault === 'slow' && demo.slowFactor ? { slowFactor: demo.slowFactor } : {}),
    };
    if (Object.keys(override).length > 0) serverTools[spec.name] = override;
  }
  const pacing = demo.offlinePacing;
  return {
    ...(Object.keys(serverTools).length > 0 ? { serverTools } : {}),
    ...(Object.keys(pacing).length > 0 ? { offlinePacing: pacing } : {}),
  };
}

/** How a turn runs under the demo controls; the caller adds its tools and model. */
export function demoTurnSettings(demo: DemoSettings): Omit<TurnSettings, 'tools' | 'modelId'> {
  return {
    policy: demo.policy,
    parallelToolCalls: demo.parallelToolCalls,
    maxConcurrency: demo.maxConcurrency,
    request: demoRequestOptions(demo),
  };
}
