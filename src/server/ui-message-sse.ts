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
 */

const encoder = new TextEncoder();
const DONE = 'data: [DONE]\n\n';
/** Node's default socket high-water mark (16 KiB), in characters of mostly ASCII JSON. */
const MAX_BATCH_CHARS = 16 * 1024;

export type UiMessageSseOptions = {
  /**
   * The error chunk's text when the source fails instead of ending (a provider connection reset
   * mid-answer); the body then ends normally. If it throws, the body fails with that error.
   */
  onError: (error: unknown) => string;
  /** Runs once when the body has ended, failed or been cancelled by the reader. */
  onSettled?: () => void;
};

/** Serialises UI message chunks to SSE bytes, one byte chunk per event-loop turn's worth. */
export function uiMessageSseStream(
  source: ReadableStream<unknown>,
  options: UiMessageSseOptions,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let pending = '';
  let flushQueued = false;
  let flushedOnce = false;
  let ending = false;
  let settled = false;
  let pumping = false;
  let resumePump: (() => void) | undefined;

  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    resumePump?.();
    options.onSettled?.();
    return true;
  };

  const flush = () => {
    if (settled) return;
    if (pending) {
      flushedOnce = true;
      controller.enqueue(encoder.encode(pending));
      pending = '';
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

  const write = (text: string) => {
    pending += text;
    // A source that is never short of chunks (the unpaced offline planner) could fill one turn
    // with a whole answer: past a socket buffer's worth, hand the batch over at once, so the
    // backpressure check below sees it and the pump waits for the reader.
    if (pending.length >= MAX_BATCH_CHARS) flush();
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

  const pump = async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (settled) return;
        if (done) break;
        write(`data: ${JSON.stringify(value)}\n\n`);
        // Backpressure: while a flushed batch sits unread (a slow client), stop pulling from the
        // model until the reader asks for more, so a stalled socket does not buffer the answer.
        while (!settled && (controller.desiredSize ?? 0) <= 0) {
          await new Promise<void>((resolve) => {
            resumePump = resolve;
          });
          resumePump = undefined;
        }
        if (settled) return;
      }
    } catch (error) {
      if (settled) return;
      let errorText: string;
      try {
        errorText = options.onError(error);
      } catch (failure) {
        fail(failure);
        return;
      }
      // The source may still be open (a chunk that would not serialise): let it go.
      reader.cancel(error).catch(() => {});
      write(`data: ${JSON.stringify({ type: 'error', errorText })}\n\n`);
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
  return new Response(uiMessageSseStream(source, options), {
    headers: new Headers(UI_MESSAGE_STREAM_HEADERS),
  });
}
