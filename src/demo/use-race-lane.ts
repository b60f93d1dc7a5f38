import { useChat } from '@ai-sdk/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { queryClient } from '../app/query-client';
import { FanoutTransport } from '../chat/chat-transport';
import type { FanoutMessage } from '../chat/chat-types';
import { deliverSettlement } from '../chat/deliver-settlement';
import { lastStepIsComplete } from '../chat/step-complete';
import { ToolSession, type TurnSettings } from '../chat/tool-session';
import type { ExecutionPolicy } from '../runtime';
import { messageMetadataSchema } from '../shared/message-metadata';
import { browserTools, createDataLoader } from '../tools/registry';
import { createTraceSink, reduceRuns } from '../trace/trace-store';
import type { RunTrace } from '../trace/trace-types';
import { latencyFor } from './demo-settings';
import { useDemoSettings } from './demo-settings-store';

type LaneTraces = { runs: Record<string, RunTrace>; latest: string | undefined };

/**
 * One lane's own machinery: a trace store, a tool session and a transport, apart from the
 * main conversation's, so a race never lands in the chat's history or its timeline.
 */
function createLane(policy: ExecutionPolicy, settings: () => Omit<TurnSettings, 'policy'>) {
  const traces = createStore<LaneTraces>()(() => ({ runs: {}, latest: undefined }));
  const sink = createTraceSink((events) =>
    traces.setState((state) => {
      const runs = reduceRuns(state.runs, events);
      const started = events.findLast((event) => event.type === 'run-started');
      return {
        runs,
        latest: started?.type === 'run-started' ? started.runId : state.latest,
      };
    }),
  );
  const session = new ToolSession({
    browserTools,
    load: createDataLoader(queryClient),
    settings: () => ({ ...settings(), policy }),
    trace: (event) => sink.push(event),
  });
  return { traces, session, transport: new FanoutTransport(session) };
}

/** A race lane: one real, independent chat whose execution policy is forced to `policy`. */
export function useRaceLane(policy: ExecutionPolicy, modelId: string | undefined) {
  const modelRef = useRef(modelId);
  modelRef.current = modelId;
  const [lane] = useState(() =>
    createLane(policy, () => {
      const demo = useDemoSettings.getState();
      return {
        parallelToolCalls: demo.parallelToolCalls,
        maxConcurrency: demo.maxConcurrency,
        modelId: modelRef.current,
        latency: (toolName, own) => latencyFor(demo, toolName, own),
      };
    }),
  );
  const { session, transport, traces } = lane;

  const chat = useChat<FanoutMessage>({
    id: `race-${policy}`,
    transport,
    messageMetadataSchema,
    throttle: 50,
    // Returns at once, exactly as the main chat does: awaiting would serialise the step.
    onToolCall: ({ toolCall }) => {
      session.onToolCall(toolCall);
    },
    sendAutomaticallyWhen: ({ messages }) => !session.stopped && lastStepIsComplete({ messages }),
  });
  const { sendMessage, setMessages, stop, addToolOutput, clearError } = chat;

  useEffect(() => {
    session.setDeliver((settlement) => deliverSettlement(addToolOutput, settlement));
  }, [session, addToolOutput]);

  const run = useStore(traces, (state) => (state.latest ? state.runs[state.latest] : undefined));

  const start = useCallback(
    (prompt: string) => {
      // Each race is a fresh one-turn conversation: no earlier answer may shape this one.
      session.stop();
      clearError();
      setMessages([]);
      void sendMessage({ text: prompt });
    },
    [session, clearError, setMessages, sendMessage],
  );
  const halt = useCallback(() => {
    session.stop();
    void stop();
  }, [session, stop]);

  const answer = chat.messages
    .findLast((message) => message.role === 'assistant')
    ?.parts.map((part) => (part.type === 'text' ? part.text : ''))
    .join('')
    .trim();
  return { run, start, stop: halt, answer, error: chat.error?.message, status: chat.status };
}
