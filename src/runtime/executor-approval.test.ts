import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeTool, setup, statuses } from './executor-test-kit';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function parallelStep() {
  const cart = fakeTool('add_to_cart', { latencyMs: 200, requiresApproval: true });
  const balance = fakeTool('get_balance', { latencyMs: 500 });
  const harness = setup([cart, balance]);
  const turn = harness.executor.startTurn('t1');
  turn.inputAvailable({ stepId: 's1', callId: 'cart', toolName: 'add_to_cart', input: { q: 'a' } });
  turn.inputAvailable({ stepId: 's1', callId: 'bal', toolName: 'get_balance', input: { q: 'b' } });
  turn.closeStep('s1');
  return { ...harness, turn, cart, balance };
}

describe('approval', () => {
  it('holds a call that needs approval while its siblings run, and holds the step too', async () => {
    const { turn, cart, balance, recorder, steps, delivered } = parallelStep();
    expect(cart.runs).toHaveLength(0);
    expect(balance.runs).toHaveLength(1);
    expect(turn.snapshot().map((call) => call.phase)).toEqual(['awaiting-approval', 'running']);
    expect(recorder.lifecycle('cart')).toEqual(['input-available', 'approval-requested']);

    await vi.advanceTimersByTimeAsync(10_000);
    // No deadline runs while waiting for a person, and the step cannot settle without it.
    expect(statuses(delivered)).toEqual({ bal: 'ok' });
    expect(steps).toHaveLength(0);
    expect(turn.snapshot()[0]?.phase).toBe('awaiting-approval');
  });

  it('approve: the call queues and runs, and waiting for approval is its own phase', async () => {
    const { turn, cart, recorder, steps, delivered } = parallelStep();
    await vi.advanceTimersByTimeAsync(1500);
    expect(turn.approve('cart')).toBe(true);
    expect(cart.runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(recorder.lifecycle('cart')).toEqual([
      'input-available',
      'approval-requested',
      'approval-resolved',
      'started',
      'settled',
    ]);
    const settlement = delivered.find((item) => item.callId === 'cart');
    expect(settlement?.status).toBe('ok');
    expect(settlement?.timing).toMatchObject({
      approvalRequestedAt: 0,
      approvalResolvedAt: 1500,
      startedAt: 1500,
      settledAt: 1700,
    });
    expect(steps).toHaveLength(1);
    expect(steps[0]?.needsFollowUp).toBe(true);
    // A decision is made once.
    expect(turn.approve('cart')).toBe(false);
    expect(turn.deny('cart')).toBe(false);
  });

  it('deny: the call never runs, settles denied and is delivered as output-denied', async () => {
    const { turn, cart, recorder, steps, delivered } = parallelStep();
    await vi.advanceTimersByTimeAsync(800);
    expect(turn.deny('cart', 'not today')).toBe(true);
    expect(cart.runs).toHaveLength(0);
    expect(recorder.find('approval-resolved', 'cart')).toMatchObject({ approved: false, at: 800 });
    const settlement = delivered.find((item) => item.callId === 'cart');
    expect(settlement).toMatchObject({
      status: 'denied',
      outputState: 'output-denied',
      errorText: 'not today',
      delivered: true,
    });
    expect(statuses(delivered)).toEqual({ bal: 'ok', cart: 'denied' });
    expect(steps).toHaveLength(1);
  });

  it('Stop cancels a waiting approval, and a late decision changes nothing', () => {
    const { turn, cart, delivered } = parallelStep();
    turn.stop();
    expect(turn.snapshot().map((call) => call.settlement?.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    expect(turn.approve('cart')).toBe(false);
    expect(cart.runs).toHaveLength(0);
    expect(delivered).toHaveLength(0);
  });

  it('never deduplicates calls that change state: two identical adds wait and run twice', async () => {
    const cart = fakeTool('add_to_cart', { latencyMs: 100, requiresApproval: true });
    const { executor, delivered } = setup([cart]);
    const turn = executor.startTurn('t1');
    for (const callId of ['a', 'b'])
      turn.inputAvailable({ stepId: 's1', callId, toolName: 'add_to_cart', input: { q: 'x' } });
    expect(turn.snapshot().map((call) => call.phase)).toEqual([
      'awaiting-approval',
      'awaiting-approval',
    ]);
    turn.approve('a');
    turn.approve('b');
    await vi.advanceTimersByTimeAsync(100);
    expect(cart.runs).toHaveLength(2);
    expect(statuses(delivered)).toEqual({ a: 'ok', b: 'ok' });
  });

  it('an input that fails the schema is rejected without asking for approval', () => {
    const cart = fakeTool('add_to_cart', { requiresApproval: true });
    const { executor, delivered, recorder } = setup([cart]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'a', toolName: 'add_to_cart', input: { q: 1 } });
    expect(statuses(delivered)).toEqual({ a: 'invalid-input' });
    expect(recorder.ofType('approval-requested')).toHaveLength(0);
  });
});

describe('approval of a tool the proxy runs (an MCP tool not declared read-only)', () => {
  function serverStep() {
    const write = fakeTool('fs_write_file', {
      runsOn: 'server',
      noHandler: true,
      requiresApproval: true,
    });
    const read = fakeTool('fs_read_file', { runsOn: 'server', noHandler: true });
    const harness = setup([write, read]);
    const turn = harness.executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'w', toolName: 'fs_write_file', input: {} });
    turn.inputAvailable({ stepId: 's1', callId: 'r', toolName: 'fs_read_file', input: {} });
    turn.closeStep('s1');
    return { ...harness, turn };
  }

  it('waits for the person and holds the step; its read-only sibling runs on the proxy at once', async () => {
    const { turn, recorder, steps } = serverStep();
    expect(turn.snapshot().map((call) => call.phase)).toEqual(['awaiting-approval', 'remote']);
    expect(recorder.lifecycle('w')).toEqual(['input-available', 'approval-requested']);
    turn.serverSettled({ stepId: 's1', callId: 'r', toolName: 'fs_read_file', output: 'hi' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(steps).toHaveLength(0);
  });

  it('approve: the call goes to the proxy (never run here) and the step owes a follow-up to take it there', async () => {
    const { turn, recorder, steps } = serverStep();
    await vi.advanceTimersByTimeAsync(700);
    expect(turn.approve('w')).toBe(true);
    expect(turn.snapshot()[0]?.phase).toBe('remote');
    await vi.advanceTimersByTimeAsync(0);
    expect(steps).toHaveLength(1);
    expect(steps[0]?.needsFollowUp).toBe(true);
    expect(recorder.find('approval-resolved', 'w')).toMatchObject({ approved: true, at: 700 });
    // The next response carries the proxy's result.
    turn.serverSettled({ stepId: 's1', callId: 'w', toolName: 'fs_write_file', output: 'ok' });
    expect(turn.snapshot()[0]?.settlement?.status).toBe('ok');
  });

  it('deny: it settles denied and is delivered, so the proxy hears the denial', async () => {
    const { turn, delivered, steps } = serverStep();
    expect(turn.deny('w', 'not this file')).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered.find((item) => item.callId === 'w')).toMatchObject({
      status: 'denied',
      outputState: 'output-denied',
    });
    expect(steps[0]?.needsFollowUp).toBe(true);
  });
});
