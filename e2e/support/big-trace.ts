/**
 * A generated trace file with many calls in one run (the timeline's "big run"): deterministic,
 * so a spec can count what each filter leaves. Shared by e2e/timeline-navigation.spec.ts and the
 * bench's 1,000-call figures.
 */
export type BigTraceOptions = { calls: number; runId?: string; steps?: number };

const tools = [
  { name: 'get_weather', input: (n: number) => ({ city: `City ${n}` }) },
  { name: 'get_stock', input: (n: number) => ({ symbol: `SYM${n}` }) },
  { name: 'lookup_product', input: (n: number) => ({ name: `Product ${n}` }) },
  { name: 'search_docs', input: (n: number) => ({ query: `topic ${n}` }) },
] as const;

/** Which calls carry which trait (so a spec knows the counts without reading the file). */
export const bigTraceTraits = {
  /** Every 25th call fails. */
  failed: (index: number) => index % 25 === 24,
  /** Every 10th call runs on the server. */
  server: (index: number) => index % 10 === 3,
  /** Every 8th call runs 1.2 s (slow); the rest 40–400 ms. */
  slow: (index: number) => index % 8 === 5,
};

export function countWhere(calls: number, trait: (index: number) => boolean): number {
  let count = 0;
  for (let index = 0; index < calls; index++) if (trait(index)) count++;
  return count;
}

export function bigTraceFile({ calls, runId = 'big-run', steps = 3 }: BigTraceOptions): string {
  const spans: Record<string, unknown> = {};
  const order: string[] = [];
  const perStep = Math.ceil(calls / steps);
  const stepList: Array<Record<string, unknown> & { callIds: string[] }> = [];
  let clock = 0;
  for (let s = 0; s < steps; s++) {
    const requestAt = clock;
    const stepId = `${runId}-step-${s + 1}`;
    const callIds: string[] = [];
    let stepEnd = requestAt + 300;
    for (let index = s * perStep; index < Math.min(calls, (s + 1) * perStep); index++) {
      const tool = tools[index % tools.length] ?? tools[0];
      const callId = `call-${index}`;
      const offset = index - s * perStep;
      const available = requestAt + 200 + offset * 0.5;
      const duration = bigTraceTraits.slow(index) ? 1200 : 40 + ((index * 37) % 360);
      const startedAt = available + 1;
      const settledAt = startedAt + duration;
      stepEnd = Math.max(stepEnd, settledAt);
      const failed = bigTraceTraits.failed(index);
      spans[callId] = {
        callId,
        toolName: tool.name,
        stepId,
        runsOn: bigTraceTraits.server(index) ? 'server' : 'browser',
        state: 'settled',
        status: failed ? 'error' : 'ok',
        input: tool.input(index),
        ...(failed
          ? { errorText: `service unavailable for call ${index}` }
          : { output: { n: index } }),
        inputStartedAt: available - 20,
        inputAvailableAt: available,
        startedAt,
        settledAt,
      };
      order.push(callId);
      callIds.push(callId);
    }
    stepList.push({
      id: stepId,
      index: s,
      requestAt,
      firstByteAt: requestAt + 150,
      firstContentAt: requestAt + 180,
      finishedAt: requestAt + 200 + perStep * 0.5,
      outputsReturnedAt: stepEnd,
      callIds,
    });
    clock = stepEnd + 5;
  }
  const last = clock + 400;
  stepList.push({
    id: `${runId}-step-${steps + 1}`,
    index: steps,
    requestAt: clock,
    firstByteAt: clock + 150,
    firstContentAt: clock + 180,
    textStartAt: clock + 180,
    finishedAt: last,
    callIds: [],
  });
  return JSON.stringify({
    format: 'fanout-trace',
    version: 1,
    exportedAt: new Date(0).toISOString(),
    runs: [
      {
        id: runId,
        prompt: `${calls} generated calls`,
        policy: 'parallel',
        parallelToolCalls: true,
        status: 'complete',
        startedAtEpochMs: 1_700_000_000_000,
        startedAtPerf: 0,
        endedAt: last,
        steps: stepList,
        spanOrder: order,
        spans,
      },
    ],
  });
}
