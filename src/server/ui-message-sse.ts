import { UI_MESSAGE_STREAM_HEADERS } from 'ai';

/**
 * The UI message stream on the wire, as the AI SDK's `createUIMessageStreamResponse` writes it
 * (`data: <chunk json>\n\n` per chunk, `data: [DONE]\n\n` last, the same headers), in one web
 * stream instead of five: the SDK's merge wrapper, JSON-to-SSE transform and text encoder, and
 * our stream-slot wrapper each cost a promise hop per chunk.
 *
 * Chunks that arrive in the same tick leave as one byte chunk. Node's HTTP response already
 * gathers a tick's writes into one `writev`, so this saves the per-chunk work above that call
 * (encoding, chunked framing, one read and one `res.write` each), not syscalls. The batch is
 * flushed on `process.nextTick`, after the microtask queue that carried its chunks has drained:
 * the moment Node would have sent separately written chunks anyway, so nothing waits longer.
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

/** Serialises UI message chunks to SSE bytes, one byte chunk per tick's worth of chunks. */
export function uiMessageSseStream(
  source: ReadableStream<unknown>,
  options: UiMessageSseOptions,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let pending = '';
  let flushQueued = false;
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
    // A source that is never short of chunks (the unpaced offline planner) could fill one tick
    // with a whole answer: past a socket buffer's worth, hand the batch over at once, so the
    // backpressure check below sees it and the pump waits for the reader.
    if (pending.length >= MAX_BATCH_CHARS) flush();
    else if (!flushQueued) {
      flushQueued = true;
      process.nextTick(flushQueuedBatch);
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
