import { describe, expect, it } from 'vitest';
import { InFlightCalls } from './in-flight-calls';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('InFlightCalls', () => {
  it('runs the first of two identical calls and shares its result with the second', async () => {
    const calls = new InFlightCalls();
    const source = deferred<string>();
    let runs = 0;
    const task = () => {
      runs++;
      return source.promise;
    };
    const first = calls.run('k', 'a', task);
    const second = calls.run('k', 'b', task);
    expect(first.sharedWith).toBeUndefined();
    expect(second.sharedWith).toBe('a');
    source.resolve('42');
    await expect(second.result).resolves.toBe('42');
    expect(runs).toBe(1);
  });

  it('shares an error too, and forgets the key once the call settled', async () => {
    const calls = new InFlightCalls();
    const source = deferred<string>();
    const first = calls.run('k', 'a', () => source.promise);
    const second = calls.run('k', 'b', () => Promise.resolve('never'));
    source.reject(new Error('server said no'));
    await expect(first.result).rejects.toThrow('server said no');
    await expect(second.result).rejects.toThrow('server said no');
    const later = calls.run('k', 'c', () => Promise.resolve('again'));
    expect(later.sharedWith).toBeUndefined();
    await expect(later.result).resolves.toBe('again');
  });

  it('never shares between different keys or an undefined key', async () => {
    const calls = new InFlightCalls();
    const pending = deferred<string>();
    calls.run('k', 'a', () => pending.promise);
    expect(calls.run('other', 'b', () => Promise.resolve('x')).sharedWith).toBeUndefined();
    calls.run(undefined, 'c', () => pending.promise);
    expect(calls.run(undefined, 'd', () => Promise.resolve('y')).sharedWith).toBeUndefined();
    pending.resolve('done');
  });
});
