import type { CallRunsOn, CallStatus, ExecutionPolicy, QueueReason } from '../runtime';
import type { TokenUsage } from '../shared/message-metadata';

/** Where a tool call is now; `settled` calls carry a status. */
export type SpanState =
  | 'input-streaming'
  | 'awaiting-approval'
  | 'queued'
  | 'running'
  | 'remote'
  | 'sharing'
  | 'settled';

/** A call's final status, plus `interrupted` for calls cut off by a reload. */
export type SpanStatus = CallStatus | 'interrupted';

/**
 * One tool call on the timeline. Times are ms from the run's start, read from the page's
 * `performance.now()` when the thing happened.
 */
export type ToolSpan = {
  callId: string;
  toolName: string;
  stepId: string;
  runsOn: CallRunsOn;
  state: SpanState;
  status?: SpanStatus;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  truncated?: boolean;
  outputBytes?: number;
  sharedWith?: string;
  queueReason?: QueueReason;
  deadlineMs?: number;
  inputStartedAt?: number;
  inputAvailableAt?: number;
  /** Waiting for the user's approval (tools that change state), from here to approvalResolvedAt. */
  approvalRequestedAt?: number;
  approvalResolvedAt?: number;
  /** What the user decided, once they did. */
  approval?: 'approved' | 'denied';
  queuedAt?: number;
  startedAt?: number;
  settledAt?: number;
  /**
   * A server tool's execution as the proxy timed it, on the proxy's clock, placed on the run's
   * timeline by the run's epoch start. `startedAt`/`settledAt` stay the page's readings (input
   * seen, output received).
   */
  serverRan?: { queuedAt?: number; startedAt: number; settledAt: number };
  /**
   * A server call's wait and start on the proxy as they happen (its clock, placed like
   * `serverRan`), until `serverRan` replaces them: present only when it had to wait.
   */
  serverLive?: { queuedAt: number; startedAt?: number };
  /** The latest progress the proxy relayed while the call ran (an MCP server's notification). */
  progress?: { progress: number; total?: number; message?: string };
};

/** The proxy's own clock readings for a step (epoch ms), from message metadata. */
export type ProxyTimes = {
  receivedAt?: number;
  upstreamRequestAt?: number;
  firstChunkAt?: number;
  finishedAt?: number;
};

export type { TokenUsage } from '../shared/message-metadata';

/**
 * One tool result a model request carried back (a follow-up's history), as the model saw it:
 * the output the chat sent (a truncated call's is the cut form), summarised so the trace stays
 * small. `bytes` is the UTF-8 size of what was sent as JSON.
 */
export type CarriedOutput = {
  callId: string;
  toolName: string;
  state: 'output' | 'error' | 'denied';
  /** The start of the output's JSON, or the error text. */
  summary: string;
  bytes: number;
};

/** One model round trip: request sent, first byte, first content, finish. */
export type StepTrace = {
  id: string;
  index: number;
  requestAt: number;
  firstByteAt?: number;
  firstContentAt?: number;
  textStartAt?: number;
  finishedAt?: number;
  /** All of this step's browser outputs were handed back (the follow-up may go). */
  outputsReturnedAt?: number;
  callIds: string[];
  finishReason?: string;
  usage?: TokenUsage;
  proxy?: ProxyTimes;
  errorText?: string;
  /** The tool results this step's request carried back to the model (a follow-up's). */
  carried?: CarriedOutput[];
};

export type RunStatus = 'running' | 'complete' | 'stopped' | 'error' | 'interrupted';

/** One user turn: every step and every call from the user's message to the final answer. */
export type RunTrace = {
  id: string;
  /** The user message that started the run. */
  userMessageId?: string;
  /**
   * Messages in the conversation before the one that started the run: the context the model
   * saw besides the prompt (compare warns when two runs' differ).
   */
  priorMessages?: number;
  prompt: string;
  modelId?: string;
  policy: ExecutionPolicy;
  parallelToolCalls: boolean;
  status: RunStatus;
  /** Wall-clock start (epoch ms) and the page clock's reading at that moment. */
  startedAtEpochMs: number;
  startedAtPerf: number;
  endedAt?: number;
  steps: StepTrace[];
  spanOrder: string[];
  spans: Record<string, ToolSpan>;
};
