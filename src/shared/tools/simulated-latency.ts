import type { SimulatedLatency } from './tool-spec';

/** One draw of a simulated latency: baseMs plus uniform jitter in [0, jitterMs]. */
export function simulatedDelayMs(
  latency: SimulatedLatency,
  random: () => number = Math.random,
): number {
  const base = Math.max(0, latency.baseMs);
  const jitter = Math.max(0, latency.jitterMs);
  return Math.round(base + random() * jitter);
}

/** The reason a signal aborted, as an Error (signals aborted without a reason get a generic one). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(
    typeof reason === 'string' ? reason : 'The operation was aborted.',
    'AbortError',
  );
}

/** A delay still waiting: when it is due (performance.now() ms) and how to end it. */
type Sleeper = { dueAt: number; wake: () => void };

/** Every delay still waiting, in the order they began. */
const sleepers = new Set<Sleeper>();

/** Ends, in one go, every delay whose time has come (never one whose time has not). */
function wakeDue(now: number) {
  for (const sleeper of sleepers) if (sleeper.dueAt <= now) sleeper.wake();
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 *
 * When one delay's timer fires, every other delay already due ends in the same task. Fifty
 * parallel calls of 1 s come due within a few ms of each other; as fifty timer tasks, the
 * browser ran one or two between frames that drew the settles before them, so the last calls
 * ended tens of ms after their time (`node bench/profile.ts 50 1000`). None ends early: a
 * delay ends only when its own timer fires or the clock has passed its due time.
 */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const end = () => {
      sleepers.delete(sleeper);
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const sleeper: Sleeper = {
      dueAt: performance.now() + ms,
      wake: () => {
        end();
        resolve();
      },
    };
    const onAbort = () => {
      end();
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      sleeper.wake();
      wakeDue(performance.now());
    }, ms);
    sleepers.add(sleeper);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits one draw of the simulated latency (abortable). Callers apply it outside the handler,
 * so demo controls can swap the profile without touching tool code. Resolves with the delay used.
 */
export async function withSimulatedLatency(
  latency: SimulatedLatency,
  signal?: AbortSignal,
  random: () => number = Math.random,
): Promise<number> {
  const ms = simulatedDelayMs(latency, random);
  await abortableDelay(ms, signal);
  return ms;
}

/** Settles like `promise`, but rejects early with the signal's reason when it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
