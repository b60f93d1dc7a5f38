import { useRef } from 'react';
import { pageTools } from '../chat/page-tools';
import { useSelectedModel } from '../chat/use-selected-model';
import { useDemoSettings } from '../demo/demo-settings-store';
import { demoTurnSettings, withDemoSettings } from '../demo/demo-tools';
import type { FanoutMessage } from '../shared/message-metadata';
import { clockTools, handlerClock } from '../trace/handler-clock';
import { useTraceStore } from '../trace/trace-store';
import { createTurnEngine } from '../turn/engine';
import { useTurnChat } from '../turn/use-turn-chat';

/** Render at most one message snapshot per animation frame while a stream is arriving. */
const RENDER_THROTTLE_MS = 16;

/**
 * The conversation's turn engine: the page's trace store, the demo controls read when the user
 * sends, and (with `?clock=1`) the handlers' own clock around the demo's latency.
 */
export function usePageChat(conversationId: string, initialMessages: FanoutMessage[]) {
  const model = useSelectedModel();
  const modelRef = useRef(model);
  modelRef.current = model;
  const chat = useTurnChat(
    () => {
      // The page's tools start loading now: data prefetched, fault tools declared.
      const tools = pageTools();
      return createTurnEngine({
        id: conversationId,
        messages: initialMessages,
        traces: useTraceStore,
        settings: () => {
          const demo = useDemoSettings.getState();
          return {
            ...demoTurnSettings(demo),
            tools: clockTools(handlerClock, tools, (inner) => withDemoSettings(inner, demo)),
            modelId: modelRef.current,
          };
        },
      });
    },
    { throttleMs: RENDER_THROTTLE_MS },
  );
  return { ...chat, model };
}
