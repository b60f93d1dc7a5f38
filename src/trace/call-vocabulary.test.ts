import { describe, expect, it } from 'vitest';
import { runAt } from '../timeline/replay';
import { headline } from '../timeline/run-summary';
import { run, span, step } from '../timeline/trace-fixtures';
import { applyTraceEvent } from './apply-trace-event';
import {
  callPhases,
  callStatuses,
  dispatchLatencyOf,
  phaseAt,
  phasesOf,
  runningSpan,
  statusOfSpan,
} from './call-vocabulary';
import { runMetrics } from './metrics';
import { toOtlp } from './otlp';

/**
 * The approval scenario: a lookup runs 300 → 1300 ms while the cart call, its input complete
 * at 300 ms, waits 5 s for a person; approved at 5300 ms it starts 1 ms later and runs until 5500 ms. The follow-up
 * goes at 5502 ms and the answer finishes at 6000 ms.
 */
function approvalRun() {
  const lookup = span('lookup', 300, 1300);
  const cart = span('cart', undefined, 5500, {
    toolName: 'add_to_cart',
    inputStartedAt: 250,
    inputAvailableAt: 300,
    approvalRequestedAt: 300,
    approvalResolvedAt: 5300,
    approval: 'approved',
    startedAt: 5301,
  });
  return run(
    [step('step-1', 0, 100, 310), step('step-2', 5502, 5600, 6000)],
    [lookup, { ...cart, stepId: 'step-1' }],
    { endedAt: 6000 },
  );
}

describe('the call vocabulary', () => {
  it('has words, a glyph and a colour token for every status and every phase', () => {
    for (const [name, info] of Object.entries(callStatuses)) {
      expect(info.label, name).not.toBe('');
      expect(info.icon, name).not.toBe('');
      expect(info.token, name).toMatch(/^[a-z-]+$/);
    }
    for (const info of Object.values(callPhases)) expect(info.meaning).not.toBe('');
  });

  it('reads the approval wait as its own phase, between the input and the run', () => {
    const cart = approvalRun().spans.cart;
    if (!cart) throw new Error('fixture');
    expect(phasesOf(cart).map((phase) => phase.phase)).toEqual([
      'input-streaming',
      'awaiting-approval',
      'running',
    ]);
    expect(phaseAt(cart, 2000)).toBe('awaiting-approval');
    expect(phaseAt(cart, 5400)).toBe('running');
    expect(
      statusOfSpan({ ...cart, status: undefined, state: 'awaiting-approval' }, 'running'),
    ).toBe('awaiting-approval');
  });

  it('never counts a person’s approval as dispatch latency', () => {
    const cart = approvalRun().spans.cart;
    if (!cart) throw new Error('fixture');
    expect(dispatchLatencyOf(cart)).toBe(1);
  });
});

describe('figures with a 5 s approval', () => {
  it('keep the wait out of wall, dispatch and speed-up, and put it on the critical path', () => {
    const metrics = runMetrics(approvalRun());
    // Running: lookup 1000 ms and cart 199 ms, never at once.
    expect(metrics.sumMs).toBe(1199);
    expect(metrics.wallMs).toBe(1199);
    expect(metrics.speedup).toBeGreaterThanOrEqual(1);
    expect(metrics.savedMs).toBeGreaterThanOrEqual(0);
    expect(metrics.dispatchLatency.max).toBe(1);
    expect(metrics.approvalWait.total).toBe(5000);
    const path = metrics.criticalPath;
    expect(path.segments.map((segment) => segment.kind)).toEqual([
      'model',
      'approval',
      'gap',
      'tool',
      'gap',
      'model',
    ]);
    expect(path.humanMs).toBe(5000);
    // The links add up to the whole turn.
    const covered = path.segments.reduce(
      (total, segment) => total + segment.end - segment.start,
      0,
    );
    expect(covered).toBeCloseTo(path.totalMs, 5);
    expect(path.modelMs + path.toolMs + path.humanMs + path.overheadMs).toBeCloseTo(
      path.totalMs,
      5,
    );
  });

  it('export the wait as approval, not dispatch, over OTLP', () => {
    const otlp = toOtlp([approvalRun()], { serviceName: 'fanout-web' });
    const spans = otlp.resourceSpans.flatMap((resource) =>
      resource.scopeSpans.flatMap((scope) => scope.spans),
    );
    const cart = spans.find((each) => each.name === 'execute_tool add_to_cart');
    const attribute = (key: string) => {
      const value = cart?.attributes?.find((each) => each.key === key)?.value;
      return value && 'doubleValue' in value
        ? value.doubleValue
        : value && 'intValue' in value
          ? Number(value.intValue)
          : undefined;
    };
    expect(attribute('fanout.approval.ms')).toBe(5000);
    expect(attribute('fanout.dispatch.ms')).toBe(1);
  });

  it('replay the wait as awaiting approval', () => {
    const slice = runAt(approvalRun(), 2000);
    expect(slice.spans.cart?.state).toBe('awaiting-approval');
  });
});

describe('headlines', () => {
  it('say that no call succeeded instead of claiming a speed-up', () => {
    const timedOut = (id: string) =>
      span(id, 100, 4100, { status: 'timeout', errorText: 'timed out after 4000 ms' });
    const failed = run(
      [step('step-1', 0, 50, 90), step('step-2', 4110, 4200, 4500)],
      [timedOut('a'), timedOut('b'), timedOut('c')],
      { endedAt: 4500 },
    );
    const text = headline(failed, runMetrics(failed));
    expect(text).not.toMatch(/faster|saved/);
    expect(text).toContain('No call succeeded');
    expect(text).toContain('3 timed out');
  });

  it('say a stopped run was stopped, with what happened to each call', () => {
    const stopped = run(
      [step('step-1', 0, 50, 90)],
      [span('a', 100, 300), span('b', 100, 300, { status: 'cancelled' })],
      { status: 'stopped', endedAt: 300 },
    );
    const text = headline(stopped, runMetrics(stopped));
    expect(text).toMatch(/^Stopped/);
    expect(text).toContain('1 cancelled');
    expect(text).not.toMatch(/faster/);
  });
});

describe('a server tool', () => {
  it('is drawn from the proxy’s own readings, then the way to the page', () => {
    // The page saw the input at 400 ms and the output at 1500 ms; the proxy ran it 420 → 1380.
    const server = span('fx', 400, 1500, {
      toolName: 'convert_currency',
      runsOn: 'server',
      serverRan: { startedAt: 420, settledAt: 1380 },
    });
    expect(phasesOf(server)).toEqual([
      { phase: 'input-streaming', start: 400, end: 400 },
      { phase: 'running', start: 420, end: 1380 },
      { phase: 'delivery', start: 1380, end: 1500 },
    ]);
    const metrics = runMetrics(
      run([step('step-1', 0, 100, 390), step('step-2', 1502, 1600, 1900)], [server], {
        endedAt: 1900,
      }),
    );
    expect(metrics.sumMs).toBe(960);
    // On the critical path: the proxy's run, then the result's way to the page, as its own link.
    const links = metrics.criticalPath.segments.map((segment) =>
      segment.kind === 'gap' ? segment.gap : segment.kind,
    );
    expect(links).toEqual(['model', 'dispatch', 'tool', 'delivery', 'page-to-request', 'model']);
  });

  it('takes the proxy’s epoch readings onto the run’s timeline', () => {
    const started = run(
      [step('step-1', 0, 100, 390)],
      [span('fx', 400, undefined, { runsOn: 'server', state: 'remote' })],
    );
    const timed = applyTraceEvent(started, {
      type: 'server-call-timed',
      runId: started.id,
      callId: 'fx',
      startedAtEpochMs: started.startedAtEpochMs + 420.5,
      settledAtEpochMs: started.startedAtEpochMs + 1380.25,
    });
    expect(timed.spans.fx?.serverRan).toEqual({ startedAt: 420.5, settledAt: 1380.25 });
  });

  it('shows queued, then running, live as the proxy says so, on the run’s timeline', () => {
    const started = run(
      [step('step-1', 0, 100, 390)],
      [span('q', 400, undefined, { runsOn: 'server', state: 'remote', startedAt: 400 })],
    );
    const epoch = started.startedAtEpochMs;
    const queued = applyTraceEvent(started, {
      type: 'server-call-state',
      runId: started.id,
      callId: 'q',
      state: 'queued',
      atEpochMs: epoch + 402.5,
    });
    const waiting = queued.spans.q;
    if (!waiting) throw new Error('no span');
    expect(statusOfSpan(waiting, 'running')).toBe('queued');
    expect(phasesOf(waiting).at(-1)).toEqual({ phase: 'queued', start: 402.5 });
    expect(runningSpan(waiting).start).toBeUndefined();
    const running = applyTraceEvent(queued, {
      type: 'server-call-state',
      runId: started.id,
      callId: 'q',
      state: 'running',
      atEpochMs: epoch + 900,
    }).spans.q;
    if (!running) throw new Error('no span');
    expect(statusOfSpan(running, 'running')).toBe('running');
    expect(phasesOf(running).slice(-2)).toEqual([
      { phase: 'queued', start: 402.5, end: 900 },
      { phase: 'running', start: 900 },
    ]);
  });

  it('shows sharing live when the proxy says it shares an identical call’s result', () => {
    const started = run(
      [step('step-1', 0, 100, 390)],
      [span('dup', 400, undefined, { runsOn: 'server', state: 'remote', startedAt: 400 })],
    );
    const sharing = applyTraceEvent(started, {
      type: 'server-call-state',
      runId: started.id,
      callId: 'dup',
      state: 'sharing',
      atEpochMs: started.startedAtEpochMs + 401,
    }).spans.dup;
    if (!sharing) throw new Error('no span');
    expect(statusOfSpan(sharing, 'running')).toBe('sharing');
    expect(phasesOf(sharing).at(-1)).toEqual({ phase: 'sharing', start: 400 });
    expect(runningSpan(sharing).start).toBeUndefined();
  });

  it('waits for its MCP server’s slot as a queued phase, timed on the proxy too', () => {
    const server = span('mcp', 400, 1500, {
      toolName: 'everything_get-sum',
      runsOn: 'server',
      serverRan: { queuedAt: 410, startedAt: 700, settledAt: 1380 },
    });
    expect(phasesOf(server).map((interval) => interval.phase)).toEqual([
      'input-streaming',
      'queued',
      'running',
      'delivery',
    ]);
    expect(phasesOf(server)[1]).toEqual({ phase: 'queued', start: 410, end: 700 });
  });

  it('keeps the MCP server’s latest progress while it runs, and ignores it once settled', () => {
    const started = run(
      [step('step-1', 0, 100, 390)],
      [span('fx', 400, undefined, { runsOn: 'server', state: 'remote' })],
    );
    const progressed = applyTraceEvent(started, {
      type: 'server-call-progress',
      runId: started.id,
      callId: 'fx',
      progress: 2,
      total: 5,
    });
    expect(progressed.spans.fx?.progress).toEqual({ progress: 2, total: 5 });
    const queued = applyTraceEvent(progressed, {
      type: 'server-call-timed',
      runId: started.id,
      callId: 'fx',
      queuedAtEpochMs: started.startedAtEpochMs + 401,
      startedAtEpochMs: started.startedAtEpochMs + 420.5,
      settledAtEpochMs: started.startedAtEpochMs + 1380.25,
    });
    expect(queued.spans.fx?.serverRan).toEqual({
      queuedAt: 401,
      startedAt: 420.5,
      settledAt: 1380.25,
    });
  });
});
