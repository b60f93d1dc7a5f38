import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useCallback, useMemo } from 'react';
import { messageMetadataSchema } from '../shared/message-metadata';
import { chatFetch } from './chat-fetch';
import type { FanoutMessage } from './chat-types';
import { useSelectedModel } from './use-selected-model';

/** Render at most one message snapshot per animation frame while a stream is arriving. */
const RENDER_THROTTLE_MS = 16;

/** The chat wired to Fanout's proxy: sends the selected model with each turn. */
export function useFanoutChat() {
  const model = useSelectedModel();
  const transport = useMemo(
    () => new DefaultChatTransport<FanoutMessage>({ api: '/api/chat', fetch: chatFetch }),
    [],
  );
  const chat = useChat<FanoutMessage>({
    transport,
    messageMetadataSchema,
    throttle: RENDER_THROTTLE_MS,
  });
  const { sendMessage, regenerate, clearError } = chat;

  const send = useCallback(
    (text: string) => {
      clearError();
      void sendMessage({ text }, { body: { model } });
    },
    [sendMessage, clearError, model],
  );
  const retry = useCallback(() => {
    clearError();
    void regenerate({ body: { model } });
  }, [regenerate, clearError, model]);

  return { ...chat, send, retry, model };
}
