import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fakeTool, setup } from './executor-test-kit';
import type { TruncatedOutput } from './output-cap';
import { utf8ByteLength } from './output-cap';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

// One test per row of DESIGN §4, plus the settlement rules around them.
describe('error semantics', () => {
  it('handler throws: output-error with the message, status error, siblings unaffected', async () => {
    const bad = fakeTool('bad', { latencyMs: 100, failWith: 'inventory service is down' });
    const good = fakeTool('good', { latencyMs: 300 });
    const { executor, delivered, steps } = setup([bad, good]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'b', toolName: 'bad', input: { q: 'x' } });
    turn.inputAvailable({ stepId: 's1', callId: 'g', toolName: 'good', input: { q: 'x' } });
    turn.closeStep('s1');
    await vi.advanceTimersByTimeAsync(300);
    expect(delivered.map((s) => [s.callId, s.status, s.outputState, s.errorText])).toEqual([
      ['b', 'error', 'output-error', 'inventory service is down'],
      ['g', 'ok', 'output-available', undefined],
    ]);
    expect(steps).toHaveLength(1);
  });

  it('handler throws synchronously: settles error without breaking the dispatch loop', () => {
    const thrower = fakeTool('thrower');
    thrower.run = () => {
      throw new Error('sync failure');
    };
    const good = fakeTool('good');
    const { executor, delivered, recorder } = setup([thrower, good], { policy: 'batch' });
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'x', toolName: 'thrower', input: { q: '1' } });
    turn.inputAvailable({ stepId: 's1', callId: 'g', toolName: 'good', input: { q: '1' } });
    turn.closeStep('s1');
    expect(delivered.map((s) => [s.callId, s.errorText])).toEqual([['x', 'sync failure']]);
    expect(good.runs).toHaveLength(1);
    expect(recorder.lifecycle('x')).toEqual(['input-available', 'queued', 'started', 'settled']);
  });

  it('input fails the schema: invalid-input with a readable message, handler not run', () => {
    const weather = fakeTool('get_weather', { input: z.object({ city: z.string().min(1) }) });
    const { executor, delivered, recorder } = setup([weather]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({
      stepId: 's1',
      callId: 'c1',
      toolName: 'get_weather',
      input: { town: 'Paris' },
    });
    expect(weather.runs).toHaveLength(0);
    expect(recorder.lifecycle('c1')).toEqual(['input-available', 'settled']);
    expect(delivered[0]).toMatchObject({ status: 'invalid-input', outputState: 'output-error' });
    expect(delivered[0]?.errorText).toMatch(
      /^Invalid input for get_weather: city: .*expected string/,
    );
  });

  it('unknown tool: output-error "unknown tool NAME", status error', () => {
    const { executor, delivered } = setup([]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({ stepId: 's1', callId: 'c1', toolName: 'launch_rockets', input: {} });
    expect(delivered).toEqual([
      expect.objectContaining({
        status: 'error',
        errorText: 'unknown tool launch_rockets',
        runsOn: 'unknown',
      }),
    ]);
  });

  it('input the SDK rejected: recorded, not run, not delivered, and counted for the step', async () => {
    const weather = fakeTool('get_weather', { latencyMs: 100 });
    const { executor, delivered, steps, recorder } = setup([weather]);
    const turn = executor.startTurn('t1');
    turn.inputStarted({ stepId: 's1', callId: 'bad', toolName: 'get_weather' });
    turn.inputRejected({
      stepId: 's1',
      callId: 'bad',
      toolName: 'get_weather',
      input: { q: 3 },
      errorText: 'Invalid input for tool get_weather',
    });
    turn.inputAvailable({
      stepId: 's1',
      callId: 'ok',
      toolName: 'get_weather',
      input: { q: 'Oslo' },
    });
    turn.closeStep('s1');
    expect(weather.runs).toHaveLength(1);
    expect(recorder.find('settled', 'bad')).toMatchObject({ status: 'invalid-input', at: 0 });
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered.map((s) => s.callId)).toEqual(['ok']);
    expect(steps[0]?.settlements.map((s) => [s.callId, s.status, s.delivered])).toEqual([
      ['bad', 'invalid-input', false],
      ['ok', 'ok', true],
    ]);
  });

  it('a step whose only call the SDK rejected settles without owing a follow-up', () => {
    const { executor, steps } = setup([fakeTool('get_weather')]);
    const turn = executor.startTurn('t1');
    turn.inputRejected({
      stepId: 's1',
      callId: 'c',
      toolName: 'get_weather',
      input: 1,
      errorText: 'bad',
    });
    turn.closeStep('s1');
    expect(steps).toEqual([expect.objectContaining({ stepId: 's1', needsFollowUp: false })]);
  });

  it('an output that JSON cannot carry settles as an error instead of crashing delivery', async () => {
    const weird = fakeTool('weird', { latencyMs: 10, result: () => ({ big: 10n }) });
    const { executor, delivered } = setup([weird]);
    executor
      .startTurn('t1')
      .inputAvailable({ stepId: 's1', callId: 'c', toolName: 'weird', input: { q: 'x' } });
    await vi.advanceTimersByTimeAsync(10);
    expect(delivered[0]?.status).toBe('error');
    expect(delivered[0]?.errorText).toMatch(/not JSON-serialisable/);
  });
});

describe('output cap', () => {
  const bigRows = Array.from({ length: 400 }, (_, i) => ({ id: i, title: `Article ${i} — café` }));

  it('gives the model a truncated form with a marker and the original size; the page keeps it all', async () => {
    const kb = fakeTool('kb', { latencyMs: 10, result: () => ({ hits: bigRows }) });
    const { executor, delivered } = setup([kb], { outputCapBytes: 2048 });
    executor
      .startTurn('t1')
      .inputAvailable({ stepId: 's1', callId: 'c', toolName: 'kb', input: { q: 'x' } });
    await vi.advanceTimersByTimeAsync(10);

    const settlement = delivered[0];
    const fullBytes = utf8ByteLength(JSON.stringify({ hits: bigRows }));
    expect(settlement).toMatchObject({ status: 'ok', truncated: true, outputBytes: fullBytes });
    expect(settlement?.fullOutput).toEqual({ hits: bigRows });
    const model = settlement?.modelOutput as TruncatedOutput;
    expect(model).toMatchObject({ truncated: true, originalBytes: fullBytes, capBytes: 2048 });
    expect(model.notice).toContain(`${fullBytes} bytes`);
    expect(model.preview.startsWith('{"hits":[{"id":0')).toBe(true);
    expect(utf8ByteLength(JSON.stringify(model))).toBeLessThanOrEqual(2048);
    // Nearly all of the budget is used for content, not wasted.
    expect(utf8ByteLength(JSON.stringify(model))).toBeGreaterThan(2000);
  });

  it('passes an output at or under the cap through untouched', async () => {
    const output = { ok: 'é'.repeat(10) };
    const exact = utf8ByteLength(JSON.stringify(output));
    const tool = fakeTool('t', { latencyMs: 10, result: () => output });
    const { executor, delivered } = setup([tool], { outputCapBytes: exact });
    executor
      .startTurn('t1')
      .inputAvailable({ stepId: 's1', callId: 'c', toolName: 't', input: { q: 'x' } });
    await vi.advanceTimersByTimeAsync(10);
    expect(delivered[0]).toMatchObject({ status: 'ok', truncated: false, outputBytes: exact });
    expect(delivered[0]?.modelOutput).toBe(output);
  });

  it('defaults to 16 KB', async () => {
    const tool = fakeTool('t', { latencyMs: 10, result: () => 'x'.repeat(20_000) });
    const { executor, delivered } = setup([tool]);
    executor
      .startTurn('t1')
      .inputAvailable({ stepId: 's1', callId: 'c', toolName: 't', input: { q: 'x' } });
    await vi.advanceTimersByTimeAsync(10);
    expect(delivered[0]?.truncated).toBe(true);
    expect(utf8ByteLength(JSON.stringify(delivered[0]?.modelOutput))).toBeLessThanOrEqual(16_384);
  });
});

describe('server tools', () => {
  it('are recorded but neither run, delivered, nor allowed to hold the step open', async () => {
    const secret = fakeTool('server_lookup', { runsOn: 'server', noHandler: true });
    const weather = fakeTool('get_weather', { latencyMs: 100 });
    const { executor, delivered, steps, recorder } = setup([secret, weather]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({
      stepId: 's1',
      callId: 'srv',
      toolName: 'server_lookup',
      input: { q: 'x' },
    });
    turn.inputAvailable({
      stepId: 's1',
      callId: 'w',
      toolName: 'get_weather',
      input: { q: 'Oslo' },
    });
    turn.closeStep('s1');
    expect(recorder.find('input-available', 'srv')?.runsOn).toBe('server');
    expect(turn.snapshot()[0]?.phase).toBe('remote');
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered.map((s) => s.callId)).toEqual(['w']);
    expect(steps).toHaveLength(1);
  });

  it('take their settlement from the stream when the wiring reports it', () => {
    const secret = fakeTool('server_lookup', { runsOn: 'server', noHandler: true });
    const { executor, delivered, recorder, steps } = setup([secret]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({
      stepId: 's1',
      callId: 'a',
      toolName: 'server_lookup',
      input: { q: 'x' },
    });
    turn.inputAvailable({
      stepId: 's1',
      callId: 'b',
      toolName: 'server_lookup',
      input: { q: 'y' },
    });
    vi.advanceTimersByTime(250);
    turn.serverSettled({ stepId: 's1', callId: 'a', toolName: 'server_lookup', output: { v: 1 } });
    turn.serverSettled({
      stepId: 's1',
      callId: 'b',
      toolName: 'server_lookup',
      errorText: 'no key',
    });
    turn.closeStep('s1');
    expect(delivered).toHaveLength(0);
    expect(recorder.ofType('settled').map((e) => [e.callId, e.status, e.at])).toEqual([
      ['a', 'ok', 250],
      ['b', 'error', 250],
    ]);
    expect(steps[0]).toMatchObject({ needsFollowUp: false });
    expect(steps[0]?.settlements[0]?.fullOutput).toEqual({ v: 1 });
  });

  it('settle as a shared result when the proxy shared another call’s', () => {
    const secret = fakeTool('server_lookup', { runsOn: 'server', noHandler: true });
    const { executor, delivered, recorder } = setup([secret]);
    const turn = executor.startTurn('t1');
    for (const callId of ['a', 'b'])
      turn.inputAvailable({ stepId: 's1', callId, toolName: 'server_lookup', input: { q: 'x' } });
    turn.serverSettled({ stepId: 's1', callId: 'a', toolName: 'server_lookup', output: { v: 1 } });
    turn.serverSettled({
      stepId: 's1',
      callId: 'b',
      toolName: 'server_lookup',
      output: { v: 1 },
      sharedWith: 'a',
    });
    expect(delivered).toHaveLength(0);
    const settled = recorder.ofType('settled');
    expect(settled.map((e) => [e.callId, e.status])).toEqual([
      ['a', 'ok'],
      ['b', 'deduplicated'],
    ]);
    expect(settled[1]?.settlement).toMatchObject({
      sharedWith: 'a',
      sharedStatus: 'ok',
      fullOutput: { v: 1 },
    });
  });

  it('never lets the stream settle a call the page is running', () => {
    const weather = fakeTool('get_weather');
    const { executor, recorder } = setup([weather]);
    const turn = executor.startTurn('t1');
    turn.inputAvailable({
      stepId: 's1',
      callId: 'w',
      toolName: 'get_weather',
      input: { q: 'Oslo' },
    });
    turn.serverSettled({ stepId: 's1', callId: 'w', toolName: 'get_weather', output: 'spoof' });
    expect(recorder.ofType('settled')).toHaveLength(0);
  });
});
