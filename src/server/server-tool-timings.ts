import type { UIMessageChunk } from 'ai';
import {
  SERVER_TOOL_PROGRESS_CHUNK,
  SERVER_TOOL_STATE_CHUNK,
  SERVER_TOOL_TIMING_CHUNK,
  type ServerToolProgress,
  type ServerToolState,
  type ServerToolTiming,
} from '../shared/server-tool-timing';

/** The proxy's clock in epoch ms, with the sub-millisecond part `Date.now()` drops. */
export function proxyClock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The execution times of one request's server tool calls: the tool set records each call as
 * it settles, and the answer's stream carries each reading just before that call's output.
 * Progress a call reports while it runs goes into the stream as soon as it arrives.
 */
export class ServerToolTimings {
  private readonly byCall = new Map<string, ServerToolTiming>();
  private emit: ((chunk: UIMessageChunk) => void) | undefined;

  record(timing: ServerToolTiming): void {
    this.byCall.set(timing.toolCallId, timing);
  }

  /**
   * One call's clock, from its arrival now: `waiting` when no slot was free (reported live,
   * once, as queued at its arrival), `started` when it takes its last slot (reported live only
   * if it waited), `settled` records its timing (queued only if it really waited).
   */
  call(toolCallId: string): { waiting: () => void; started: () => void; settled: () => void } {
    const arrivedAt = proxyClock();
    let waited = false;
    let startedAt: number | undefined;
    return {
      waiting: () => {
        if (waited) return;
        waited = true;
        this.state({ toolCallId, state: 'queued', at: arrivedAt });
      },
      started: () => {
        startedAt = proxyClock();
        if (waited) this.state({ toolCallId, state: 'running', at: startedAt });
      },
      settled: () => {
        const settledAt = proxyClock();
        this.record({
          toolCallId,
          ...(waited ? { queuedAt: arrivedAt } : {}),
          // Never started (stopped while it waited): it ends where it stood.
          startedAt: startedAt ?? settledAt,
          settledAt,
        });
      },
    };
  }

  /** The call shares an identical in-flight call's result: it waits for it, and will not run. */
  sharing(toolCallId: string): void {
    this.state({ toolCallId, state: 'sharing', at: proxyClock() });
  }

  private state(state: ServerToolState): void {
    this.emit?.({ type: SERVER_TOOL_STATE_CHUNK, data: state, transient: true });
  }

  /** A running call's progress; dropped once the answer's stream has ended. */
  progress(progress: ServerToolProgress): void {
    this.emit?.({ type: SERVER_TOOL_PROGRESS_CHUNK, data: progress, transient: true });
  }

  /**
   * Passes the UI stream through, writing a call's timing (as a transient data chunk: it
   * informs the page's trace and is not kept in the conversation) just before its output,
   * and each progress report between the chunks, as it comes.
   */
  annotate(stream: ReadableStream<UIMessageChunk>): ReadableStream<UIMessageChunk> {
    const reader = stream.getReader();
    return new ReadableStream<UIMessageChunk>({
      start: (controller) => {
        this.emit = (chunk) => controller.enqueue(chunk);
      },
      pull: async (controller) => {
        const { done, value: chunk } = await reader.read();
        if (done) {
          this.emit = undefined;
          controller.close();
          return;
        }
        if (chunk.type === 'tool-output-available' || chunk.type === 'tool-output-error') {
          const timing = this.byCall.get(chunk.toolCallId);
          if (timing) {
            this.byCall.delete(chunk.toolCallId);
            controller.enqueue({ type: SERVER_TOOL_TIMING_CHUNK, data: timing, transient: true });
          }
        }
        controller.enqueue(chunk);
      },
      cancel: (reason) => {
        this.emit = undefined;
        return reader.cancel(reason);
      },
    });
  }
}
