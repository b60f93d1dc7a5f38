import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run, span, step, threeCityRun } from '../timeline/trace-fixtures';
import { parallelOpportunity } from './metrics';

describe('parallelOpportunity', () => {
  it('is Σ − the longest when one step ran its independent calls one at a time', () => {
    const opportunity = parallelOpportunity(threeCityRun('sequential'));
    // Paris 1002, Tokyo 1001.8, New York 1105.9 ms, one after another.
    expect(opportunity.savedMs).toBeCloseTo(1002 + 1001.8 + 1105.9 - 1105.9, 3);
    expect(opportunity.callIds).toEqual(['Paris', 'Tokyo', 'New York']);
  });

  it('is nothing when the calls already ran together', () => {
    expect(parallelOpportunity(threeCityRun('parallel'))).toEqual({ savedMs: 0, callIds: [] });
  });

  const product = { sku: 'VEGA-AIR-2291', name: 'Vega Air', priceUsd: 899 };

  it('is nothing for a fan-out followed by a call that used one of its outputs', () => {
    const trace = run(
      [step('step-1', 0, 100, 200), step('step-2', 1300, 1400, 1500)],
      [
        span('a', 200, 1000, { toolName: 'lookup_product', output: { sku: 'AURORA-X1-0042' } }),
        span('b', 200, 1200, { toolName: 'lookup_product', output: product }),
        span('c', 200, 900, { toolName: 'lookup_product', output: { sku: 'NIMBUS-7781' } }),
        span('d', 1500, 2300, {
          toolName: 'check_inventory',
          stepId: 'step-2',
          input: { sku: 'VEGA-AIR-2291' },
        }),
      ],
    );
    expect(parallelOpportunity(trace)).toEqual({ savedMs: 0, callIds: [] });
  });

  it('counts only the calls that could have shared a step with each other', () => {
    // a (step 1) → b uses a's SKU (step 2); c, independent, waited for step 3.
    const trace = run(
      [step('step-1', 0, 50, 100), step('step-2', 700, 750, 800), step('step-3', 1500, 1550, 1600)],
      [
        span('a', 100, 600, { toolName: 'lookup_product', output: product }),
        span('b', 800, 1400, {
          toolName: 'check_inventory',
          stepId: 'step-2',
          input: { sku: 'VEGA-AIR-2291' },
        }),
        span('c', 1600, 1900, { toolName: 'get_weather', stepId: 'step-3' }),
      ],
    );
    const opportunity = parallelOpportunity(trace);
    // c could have run beside a: the saving is the shorter of the two (300 ms).
    expect(opportunity.savedMs).toBeCloseTo(300, 6);
    expect(opportunity.callIds).toEqual(['a', 'c']);
  });

  it('ignores calls that never ran', () => {
    const trace = run(
      [step('step-1', 0, 50, 100)],
      [span('a', 100, 600), span('b', undefined, undefined, { state: 'queued' })],
    );
    expect(parallelOpportunity(trace).savedMs).toBe(0);
  });

  it('flags exactly the calls that ran one after another with another (any intervals)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 20 })), {
          minLength: 2,
          maxLength: 12,
        }),
        (pairs) => {
          const spans = pairs.map(([start, length], index) =>
            span(`c${index}`, start, start + length),
          );
          const trace = run([step('step-1', 0, 0, 0)], spans);
          const expected = spans
            .filter((one) =>
              spans.some(
                (other) =>
                  other !== one &&
                  ((other.settledAt ?? 0) <= (one.startedAt ?? 0) ||
                    (other.startedAt ?? 0) >= (one.settledAt ?? 0)),
              ),
            )
            .map((one) => one.callId);
          expect(parallelOpportunity(trace).callIds).toEqual(expected);
        },
      ),
    );
  });
});
