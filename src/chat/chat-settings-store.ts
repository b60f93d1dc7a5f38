import { create } from 'zustand';
import { persist } from 'zustand/middleware';

type ChatSettings = {
  /** The model the user picked; undefined means the server's default. */
  modelId: string | undefined;
  setModelId: (modelId: string | undefined) => void;
};

export const useChatSettings = create<ChatSettings>()(
  persist(
    (set) => ({
      modelId: undefined,
      setModelId: (modelId) => set({ modelId }),
    }),
    { name: 'fanout.chat-settings', version: 1 },
  ),
);
