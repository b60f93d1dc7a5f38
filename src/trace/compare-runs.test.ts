import { describe, expect, it } from 'vitest';
import { run, span, step, threeCityRun } from '../timeline/trace-fixtures';
import { compareCalls, compareRuns, contextDifference, diffOutputs } from './compare-runs';
import { runMetrics } from './metrics';

function figure(comparison: ReturnType<typeof compareRuns>, key: string) {
  const found = comparison.figures.find((each) => each.key === key);
  if (!found) throw new Error(`no figure ${key}`);
  return found;
}

describe('compareRuns', () => {
  it('shows what parallel saved over sequential for the same calls', () => {
    const comparison = compareRuns(threeCityRun('parallel'), threeCityRun('sequential'));
    const wall = figure(comparison, 'wallMs');
    expect(wall.a).toBeCloseTo(1110, 5);
    // One at a time, the wall is the calls' running time added up (the gaps between them are not).
    const sequentialSum = runMetrics(threeCityRun('sequential')).sumMs;
    expect(wall.b).toBeCloseTo(sequentialSum, 5);
    expect(wall.delta).toBeCloseTo(sequentialSum - 1110, 5);
    expect(wall.ratio).toBeCloseTo(sequentialSum / 1110, 5);
    expect(figure(comparison, 'durationMs')).toMatchObject({ a: 1900, b: 3900, delta: 2000 });
    expect(figure(comparison, 'maxConcurrency')).toMatchObject({ a: 3, b: 1, delta: -2 });
    expect(figure(comparison, 'calls')).toMatchObject({ a: 3, b: 3, delta: 0 });
    expect(comparison.counts).toEqual({ same: 3, status: 0, output: 0, added: 0, removed: 0 });
    expect(comparison.context).toBeUndefined();
  });

  it('compares tokens and TTFT, leaving unknown sides empty', () => {
    const comparison = compareRuns(threeCityRun('parallel'), threeCityRun('sequential'));
    expect(figure(comparison, 'inputTokens')).toMatchObject({ a: 170 });
    expect(figure(comparison, 'inputTokens').b).toBeUndefined();
    expect(figure(comparison, 'inputTokens').delta).toBeUndefined();
    expect(figure(comparison, 'ttftMs')).toMatchObject({ a: 250, b: 250, delta: 0 });
  });

  it('matches calls by tool and input, whatever the key order, and reports changes', () => {
    const a = run(
      [step('step-1', 0, 10, 20)],
      [
        span('a1', 30, 100, { input: { city: 'Paris' } }),
        span('a2', 30, 100, { input: { city: 'Tokyo' } }),
        span('a3', 30, 100, {
          toolName: 'convert_currency',
          input: { from: 'USD', to: 'EUR', amount: 5 },
        }),
      ],
    );
    const b = run(
      [step('step-1', 0, 10, 20)],
      [
        span('b1', 30, 90, { input: { city: 'Tokyo' }, status: 'timeout' }),
        span('b2', 30, 100, {
          toolName: 'convert_currency',
          input: { amount: 5, to: 'EUR', from: 'USD' },
        }),
        span('b3', 30, 100, { input: { city: 'Atlantis' }, status: 'error' }),
      ],
    );
    const calls = compareCalls(a, b);
    expect(calls.map((call) => [call.toolName, call.change, call.aStatus, call.bStatus])).toEqual([
      ['get_weather', 'removed', 'ok', undefined],
      ['get_weather', 'status', 'ok', 'timeout'],
      ['convert_currency', 'same', 'ok', 'ok'],
      ['get_weather', 'added', undefined, 'error'],
    ]);
    expect(calls[1]).toMatchObject({ aMs: 70, bMs: 60, aStartMs: 30, bStartMs: 30 });
    expect(compareRuns(a, b).counts).toEqual({
      same: 1,
      status: 1,
      output: 0,
      added: 1,
      removed: 1,
    });
  });

  it('matches a call made twice once per occurrence', () => {
    const twice = (id: string) =>
      run(
        [step('step-1', 0, 10, 20)],
        [span(`${id}1`, 30, 40, { input: { city: 'Paris' } })].concat(
          id === 'a' ? [span(`${id}2`, 30, 40, { input: { city: 'Paris' } })] : [],
        ),
      );
    const calls = compareCalls(twice('a'), twice('b'));
    expect(calls.map((call) => call.change)).toEqual(['same', 'removed']);
  });

  it('diffs outputs line by line, and marks a call whose output changed', () => {
    const a = run(
      [step('step-1', 0, 10, 20)],
      [span('a1', 30, 100, { input: { city: 'Paris' }, output: { city: 'Paris', tempC: 18 } })],
    );
    const b = run(
      [step('step-1', 0, 10, 20)],
      [span('b1', 50, 90, { input: { city: 'Paris' }, output: { city: 'Paris', tempC: 21 } })],
    );
    const [call] = compareCalls(a, b);
    expect(call).toMatchObject({ change: 'output', aStartMs: 30, bStartMs: 50 });
    expect(call?.outputDiff).toMatchObject({ added: 1, removed: 1 });
    expect(call?.outputDiff?.lines.filter((line) => line.kind !== 'same')).toEqual([
      { kind: 'removed', text: '  "tempC": 18' },
      { kind: 'added', text: '  "tempC": 21' },
    ]);
    expect(diffOutputs('same', 'same')).toBeUndefined();
    expect(diffOutputs('a\nb', 'a\nc')).toMatchObject({ added: 1, removed: 1 });
  });

  it('warns when the runs had different conversation context', () => {
    const withContext = (tokens: number, prior: number) =>
      run([{ ...step('step-1', 0, 10, 20), usage: { inputTokens: tokens } }], [], {
        priorMessages: prior,
      });
    expect(contextDifference(withContext(251, 0), withContext(873, 4))).toEqual({
      aTokensIn: 251,
      bTokensIn: 873,
      aPriorMessages: 0,
      bPriorMessages: 4,
    });
    expect(contextDifference(withContext(251, 2), withContext(251, 2))).toBeUndefined();
    expect(compareRuns(withContext(251, 0), withContext(251, 2)).context).toMatchObject({
      aPriorMessages: 0,
      bPriorMessages: 2,
    });
  });
});
