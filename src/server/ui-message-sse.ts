import { UI_MESSAGE_STREAM_HEADERS } from 'ai';

/**
 * The UI message stream on the wire, as the AI SDK's `createUIMessageStreamResponse` writes it
 * (`data: <chunk json>\n\n` per chunk, `data: [DONE]\n\n` last, the same headers), in one web
 * stream instead of five: the SDK's merge wrapper, JSON-to-SSE transform and text encoder, and
 * our stream-slot wrapper each cost a promise hop per chunk.
 *
 * Chunks that arrive in the same event-loop turn leave as one byte chunk, so one `writev`.
 * Node's HTTP response only gathers the writes of one microtask drain; the AI SDK finishes an
 * answer over several (the last deltas, then text-end / finish-step / finish, then the end of
 * the stream), and each costs a loopback `writev`, the largest single item in a CPU profile of
 * the proxy on a busy 2-core machine. So:
 * - the first batch (the `start` chunk) is handed over on `process.nextTick`, when the drain
 *   that carried it is over: the first byte leaves exactly when a direct write would;
 * - later batches on `setImmediate`, at the end of the current loop turn: no timer, no wait for
 *   more input, only the turn's other callbacks first. A delta that arrives alone from the
 *   network leaves in the turn it arrived in; a burst leaves as one write.
 *
 * Within one write, a tool call's input deltas are folded (see `Batch`): the page parses and
 * validates every chunk before it sees the next (~60 µs each in a fresh page), and an unpaced
 * step of fifty calls arrives as ~350 chunks of which 250 are deltas, which alone spread the
 * calls' starts over 20–40 ms. Deltas that arrive in different turns (a real model's pace) still
 * leave one by one, as they come.
 */

const encoder = new TextEncoder();
const DONE = 'data: [DONE]\n\n';
/** Node's default socket high-water mark (16 KiB), in characters of mostly ASCII JSON. */
const MAX_BATCH_CHARS = 16 * 1024;

/** A tool input delta with nothing but its three keys: the only kind `Batch` folds. */
type PlainInputDelta = { type: 'tool-input-delta'; toolCallId: string; inputTextDelta: string };

function plainInputDelta(value: unknown): PlainInputDelta | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const chunk = value as Partial<Record<keyof PlainInputDelta, unknown>>;
  return chunk.type === 'tool-input-delta' &&
    typeof chunk.toolCallId === 'string' &&
    typeof chunk.inputTextDelta === 'string' &&
    Object.keys(chunk).length === 3
    ? (chunk as PlainInputDelta)
    : undefined;
}

function toolCallIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { toolCallId?: unknown }).toolCallId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The SSE events of one write, with each tool call's input deltas folded, so the page ends in
 * the same message state with fewer chunks to parse:
 * - a call's deltas become one delta (their texts joined) at the place of the first: the SDK
 *   only appends each delta's text to the call's input text and re-reads the whole;
 * - a call's deltas are dropped when its `tool-input-available` is in the same write: that
 *   chunk sets the final input and clears the partial one, and the page handles the whole read
 *   before it draws, so the deltas could never be seen.
 * Any other chunk of the call (an input error, say) closes its fold: later deltas start anew
 * after it, and order within one call is kept.
 */
class Batch {
  private events: string[] = [];
  private readonly folds = new Map<string, { slot: number; text: string; size: number }>();
  /**
   * Characters queued, about: a fold counts its first event and the later texts, and nothing
   * once dropped, so a burst of fifty calls still fits in one write.
   */
  size = 0;

  add(value: unknown, event: string): void {
    const delta = plainInputDelta(value);
    if (delta) {
      const fold = this.folds.get(delta.toolCallId);
      if (fold) {
        fold.text += delta.inputTextDelta;
        fold.size += delta.inputTextDelta.length;
        this.size += delta.inputTextDelta.length;
        return;
      }
      this.folds.set(delta.toolCallId, {
        slot: this.events.push('') - 1,
        text: delta.inputTextDelta,
        size: event.length,
      });
      this.size += event.length;
      return;
    }
    const id = toolCallIdOf(value);
    const fold = id === undefined ? undefined : this.folds.get(id);
    if (id !== undefined && fold) {
      this.folds.delete(id);
      // The final input is here: the fold's slot stays empty.
      if ((value as { type?: unknown }).type === 'tool-input-available') this.size -= fold.size;
      else this.events[fold.slot] = deltaEvent(id, fold.text);
    }
    this.push(event);
  }

  push(event: string): void {
    this.events.push(event);
    this.size += event.length;
  }

  get empty(): boolean {
    return this.events.length === 0;
  }

  /** The write's text; the batch is empty afterwards. */
  take(): string {
    for (const [id, fold] of this.folds) this.events[fold.slot] = deltaEvent(id, fold.text);
    const text = this.events.join('');
    this.events = [];
    this.folds.clear();
    this.size = 0;
    return text;
  }
}

const deltaEvent = (toolCallId: string, inputTextDelta: string): string =>
  `data: ${JSON.stringify({ type: 'tool-input-delta', toolCallId, inputTextDelta })}\n\n`;

/** A limit that cut an answer: the variable that sets it and its value. */
export type AnswerLimit =
  | { name: 'FANOUT_MAX_ANSWER_BYTES'; value: number }
  | { name: 'FANOUT_MAX_ANSWER_MS'; value: number };

/** The sentence the page shows when a limit cut the answer. */
export function describeAnswerLimit(limit: AnswerLimit): string {
  const what =
    limit.name === 'FANOUT_MAX_ANSWER_BYTES'
      ? `at ${limit.value.toLocaleString('en')} bytes, the most this server relays for one answer`
      : `after ${Math.round(limit.value / 100) / 10} s, the longest this server streams one answer`;
  return `The answer was cut off ${what} (${limit.name}). Ask for a shorter answer, or raise the limit on the server.`;
}

export type AnswerLimits = {
  /** Bytes of stream after which the answer is cut; 0 = no cap. */
  maxBytes: number;
  /** Time after which the answer is cut; 0 = no cap. */
  maxMs: number;
  /**
   * Runs once when a limit is hit, before the source is cancelled (the caller closes the
   * upstream here); returns the error chunk's text.
   */
  onCut: (limit: AnswerLimit) => string;
};

export type UiMessageSseOptions = {
  /**
   * The error chunk's text when the source fails instead of ending (a provider connection reset
   * mid-answer); the body then ends normally. If it throws, the body fails with that error.
   */
  onError: (error: unknown) => string;
  /** Runs once when the body has ended, failed or been cancelled by the reader. */
  onSettled?: () => void;
  /** Caps on the answer's size and duration: past one, the answer ends with an error chunk. */
  limits?: AnswerLimits;
  /** Extra response headers. */
  headers?: Record<string, string>;
};

/** Serialises UI message chunks to SSE bytes, one byte chunk per event-loop turn's worth. */
export function uiMessageSseStream(
  source: ReadableStream<unknown>,
  options: UiMessageSseOptions,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const batch = new Batch();
  let flushQueued = false;
  let flushedOnce = false;
  let ending = false;
  let settled = false;
  let pumping = false;
  let resumePump: (() => void) | undefined;
  const limits = options.limits;
  let bytesSent = 0;
  let cutting = false;
  let clock: ReturnType<typeof setTimeout> | undefined;

  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    clearTimeout(clock);
    resumePump?.();
    options.onSettled?.();
    return true;
  };

  const flush = () => {
    if (settled) return;
    if (!batch.empty) {
      flushedOnce = true;
      const text = batch.take();
      if (text) controller.enqueue(encoder.encode(text));
    }
    if (ending) {
      settle();
      controller.close();
    }
  };

  const flushQueuedBatch = () => {
    flushQueued = false;
    flush();
  };

  /** Queues `event` (the SSE text of `chunk`, when it is one) for this turn's write. */
  const write = (event: string, chunk?: unknown) => {
    if (chunk === undefined) batch.push(event);
    else batch.add(chunk, event);
    // A source that is never short of chunks (the unpaced offline planner) could fill one turn
    // with a whole answer: past a socket buffer's worth, hand the batch over at once, so the
    // backpressure check below sees it and the pump waits for the reader.
    if (batch.size >= MAX_BATCH_CHARS) flush();
    else if (!flushQueued) {
      flushQueued = true;
      if (flushedOnce) setImmediate(flushQueuedBatch);
      else process.nextTick(flushQueuedBatch);
    }
  };

  const fail = (error: unknown) => {
    if (!settle()) return;
    controller.error(error);
    reader.cancel(error).catch(() => {});
  };

  /**
   * Ends the body with an error chunk saying `sentenceFor(reason)`, letting the source go (it
   * may still be open), or fails the body if `sentenceFor` throws.
   */
  const endWithError = <Reason>(sentenceFor: (reason: Reason) => string, reason: Reason) => {
    let errorText: string;
    try {
      errorText = sentenceFor(reason);
    } catch (failure) {
      fail(failure);
      return;
    }
    reader.cancel(reason).catch(() => {});
    write(`data: ${JSON.stringify({ type: 'error', errorText })}\n\n`);
    ending = true;
    write(DONE);
  };

  /** Ends the answer at a limit: the source is dropped, the page told which limit cut it. */
  const cutAt = (limit: AnswerLimit) => {
    if (cutting || ending || settled || !limits) return;
    cutting = true;
    clearTimeout(clock);
    endWithError(limits.onCut, limit);
  };

  const pump = async () => {
    if (limits && limits.maxMs > 0) {
      clock = setTimeout(
        () => cutAt({ name: 'FANOUT_MAX_ANSWER_MS', value: limits.maxMs }),
        limits.maxMs,
      );
    }
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (settled || cutting) return;
        if (done) break;
        const event = `data: ${JSON.stringify(value)}\n\n`;
        if (limits && limits.maxBytes > 0) {
          // Counted before it leaves: the page never gets more than the cap.
          bytesSent += Buffer.byteLength(event);
          if (bytesSent > limits.maxBytes) {
            cutAt({ name: 'FANOUT_MAX_ANSWER_BYTES', value: limits.maxBytes });
            return;
          }
        }
        write(event, value);
        // Backpressure: while a flushed batch sits unread (a slow client), stop pulling from the
        // model until the reader asks for more, so a stalled socket does not buffer the answer.
        while (!settled && !cutting && (controller.desiredSize ?? 0) <= 0) {
          await new Promise<void>((resolve) => {
            resumePump = resolve;
          });
          resumePump = undefined;
        }
        if (settled || cutting) return;
      }
    } catch (error) {
      // The source may still be open (a chunk that would not serialise).
      if (!settled && !cutting) endWithError(options.onError, error);
      return;
    }
    ending = true;
    write(DONE);
  };

  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    pull() {
      if (!pumping) {
        pumping = true;
        void pump();
        return;
      }
      resumePump?.();
    },
    cancel(reason) {
      settle();
      return reader.cancel(reason).catch(() => {});
    },
  });
}

/** A `Response` streaming `source` as the AI SDK's UI message stream (SSE, its headers). */
export function uiMessageSseResponse(
  source: ReadableStream<unknown>,
  options: UiMessageSseOptions,
): Response {
  const headers = new Headers({ ...UI_MESSAGE_STREAM_HEADERS, ...options.headers });
  // Hop-by-hop: Node decides the connection's fate, and must be free to honour a client's
  // `Connection: close` (the SDK's header would keep the socket open against it).
  headers.delete('connection');
  return new Response(uiMessageSseStream(source, options), { headers });
}
