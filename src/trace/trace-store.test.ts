import { describe, expect, it } from 'vitest';
import type { ExecutorEvent } from '../runtime';
import type { TraceEvent } from './trace-events';
import {
  BURST_CALLS,
  BURST_MAX_MS,
  BURST_QUIET_MS,
  BURST_START_WINDOW_MS,
  createTraceSink,
  traceBurstHeld,
} from './trace-store';

function settled(callId: string): TraceEvent {
  return {
    type: 'executor',
    event: {
      type: 'settled',
      turnId: 'turn',
      stepId: 'step',
      callId,
      toolName: 'calculate',
      at: 0,
      status: 'ok',
    } as ExecutorEvent,
  };
}

function started(callId: string, at: number): TraceEvent {
  return {
    type: 'executor',
    event: {
      type: 'started',
      turnId: 'turn',
      stepId: 'step',
      callId,
      toolName: 'calculate',
      at,
      deadlineMs: 30_000,
    },
  };
}

/** A sink on a hand-driven clock and frame loop. */
function sinkOnFrames() {
  const applied: TraceEvent[][] = [];
  let pending: (() => void) | undefined;
  let clock = 0;
  const sink = createTraceSink(
    (events) => applied.push(events),
    (callback) => {
      pending = callback;
    },
    () => clock,
  );
  const frame = (at: number) => {
    clock = at;
    const callback = pending;
    pending = undefined;
    callback?.();
  };
  return { sink, applied, frame, scheduled: () => pending !== undefined };
}

const calls = (count: number, prefix = 'call') =>
  Array.from({ length: count }, (_, index) => settled(`${prefix}-${index}`));

describe('createTraceSink', () => {
  it('applies a frame’s few calls on the next frame, in one batch', () => {
    const { sink, applied, frame } = sinkOnFrames();
    for (const event of calls(BURST_CALLS)) sink.push(event);
    expect(applied).toHaveLength(0);
    frame(16);
    expect(applied).toHaveLength(1);
    expect(applied[0]).toHaveLength(BURST_CALLS);
  });

  it('holds a burst until it has passed, then applies it in one go, in order', () => {
    const { sink, applied, frame } = sinkOnFrames();
    const first = calls(BURST_CALLS + 1, 'first');
    for (const event of first) sink.push(event);
    frame(16);
    expect(applied).toHaveLength(0);
    expect(traceBurstHeld()).toBe(true);
    // The burst goes on in the next frame, then a straggler arrives after it.
    const second = calls(BURST_CALLS + 1, 'second');
    for (const event of second) sink.push(event);
    frame(32);
    const straggler = settled('straggler');
    sink.push(straggler);
    frame(48);
    expect(applied).toHaveLength(0);
    frame(32 + BURST_QUIET_MS);
    expect(applied).toEqual([[...first, ...second, straggler]]);
    expect(traceBurstHeld()).toBe(false);
  });

  it('never holds a burst longer than BURST_MAX_MS', () => {
    const { sink, applied, frame } = sinkOnFrames();
    let at = 0;
    while (applied.length === 0) {
      for (const event of calls(BURST_CALLS + 1, `at-${at}`)) sink.push(event);
      at += 16;
      frame(at);
      // Held from the first frame (at 16) to the first frame BURST_MAX_MS later.
      expect(at).toBeLessThanOrEqual(16 + BURST_MAX_MS + 16);
    }
    expect(traceBurstHeld()).toBe(false);
  });

  it('applies whatever it holds at once on flush (before a snapshot or an export)', () => {
    const { sink, applied, frame, scheduled } = sinkOnFrames();
    for (const event of calls(BURST_CALLS + 1)) sink.push(event);
    frame(16);
    expect(scheduled()).toBe(true);
    sink.flush();
    expect(applied).toHaveLength(1);
    expect(traceBurstHeld()).toBe(false);
    frame(32);
    expect(applied).toHaveLength(1);
  });

  it('holds the first settle of many calls started together: the rest are about to follow', () => {
    const { sink, applied, frame } = sinkOnFrames();
    const count = BURST_CALLS + 2;
    // Started over two frames (a few a frame: drawn as they come), a ms apart.
    for (let index = 0; index < count; index++) {
      sink.push(started(`together-${index}`, index));
      if (index === BURST_CALLS / 2) frame(16);
    }
    frame(32);
    expect(applied).toHaveLength(2);
    sink.push(settled('together-0'));
    frame(1016);
    expect(applied).toHaveLength(2);
    for (let index = 1; index < count; index++) sink.push(settled(`together-${index}`));
    frame(1032);
    frame(1032 + BURST_QUIET_MS);
    expect(applied).toHaveLength(3);
    expect(applied[2]).toHaveLength(count);
  });

  it('draws by the next frame a settle among open calls that started apart', () => {
    const { sink, applied, frame } = sinkOnFrames();
    const count = BURST_CALLS + 2;
    for (let index = 0; index < count; index++) {
      sink.push(started(`apart-${index}`, index * (BURST_START_WINDOW_MS + 1)));
      frame(16 * (index + 1));
    }
    const before = applied.length;
    sink.push(settled('apart-5'));
    frame(2000);
    expect(applied).toHaveLength(before + 1);
  });
});
