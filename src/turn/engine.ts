import { Chat } from '@ai-sdk/react';
import type { StoreApi } from 'zustand';
import { type FanoutMessage, messageMetadataSchema } from '../shared/message-metadata';
import { createTraceSink, type TraceState } from '../trace/trace-store';
import { FanoutTransport } from './chat-transport';
import { createCollectorForwarder } from './collector-forwarder';
import { TurnSession, type TurnSettings } from './turn-session';

export type TurnEngineOptions = {
  /** The conversation's id (the AI SDK chat's). */
  id: string;
  messages?: FanoutMessage[];
  /** Read once when a run starts. */
  settings: () => TurnSettings;
  /** Where the runs' traces go: the page's store, or one of the caller's own. */
  traces: StoreApi<TraceState>;
  now?: () => number;
};

export type TurnEngine = {
  /** The AI SDK chat, wired to the session; `useChat({ chat })` renders it. */
  chat: Chat<FanoutMessage>;
  session: TurnSession;
  traces: StoreApi<TraceState>;
  /** Applies buffered trace events now (before a snapshot or an export). */
  flushTrace: () => void;
};

/**
 * The one way to build a turn's machinery: a chat, its transport with the read-ahead tap, the
 * turn session with its executor, and the frame-batched trace sink (finished runs also go to
 * the proxy's collector). The chat and each race lane are built here; what differs between
 * them (tools, policy, latency, faults) comes in through `settings`.
 */
export function createTurnEngine(options: TurnEngineOptions): TurnEngine {
  const { traces } = options;
  const sink = createTraceSink((events) => traces.getState().applyEvents(events));
  const forward = createCollectorForwarder(sink.flush, (runId) => traces.getState().runs[runId]);
  const session = new TurnSession({
    settings: options.settings,
    now: options.now,
    trace: (event) => {
      sink.push(event);
      if (event.type === 'run-ended') forward(event.runId);
    },
  });
  const chat = new Chat<FanoutMessage>({
    id: options.id,
    messages: options.messages,
    transport: new FanoutTransport(session),
    messageMetadataSchema,
    // Returns at once: the executor runs the call; awaiting here would serialise the step.
    onToolCall: ({ toolCall }) => {
      session.onToolCall(toolCall);
    },
    // The chat calls this before it lets go of the response; the follow-up goes right after.
    onFinish: () => queueMicrotask(() => session.responseFinished()),
  });
  session.attach(chat);
  return { chat, session, traces, flushTrace: sink.flush };
}
