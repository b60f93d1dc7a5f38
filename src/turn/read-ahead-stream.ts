/** How long the chat may process chunks before the page gets a turn (timers, input, paint). */
export const CHAT_SLICE_MS = 5;

export type ReadAheadOptions<T> = {
  /** Sees every chunk as soon as it is read, before the consumer processes earlier ones. */
  observe: (chunk: T) => void;
  /** The source ended: normally (no argument), by its own error, or cancelled by the consumer. */
  end: (error?: unknown) => void;
  /** Maps a read failure to what the consumer should see. */
  describeFailure?: (error: unknown) => unknown;
  /** Says when the consumer's catch-up is what everything waits for (see CatchUpUrgency). */
  urgency?: CatchUpUrgency;
  /** Hands the event loop a turn (see yieldToPageWork). */
  yieldToPage?: (priority: CatchUpPriority) => Promise<void>;
  now?: () => number;
  sliceMs?: number;
};

/**
 * Whether the turn is waiting for the consumer: no call is running whose timers its work could
 * delay, or a settled call's answer waits for the consumer to reach its input. Its catch-up then
 * goes ahead of rendering instead of after everything else, a slice already waiting included.
 */
export type CatchUpUrgency = {
  urgent: () => boolean;
  /** Calls `listener` each time the turn may have started waiting; returns the unsubscribe. */
  onChange: (listener: () => void) => () => void;
};

/** The task scheduler's priorities the catch-up uses (Prioritized Task Scheduling API). */
export type CatchUpPriority = 'background' | 'user-visible' | 'user-blocking';

type TaskScheduler = {
  postTask: (callback: () => void, options: { priority: CatchUpPriority }) => Promise<void>;
};

/**
 * While calls run, the chat's catch-up runs at background priority where the browser has a
 * task scheduler, so due tool timers and frames go first. Once the turn waits for the chat
 * (every call settled, or an answer held until the chat reaches its input), the catch-up is the
 * turn's critical path: measured at 3 calls of 50 ms, background slices behind the page's
 * rendering delayed the follow-up request by 80–150 ms after the last call settled.
 * Elsewhere a MessageChannel message (no 4 ms clamp).
 */
function yieldToPageWork(priority: CatchUpPriority): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    return scheduler.postTask(() => undefined, { priority });
  }
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Reads `source` as fast as it yields and lets `observe` see each chunk at once, while the
 * consumer gets the same chunks in order, at its own pace, and in slices of at most `sliceMs`
 * before the page gets a turn.
 *
 * Why: the chat processes each chunk fully (message update, render) before reading the next,
 * so with many tool calls in one response the later calls would wait for the earlier ones'
 * bookkeeping before they start, and one long task would hold back the running tools' timers.
 * A source failure reaches the consumer only after every chunk read before it.
 */
export function readAhead<T>(source: ReadableStream<T>, options: ReadAheadOptions<T>) {
  const reader = source.getReader();
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? yieldToPageWork;
  const sliceMs = options.sliceMs ?? CHAT_SLICE_MS;
  const { urgency } = options;
  /**
   * `hurry`: the priority once the turn waits. A slice goes ahead of rendering; the first yield
   * after new chunks only queues behind what is already due (a network read of the same burst
   * included), so every call in a burst still starts before the chat catches up.
   */
  const yieldNow = async (hurry: CatchUpPriority) => {
    if (!urgency) return yieldToPage('background');
    if (urgency.urgent()) return yieldToPage(hurry);
    // A background slice can wait behind rendering for a long time: hurry once the turn waits.
    let unsubscribe = () => {};
    const hurried = new Promise<void>((resolve) => {
      unsubscribe = urgency.onChange(() => {
        if (urgency.urgent()) resolve(yieldToPage(hurry));
      });
    });
    try {
      await Promise.race([yieldToPage('background'), hurried]);
    } finally {
      unsubscribe();
    }
  };
  const queue: T[] = [];
  let ended: { error?: unknown; failed: boolean } | undefined;
  let cancelled = false;
  let wake: (() => void) | undefined;
  let sliceStartedAt = now();

  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };

  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (cancelled) return;
        if (done) {
          options.end();
          ended = { failed: false };
          break;
        }
        options.observe(value);
        queue.push(value);
        notify();
      }
    } catch (error) {
      if (cancelled) return;
      const failure = options.describeFailure ? options.describeFailure(error) : error;
      options.end(failure);
      ended = { error: failure, failed: true };
    }
    notify();
  })();

  return new ReadableStream<T>(
    {
      async pull(controller) {
        if (queue.length === 0 && !ended) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          // Let the reader finish what the network delivered in one go before the chat starts
          // on it: every call in the burst starts first, then the chat catches up.
          await yieldNow('user-visible');
          sliceStartedAt = now();
        } else if (queue.length > 0 && now() - sliceStartedAt >= sliceMs) {
          await yieldNow('user-blocking');
          sliceStartedAt = now();
        }
        if (cancelled) return;
        if (queue.length > 0) controller.enqueue(queue.shift() as T);
        else if (ended?.failed) controller.error(ended.error);
        else controller.close();
      },
      cancel(reason) {
        cancelled = true;
        queue.length = 0;
        options.end(reason);
        notify();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
