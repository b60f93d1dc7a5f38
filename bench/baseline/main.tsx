/**
 * The baseline a developer would write from the AI SDK docs ("client-side tools"): useChat with
 * the tool run inside `onToolCall`, awaited, then `addToolOutput` (not awaited), and
 * `sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithToolCalls`. Same proxy, same model,
 * same tool handlers and the same simulated latency as Fanout (`?latency=<ms>`).
 */
import { useChat } from '@ai-sdk/react';
import { QueryClient } from '@tanstack/react-query';
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithToolCalls } from 'ai';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { browserTools, createDataLoader, withSimulatedLatency } from '../../src/tools/registry';

type CallTiming = { callId: string; startedAt: number; settledAt: number };
type BaselineState = {
  startedAt?: number;
  endedAt?: number;
  error?: string;
  calls: CallTiming[];
  send?: (text: string) => void;
};

const params = new URLSearchParams(location.search);
const latencyMs = Number(params.get('latency') ?? 0);
const load = createDataLoader(new QueryClient());
const state: BaselineState = { calls: [] };
Object.assign(window, { __baseline: state });

function App() {
  const { messages, sendMessage, addToolOutput, status } = useChat({
    transport: new DefaultChatTransport({
      api: '/api/chat',
      body: { model: 'offline', parallelToolCalls: true },
    }),
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithToolCalls,
    async onToolCall({ toolCall }) {
      if (toolCall.dynamic) return;
      const tool = browserTools[toolCall.toolName];
      if (!tool) return;
      const startedAt = performance.now();
      const signal = new AbortController().signal;
      try {
        await withSimulatedLatency({ baseMs: latencyMs, jitterMs: 0 }, signal);
        const output = await tool.handler(toolCall.input, { signal, load });
        // No await: the docs' advice, to avoid a deadlock.
        void addToolOutput({ tool: toolCall.toolName, toolCallId: toolCall.toolCallId, output });
      } catch (error) {
        void addToolOutput({
          state: 'output-error',
          tool: toolCall.toolName,
          toolCallId: toolCall.toolCallId,
          errorText: error instanceof Error ? error.message : String(error),
        });
      }
      state.calls.push({
        callId: toolCall.toolCallId,
        startedAt,
        settledAt: performance.now(),
      });
    },
    onFinish({ finishReason, isError }) {
      if (isError) state.error = 'stream error';
      if (finishReason !== 'tool-calls') state.endedAt = performance.now();
    },
    onError(error) {
      state.error = error.message;
    },
  });

  useEffect(() => {
    state.send = (text: string) => {
      state.calls = [];
      state.endedAt = undefined;
      state.startedAt = performance.now();
      void sendMessage({ text });
    };
  }, [sendMessage]);

  return (
    <main>
      <p data-status={status}>{status}</p>
      <ol>
        {messages.map((message) => (
          <li key={message.id}>
            {message.parts.map((part, index) =>
              part.type === 'text' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: parts have no ids
                <p key={index}>{part.text}</p>
              ) : 'toolCallId' in part ? (
                <code key={part.toolCallId}>
                  {part.type} {part.state}{' '}
                </code>
              ) : null,
            )}
          </li>
        ))}
      </ol>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
