import { useChatSettings } from './chat-settings-store';
import { useModels } from './use-models';

/** The model id the next turn will use: the user's pick when the server still offers it, else the server default. */
export function useSelectedModel(): string | undefined {
  const picked = useChatSettings((state) => state.modelId);
  const { data } = useModels();
  if (!data) return picked;
  if (picked && data.models.some((model) => model.id === picked)) return picked;
  return data.defaultModel;
}
