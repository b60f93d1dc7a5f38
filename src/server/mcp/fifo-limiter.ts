/**
 * At most `limit` tasks at once; the rest wait in arrival order. A waiting task whose signal
 * aborts leaves the line without ever running.
 */
export class FifoLimiter {
  private running = 0;
  private readonly waiting: Array<{ start: () => void; signal?: AbortSignal }> = [];

  constructor(readonly limit: number) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `task` once a slot is free; `onStart` is called the moment it takes the slot, and
   * `onWait` first if none was free when it asked.
   */
  async run<T>(
    task: () => Promise<T>,
    signal?: AbortSignal,
    onStart?: () => void,
    onWait?: () => void,
  ): Promise<T> {
    if (this.running >= this.limit) onWait?.();
    await this.acquire(signal);
    onStart?.();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        signal,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.start();
  }
}
