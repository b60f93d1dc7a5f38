import type { UIMessageChunk } from 'ai';
import { SERVER_TOOL_TIMING_CHUNK, type ServerToolTiming } from '../shared/server-tool-timing';

/** The proxy's clock in epoch ms, with the sub-millisecond part `Date.now()` drops. */
export function proxyClock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The execution times of one request's server tool calls: the tool set records each call as
 * it settles, and the answer's stream carries each reading just before that call's output.
 */
export class ServerToolTimings {
  private readonly byCall = new Map<string, ServerToolTiming>();

  record(timing: ServerToolTiming): void {
    this.byCall.set(timing.toolCallId, timing);
  }

  /**
   * Passes the UI stream through, writing a call's timing (as a transient data chunk: it
   * informs the page's trace and is not kept in the conversation) just before its output.
   */
  annotate(stream: ReadableStream<UIMessageChunk>): ReadableStream<UIMessageChunk> {
    return stream.pipeThrough(
      new TransformStream<UIMessageChunk, UIMessageChunk>({
        transform: (chunk, controller) => {
          if (chunk.type === 'tool-output-available' || chunk.type === 'tool-output-error') {
            const timing = this.byCall.get(chunk.toolCallId);
            if (timing) {
              this.byCall.delete(chunk.toolCallId);
              controller.enqueue({ type: SERVER_TOOL_TIMING_CHUNK, data: timing, transient: true });
            }
          }
          controller.enqueue(chunk);
        },
      }),
    );
  }
}
