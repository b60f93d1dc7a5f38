import { useChat } from '@ai-sdk/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { queryClient } from '../app/query-client';
import { concurrencyFor, faultFor, latencyFor } from '../demo/demo-settings';
import { useDemoSettings } from '../demo/demo-settings-store';
import { messageMetadataSchema } from '../shared/message-metadata';
import { dataFileNames } from '../shared/tools/data-files';
import {
  type BrowserTool,
  browserTools,
  createDataLoader,
  type DataLoader,
} from '../tools/registry';
import { handlerClock } from '../trace/handler-clock';
import { createTraceSink, useTraceStore } from '../trace/trace-store';
import { FanoutTransport } from './chat-transport';
import type { FanoutMessage } from './chat-types';
import { closeOpenCalls, STOPPED_CALL } from './close-open-calls';
import { deliverSettlement } from './deliver-settlement';
import { lastStepIsComplete } from './step-complete';
import { ToolSession, type TurnSettings } from './tool-session';
import { fetchModels } from './use-models';
import { useSelectedModel } from './use-selected-model';

/** What the model is told when the user denies a call (it reads as "was not run: …"). */
export const DENY_REASON = 'the user denied it';

/** Render at most one message snapshot per animation frame while a stream is arriving. */
const RENDER_THROTTLE_MS = 16;

/**
 * Warms the data cache as soon as the page starts (the files are small), so a tool call's
 * measured time is its service latency and its work, not the first download of its data.
 */
function prefetchData(load: DataLoader) {
  for (const file of dataFileNames) load(file).catch(() => undefined);
}

/**
 * Forwards each finished run to the proxy's collector route, once. Loaded on demand, and
 * given up for the page's life when the proxy says no collector is configured.
 */
function createCollectorForwarder(flush: () => void) {
  const sent = new Set<string>();
  let disabled = false;
  return (runId: string) => {
    if (disabled || sent.has(runId)) return;
    sent.add(runId);
    setTimeout(async () => {
      flush();
      const run = useTraceStore.getState().runs[runId];
      if (!run) return;
      const { forwardRunTrace } = await import('../trace/collector-client');
      const result = await forwardRunTrace(run);
      if (result.status === 'disabled') disabled = true;
    }, 0);
  };
}

/**
 * Adds the fault-injection tools' handlers when, and only when, the proxy declares them
 * (FANOUT_FAULT_TOOLS, for end-to-end tests). `<html data-fault-tools="ready">` tells a test
 * they are in place.
 */
function loadFaultToolsIfOffered(tools: Record<string, BrowserTool>) {
  queryClient
    .fetchQuery({ queryKey: ['models'], queryFn: fetchModels, staleTime: 60_000 })
    .then(async (models) => {
      if (!models.faultTools) return;
      const { faultTools } = await import('../tools/fault-tools');
      Object.assign(tools, faultTools);
      document.documentElement.dataset.faultTools = 'ready';
    })
    .catch(() => undefined);
}

function createSession(settings: () => TurnSettings) {
  const sink = createTraceSink();
  const forward = createCollectorForwarder(sink.flush);
  const load = createDataLoader(queryClient);
  prefetchData(load);
  const tools: Record<string, BrowserTool> = { ...browserTools };
  loadFaultToolsIfOffered(tools);
  const session = new ToolSession({
    browserTools: tools,
    load,
    settings,
    handlerClock,
    trace: (event) => {
      sink.push(event);
      if (event.type === 'run-ended') forward(event.runId);
    },
  });
  return { session, transport: new FanoutTransport(session) };
}

/** The chat wired to Fanout's proxy and to the browser tool executor. */
export function useFanoutChat(conversationId: string, initialMessages: FanoutMessage[]) {
  const model = useSelectedModel();
  const settingsRef = useRef<() => TurnSettings>(() => {
    throw new Error('settings read before render');
  });
  settingsRef.current = () => {
    const demo = useDemoSettings.getState();
    return {
      policy: demo.policy,
      parallelToolCalls: demo.parallelToolCalls,
      maxConcurrency: demo.maxConcurrency,
      modelId: model,
      latency: (toolName, own) => latencyFor(demo, toolName, own),
      fault: (toolName) => faultFor(demo, toolName),
      slowFactor: demo.slowFactor,
      toolConcurrency: (toolName, own) => concurrencyFor(demo, toolName, own),
      offlinePacing: demo.offlinePacing,
    };
  };
  const [{ session, transport }] = useState(() => createSession(() => settingsRef.current()));

  const chat = useChat<FanoutMessage>({
    id: conversationId,
    messages: initialMessages,
    transport,
    messageMetadataSchema,
    throttle: RENDER_THROTTLE_MS,
    // Returns at once: the executor runs the call; awaiting here would serialise the step.
    onToolCall: ({ toolCall }) => {
      session.onToolCall(toolCall);
    },
    // A denied call counts as answered, so the SDK's own completeness check is not enough.
    sendAutomaticallyWhen: ({ messages }) => !session.stopped && lastStepIsComplete({ messages }),
  });
  const {
    sendMessage,
    regenerate,
    clearError,
    stop,
    setMessages,
    addToolOutput,
    addToolApprovalResponse,
  } = chat;

  useEffect(() => {
    session.setDeliver((settlement) => deliverSettlement(addToolOutput, settlement));
  }, [session, addToolOutput]);

  const send = useCallback(
    (text: string) => {
      clearError();
      void sendMessage({ text });
    },
    [sendMessage, clearError],
  );
  const retry = useCallback(() => {
    clearError();
    void regenerate();
  }, [regenerate, clearError]);
  // The proxy asks for approval (needsApproval), so the part carries an approval id: answering
  // it is the AI SDK's own representation, and a denial reaches the model as execution-denied.
  const approve = useCallback(
    (callId: string, approvalId: string | undefined) => {
      if (approvalId) void addToolApprovalResponse({ id: approvalId, approved: true });
      session.approve(callId);
    },
    [session, addToolApprovalResponse],
  );
  const deny = useCallback(
    (callId: string, approvalId: string | undefined, toolName: string) => {
      if (!session.deny(callId, DENY_REASON)) return;
      if (approvalId) {
        void addToolApprovalResponse({ id: approvalId, approved: false, reason: DENY_REASON });
      } else {
        // No approval to answer (a proxy that did not ask): say so as the call's error.
        void addToolOutput({
          state: 'output-error',
          tool: toolName,
          toolCallId: callId,
          errorText: `Not run: ${DENY_REASON}.`,
        });
      }
    },
    [session, addToolApprovalResponse, addToolOutput],
  );
  const stopTurn = useCallback(() => {
    session.stop();
    // Once the chat has let go of the response, the calls Stop cut off get a result saying so:
    // without one, the next message's history would hold calls the model never heard back from.
    void stop().then(() => setMessages((messages) => closeOpenCalls(messages, STOPPED_CALL)));
  }, [session, stop, setMessages]);

  // Between steps the chat is idle while tools run; the run is still in progress.
  const runActive = useTraceStore((state) => {
    const latest = state.runOrder.at(-1);
    return latest ? state.runs[latest]?.status === 'running' : false;
  });
  // A response can fail without the chat noticing (cut off mid-call): the trace knows.
  const runFailure = useTraceStore(
    useShallow((state) => {
      const latest = state.runOrder.at(-1);
      const run = latest ? state.runs[latest] : undefined;
      if (run?.status !== 'error') return undefined;
      const errorText = run.steps.findLast((step) => step.errorText)?.errorText;
      return errorText ? { runId: run.id, errorText } : undefined;
    }),
  );
  const [dismissedRun, setDismissedRun] = useState<string | undefined>();
  const problem =
    chat.error?.message ??
    (runFailure && runFailure.runId !== dismissedRun ? runFailure.errorText : undefined);
  const dismissProblem = useCallback(() => {
    clearError();
    setDismissedRun(runFailure?.runId);
  }, [clearError, runFailure?.runId]);
  const busy = chat.status === 'submitted' || chat.status === 'streaming' || runActive;

  return {
    ...chat,
    send,
    retry,
    stop: stopTurn,
    approve,
    deny,
    model,
    session,
    busy,
    problem,
    dismissProblem,
  };
}
