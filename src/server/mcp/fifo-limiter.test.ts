import { describe, expect, it } from 'vitest';
import { FifoLimiter } from './fifo-limiter';

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('the per-server FIFO limiter', () => {
  it('runs at most `limit` tasks at once and starts the rest in arrival order', async () => {
    const limiter = new FifoLimiter(2);
    const started: string[] = [];
    const gates = { a: gate(), b: gate(), c: gate(), d: gate() };
    const runs = (Object.keys(gates) as (keyof typeof gates)[]).map((key) =>
      limiter.run(
        () => gates[key].opened.then(() => key),
        undefined,
        () => started.push(key),
      ),
    );
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect(limiter.queued).toBe(2);
    gates.b.open();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual(['a', 'b', 'c']);
    gates.a.open();
    gates.c.open();
    gates.d.open();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c', 'd']);
    expect(limiter.active).toBe(0);
  });

  it('lets a waiting task whose signal aborts leave the line without running', async () => {
    const limiter = new FifoLimiter(1);
    const first = gate();
    const running = limiter.run(() => first.opened);
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    first.open();
    await running;
    expect(ran).toBe(false);
    expect(limiter.queued).toBe(0);
  });

  it('tells a task that must wait, before it waits, and only that one', async () => {
    const limiter = new FifoLimiter(1);
    const waited: string[] = [];
    const first = gate();
    const a = limiter.run(
      () => first.opened,
      undefined,
      undefined,
      () => waited.push('a'),
    );
    const b = limiter.run(
      async () => 'b',
      undefined,
      undefined,
      () => waited.push('b'),
    );
    expect(waited).toEqual(['b']);
    first.open();
    await Promise.all([a, b]);
    expect(waited).toEqual(['b']);
  });
});
