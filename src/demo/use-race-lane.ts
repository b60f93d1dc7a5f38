import { useRef } from 'react';
import { pageTools } from '../chat/page-tools';
import type { ExecutionPolicy } from '../runtime';
import { createTraceStore } from '../trace/trace-store';
import { createTurnEngine } from '../turn/engine';
import { useLatestRun, useTurnChat } from '../turn/use-turn-chat';
import { useDemoSettings } from './demo-settings-store';
import { demoTurnSettings, withDemoSettings } from './demo-tools';

/**
 * A race lane: the same turn engine as the chat, with a trace store of its own (a race never
 * lands in the chat's history or its timeline) and its execution policy forced to `policy`.
 */
export function useRaceLane(policy: ExecutionPolicy, modelId: string | undefined) {
  const modelRef = useRef(modelId);
  modelRef.current = modelId;
  const lane = useTurnChat(
    () => {
      const tools = pageTools();
      return createTurnEngine({
        id: `race-${policy}`,
        traces: createTraceStore(),
        settings: () => {
          const demo = useDemoSettings.getState();
          return {
            ...demoTurnSettings(demo),
            policy,
            tools: withDemoSettings(tools, demo),
            modelId: modelRef.current,
          };
        },
      });
    },
    { throttleMs: 50 },
  );
  const answer = lane.messages
    .findLast((message) => message.role === 'assistant')
    ?.parts.map((part) => (part.type === 'text' ? part.text : ''))
    .join('')
    .trim();
  // A lane draws its run (figures, pending approvals): it follows every trace batch.
  const run = useLatestRun(lane.engine.traces);
  return { ...lane, run, answer };
}
