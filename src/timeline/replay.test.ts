import { describe, expect, it } from 'vitest';
import { finishedRun } from '../trace/export-test-runs';
import { runMetrics } from '../trace/metrics';
import { layoutWaterfall, type ToolRow } from './geometry';
import { advance, replayDuration, replayEventTimes, runAt, spanAt, stepEvent } from './replay';
import { run, span, step, threeCityRun } from './trace-fixtures';

describe('runAt', () => {
  const original = threeCityRun('sequential');

  it('lasts until the run ended', () => {
    expect(replayDuration(original)).toBe(3900);
  });

  it('at 0 shows only the first request, running', () => {
    const slice = runAt(original, 0);
    expect(slice.status).toBe('running');
    expect(slice.endedAt).toBeUndefined();
    expect(slice.steps).toHaveLength(1);
    expect(slice.steps[0]?.firstContentAt).toBeUndefined();
    expect(slice.spanOrder).toEqual([]);
  });

  it('shows a call once its input starts streaming, without its input until complete', () => {
    const slice = runAt(original, 280);
    expect(slice.spanOrder).toEqual(['Paris']);
    expect(slice.steps[0]?.callIds).toEqual(['Paris']);
    const paris = slice.spans.Paris;
    expect(paris?.state).toBe('input-streaming');
    expect(paris?.input).toBeUndefined();
    expect(paris?.status).toBeUndefined();
  });

  it('leaves a call running, with no end, status or output, until it settles', () => {
    const slice = runAt(original, 1000);
    const paris = slice.spans.Paris;
    expect(paris).toMatchObject({ state: 'running', startedAt: 300, input: { city: 'Paris' } });
    expect(paris?.settledAt).toBeUndefined();
    expect(paris?.status).toBeUndefined();
    expect(paris?.output).toBeUndefined();
    // Tokyo has its input and waits in the sequential queue.
    expect(slice.spans.Tokyo).toMatchObject({ state: 'queued', queuedAt: 340 });
    expect(slice.spans.Tokyo?.startedAt).toBeUndefined();
    // The step's finish is known (400 ms), its outputs are not all back yet.
    expect(slice.steps[0]?.finishedAt).toBe(400);
    expect(slice.steps[0]?.outputsReturnedAt).toBeUndefined();
  });

  it('settles a call exactly at its settle time (same object as recorded)', () => {
    const slice = runAt(original, 1302);
    expect(slice.spans.Paris).toBe(original.spans.Paris);
    expect(slice.spans.Tokyo?.state).toBe('queued');
  });

  it('draws bars growing up to t and the summary built from what happened so far', () => {
    const t = 2000;
    const layout = layoutWaterfall(runAt(original, t), { now: t });
    expect(layout.live).toBe(true);
    const tokyo = layout.rows.find(
      (row): row is ToolRow => row.kind === 'tool' && row.callId === 'Tokyo',
    );
    expect(tokyo?.status).toBe('running');
    expect(tokyo?.open).toBe(true);
    expect(tokyo?.barEndMs).toBe(t);
    const metrics = runMetrics(runAt(original, t), t);
    expect(metrics.ranCount).toBe(2);
    // Paris from 300 ms to its settle, then Tokyo (started 0.2 ms later) up to t: the time a
    // call was running, without the instant between them.
    const paris = original.spans.Paris;
    const tokyoStart = original.spans.Tokyo?.startedAt ?? 0;
    const gap = Math.max(0, tokyoStart - (paris?.settledAt ?? tokyoStart));
    expect(metrics.wallMs).toBeCloseTo(2000 - 300 - gap, 5);
  });

  it('gives token usage only once the step has finished', () => {
    const parallel = threeCityRun('parallel');
    expect(runAt(parallel, 300).steps[0]?.usage).toBeUndefined();
    expect(runAt(parallel, 400).steps[0]?.usage?.outputTokens).toBe(40);
  });

  it('returns the recorded run itself at and after its end', () => {
    expect(runAt(original, 3900)).toBe(original);
    expect(runAt(original, 99_999)).toBe(original);
  });

  it('replays an interrupted run: open calls keep running until the end, then interrupted', () => {
    const cut = run(
      [step('step-1', 0, 100, 200)],
      [span('a', 250, 600), span('b', 260, undefined)],
      { status: 'interrupted', endedAt: 900 },
    );
    expect(runAt(cut, 800).spans.b?.state).toBe('running');
    const end = layoutWaterfall(runAt(cut, 900));
    expect(end.rows.find((row) => row.key === 'b')).toMatchObject({ status: 'interrupted' });
  });

  it('keeps server calls remote and shared calls sharing while open', () => {
    expect(spanAt(span('s', 10, 500, { runsOn: 'server' }), 100).state).toBe('remote');
    const twin = span('d', undefined, 500, {
      inputStartedAt: 5,
      inputAvailableAt: 20,
      sharedWith: 'a',
      status: 'deduplicated',
    });
    expect(spanAt(twin, 100)).toMatchObject({ state: 'sharing', sharedWith: 'a' });
  });

  it('reveals proxy readings and errors only when reached', () => {
    const full = finishedRun();
    const early = runAt(full, 100);
    expect(early.steps[0]?.proxy).toMatchObject({ receivedAt: full.steps[0]?.proxy?.receivedAt });
    expect(early.steps[0]?.proxy?.firstChunkAt).toBeUndefined();
    for (const span of Object.values(runAt(full, 500).spans)) {
      if (span.settledAt === undefined || span.settledAt > 500) {
        expect(span.errorText).toBeUndefined();
      }
    }
  });
});

describe('advance', () => {
  it('moves at the chosen speed and stops at the end', () => {
    expect(advance(0, 100, 1, 1000)).toBe(100);
    expect(advance(100, 100, 4, 1000)).toBe(500);
    expect(advance(900, 100, 2, 1000)).toBe(1000);
    expect(advance(0, -5, 1, 1000)).toBe(0);
  });
});

describe('stepping from event to event', () => {
  const original = threeCityRun('sequential');
  const times = replayEventTimes(original);

  it('lists every change once, in order, from 0 to the end', () => {
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(replayDuration(original));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    for (const span of Object.values(original.spans)) {
      expect(times).toContain(span.startedAt);
      expect(times).toContain(span.settledAt);
    }
  });

  it('steps to the next or previous event and stays put at either end', () => {
    const second = times[1] ?? 0;
    expect(stepEvent(times, 0, 1)).toBe(second);
    expect(stepEvent(times, second, -1)).toBe(0);
    expect(stepEvent(times, second / 2, -1)).toBe(0);
    expect(stepEvent(times, 0, -1)).toBe(0);
    const end = replayDuration(original);
    expect(stepEvent(times, end, 1)).toBe(end);
  });
});
