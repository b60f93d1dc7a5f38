import { describe, expect, it, vi } from 'vitest';
import { type CatchUpPriority, readAhead } from './read-ahead-stream';

/** Chunks as fast as they are read, then the end or a failure (as a network read would). */
function sourceOf(chunks: string[], failure?: Error) {
  const pending = [...chunks];
  return new ReadableStream<string>({
    pull(controller) {
      const next = pending.shift();
      if (next !== undefined) controller.enqueue(next);
      else if (failure) controller.error(failure);
      else controller.close();
    },
  });
}

async function readAll(
  stream: ReadableStream<string>,
  onEach?: (chunk: string) => void | Promise<void>,
) {
  const seen: string[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return seen;
    seen.push(value);
    await onEach?.(value);
  }
}

const immediately = () => Promise.resolve();

describe('readAhead', () => {
  it('observes every available chunk before the consumer has processed the first', async () => {
    const observed: string[] = [];
    const stream = readAhead(sourceOf(['a', 'b', 'c']), {
      observe: (chunk) => observed.push(chunk),
      end: () => undefined,
      yieldToPage: immediately,
    });
    const observedWhenConsumed: number[] = [];
    // A consumer that takes a while over each chunk (as the chat's message update does).
    const seen = await readAll(stream, async () => {
      observedWhenConsumed.push(observed.length);
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(observed).toEqual(['a', 'b', 'c']);
    expect(observedWhenConsumed[1]).toBe(3);
  });

  it('delivers a source failure after every chunk read before it', async () => {
    const end = vi.fn();
    const stream = readAhead(sourceOf(['a', 'b'], new TypeError('network error')), {
      observe: () => undefined,
      end,
      describeFailure: () => new Error('connection lost'),
      yieldToPage: immediately,
    });
    const seen: string[] = [];
    const reader = stream.getReader();
    seen.push((await reader.read()).value as string);
    seen.push((await reader.read()).value as string);
    await expect(reader.read()).rejects.toThrow('connection lost');
    expect(seen).toEqual(['a', 'b']);
    expect(end).toHaveBeenCalledWith(expect.objectContaining({ message: 'connection lost' }));
  });

  it('reports a normal end once and closes after the last chunk', async () => {
    const end = vi.fn();
    const stream = readAhead(sourceOf(['a']), { observe: () => undefined, end });
    expect(await readAll(stream)).toEqual(['a']);
    expect(end).toHaveBeenCalledTimes(1);
    expect(end).toHaveBeenCalledWith();
  });

  it('gives the page a turn once a slice of processing has used its time', async () => {
    let clock = 0;
    const yieldToPage = vi.fn(() => Promise.resolve());
    const stream = readAhead(sourceOf(['a', 'b', 'c', 'd', 'e', 'f']), {
      observe: () => undefined,
      end: () => undefined,
      now: () => clock,
      sliceMs: 5,
      yieldToPage,
    });
    // Each chunk costs the consumer 2 ms: a turn for the page after every third chunk or so.
    await readAll(stream, () => {
      clock += 2;
    });
    expect(yieldToPage.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(yieldToPage.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('cancels the source and reports the end when the consumer stops reading', async () => {
    const end = vi.fn();
    const cancel = vi.fn();
    const source = new ReadableStream<string>({
      start(controller) {
        controller.enqueue('a');
      },
      cancel,
    });
    const stream = readAhead(source, { observe: () => undefined, end, yieldToPage: immediately });
    const reader = stream.getReader();
    expect((await reader.read()).value).toBe('a');
    await reader.cancel('stopped');
    expect(cancel).toHaveBeenCalledWith('stopped');
    expect(end).toHaveBeenCalledWith('stopped');
  });

  it('hurries a slice waiting behind page work once the turn waits for the consumer', async () => {
    let urgent = false;
    const listeners = new Set<() => void>();
    const priorities: string[] = [];
    // Background slices never get a turn here (a page busy rendering); urgent ones at once.
    const yieldToPage = (priority: CatchUpPriority) => {
      priorities.push(priority);
      return priority === 'background' ? new Promise<void>(() => undefined) : Promise.resolve();
    };
    const stream = readAhead(sourceOf(['a', 'b']), {
      observe: () => undefined,
      end: () => undefined,
      yieldToPage,
      urgency: {
        urgent: () => urgent,
        onChange: (listener) => {
          listeners.add(listener);
          return () => void listeners.delete(listener);
        },
      },
    });
    const reader = stream.getReader();
    const first = reader.read();
    let done = false;
    void first.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    // A change that leaves the turn busy (a call still running) changes nothing.
    for (const listener of listeners) listener();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    urgent = true;
    for (const listener of listeners) listener();
    expect((await first).value).toBe('a');
    expect((await reader.read()).value).toBe('b');
    // Hurried at the priority of the yield it replaced (the first after new chunks: queued
    // behind what is due, not ahead of it).
    expect(priorities[0]).toBe('background');
    expect(priorities[1]).toBe('user-visible');
    expect(listeners.size).toBe(0);
  });

  it('puts a slice ahead of rendering while the turn waits, and behind it while calls run', async () => {
    for (const [urgent, slice] of [
      [true, 'user-blocking'],
      [false, 'background'],
    ] as const) {
      let clock = 0;
      const priorities: CatchUpPriority[] = [];
      const stream = readAhead(sourceOf(['a', 'b', 'c', 'd']), {
        observe: () => undefined,
        end: () => undefined,
        now: () => clock,
        sliceMs: 5,
        yieldToPage: (priority) => {
          priorities.push(priority);
          return Promise.resolve();
        },
        urgency: { urgent: () => urgent, onChange: () => () => undefined },
      });
      await readAll(stream, () => {
        clock += 3;
      });
      expect(priorities).toContain(slice);
      if (urgent) expect(priorities).not.toContain('background');
    }
  });
});
