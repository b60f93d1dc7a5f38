import type { ExecutionPolicy, ExecutorEvent } from '../runtime';
import type { CarriedOutput, ProxyTimes, RunStatus, TokenUsage } from './trace-types';

/**
 * Everything that feeds a run's trace: the executor's timing events and what the transport
 * reads off the stream. `at` is always a `performance.now()` reading.
 */
export type TraceEvent =
  | {
      type: 'run-started';
      runId: string;
      prompt: string;
      userMessageId?: string;
      /** Messages in the conversation before the one that started the run. */
      priorMessages?: number;
      modelId?: string;
      policy: ExecutionPolicy;
      parallelToolCalls: boolean;
      at: number;
      epochMs: number;
    }
  | { type: 'step-requested'; runId: string; stepId: string; at: number }
  /** What the step's request carried back: every tool result of the step before, by call. */
  | { type: 'step-carried'; runId: string; stepId: string; outputs: CarriedOutput[] }
  | { type: 'step-first-byte'; runId: string; stepId: string; at: number }
  | { type: 'step-content'; runId: string; stepId: string; at: number; text: boolean }
  | {
      type: 'step-finished';
      runId: string;
      stepId: string;
      at: number;
      finishReason?: string;
      usage?: TokenUsage;
      proxy?: ProxyTimes;
    }
  | { type: 'step-error'; runId: string; stepId: string; at: number; errorText: string }
  | { type: 'run-ended'; runId: string; status: RunStatus; at: number }
  /** When the proxy ran a server tool, on its own clock (epoch ms). */
  | {
      type: 'server-call-timed';
      runId: string;
      callId: string;
      /** The call waited on the proxy for its MCP server's slot from here (absent: it did not). */
      queuedAtEpochMs?: number;
      startedAtEpochMs: number;
      settledAtEpochMs: number;
    }
  /**
   * A server call waits on the proxy for a slot (`queued`), took one (`running`), or waits for
   * an identical call's result (`sharing`), now.
   */
  | {
      type: 'server-call-state';
      runId: string;
      callId: string;
      state: 'queued' | 'running' | 'sharing';
      atEpochMs: number;
    }
  /** A running server call's progress, as its MCP server reported it. */
  | {
      type: 'server-call-progress';
      runId: string;
      callId: string;
      progress: number;
      total?: number;
      message?: string;
    }
  | { type: 'executor'; event: ExecutorEvent };
