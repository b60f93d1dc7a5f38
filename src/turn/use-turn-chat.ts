import { useChat } from '@ai-sdk/react';
import { startTransition, useCallback, useEffect, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { closeOpenCalls, markStopped, STOPPED_CALL } from '../shared/close-open-calls';
import type { TraceState } from '../trace/trace-store';
import type { RunTrace } from '../trace/trace-types';
import type { TurnEngine } from './engine';

function latestRun(state: TraceState): RunTrace | undefined {
  const latest = state.runOrder.at(-1);
  return latest ? state.runs[latest] : undefined;
}

/** The latest run of a trace store; its caller re-renders with every trace batch of that run. */
export function useLatestRun(traces: StoreApi<TraceState>): RunTrace | undefined {
  return useStore(traces, latestRun);
}

/**
 * The one hook over a turn engine: the chat's messages and status, whether a run is in
 * progress, and the actions (send, retry, approve, deny, stop). The chat view and each race lane are small
 * callers of it; `create` runs once per mounted caller.
 */
export function useTurnChat(create: () => TurnEngine, options: { throttleMs?: number } = {}) {
  const [engine] = useState(create);
  const { chat, session, traces } = engine;
  const helpers = useChat({ chat, throttle: options.throttleMs });
  const { sendMessage, regenerate, clearError, setMessages } = helpers;

  // useChat stops the chats it creates when they unmount; this one is the engine's.
  useEffect(() => () => void chat.stop(), [chat]);

  const send = useCallback(
    (text: string) => {
      clearError();
      // The request first, the drawing after: the chat's state updates inside a key or click
      // handler are rendered synchronously at the end of the event, before the SDK's few awaits
      // reach fetch, so the request left only after the page had drawn the sent message (20-25 ms
      // at 1280 px). As a transition they are drawn in the next task, right after fetch is called.
      startTransition(() => void sendMessage({ text }));
    },
    [sendMessage, clearError],
  );
  const retry = useCallback(() => {
    clearError();
    void regenerate();
  }, [regenerate, clearError]);
  /** A fresh one-turn conversation: no earlier answer may shape this one. */
  const restart = useCallback(
    (text: string) => {
      session.stop();
      setMessages([]);
      send(text);
    },
    [session, setMessages, send],
  );
  // The part carries the approval id once the chat has the proxy's request (needsApproval).
  const approve = useCallback(
    (callId: string, approvalId: string | undefined) => {
      session.approve(callId, approvalId);
    },
    [session],
  );
  const deny = useCallback(
    (callId: string, approvalId: string | undefined) => {
      session.deny(callId, approvalId);
    },
    [session],
  );
  const stop = useCallback(() => {
    // Only a turn that was running was stopped (New chat and unmounting stop an idle one too).
    const wasRunning =
      chat.status === 'submitted' ||
      chat.status === 'streaming' ||
      latestRun(traces.getState())?.status === 'running';
    session.stop();
    const at = Date.now();
    // Once the chat has let go of the response, the calls Stop cut off get a result saying so:
    // without one, the next message's history would hold calls the model never heard back from.
    // The turn's last message says it was stopped, in the chat and after a reload.
    void chat.stop().then(() =>
      setMessages((messages) => {
        const closed = closeOpenCalls(messages, STOPPED_CALL);
        return wasRunning ? markStopped(closed, at) : closed;
      }),
    );
  }, [session, chat, setMessages, traces]);

  // Only whether the latest run is in progress: the whole run changes with every trace batch,
  // and selecting it here re-rendered the page's whole shell (header, composer, chat, timeline)
  // on every settle while the follow-up's response was arriving. Callers that draw the run
  // select it themselves (useLatestRun).
  const running = useStore(traces, (state) => latestRun(state)?.status === 'running');
  // A response can fail without the chat noticing (cut off mid-call): the trace knows.
  const runFailure = useStore(
    traces,
    useShallow((state: TraceState) => {
      const failed = latestRun(state);
      if (failed?.status !== 'error') return undefined;
      const errorText = failed.steps.findLast((step) => step.errorText)?.errorText;
      return errorText ? { runId: failed.id, errorText } : undefined;
    }),
  );
  const [dismissedRun, setDismissedRun] = useState<string | undefined>();
  const problem =
    helpers.error?.message ??
    (runFailure && runFailure.runId !== dismissedRun ? runFailure.errorText : undefined);
  const dismissProblem = useCallback(() => {
    clearError();
    setDismissedRun(runFailure?.runId);
  }, [clearError, runFailure?.runId]);
  /** The chat is reading a response. */
  const answering = helpers.status === 'submitted' || helpers.status === 'streaming';
  // Between steps the chat is idle while tools run; the run is still in progress.
  const busy = answering || running;

  return {
    ...helpers,
    engine,
    send,
    retry,
    restart,
    stop,
    approve,
    deny,
    answering,
    busy,
    problem,
    dismissProblem,
  };
}
