import { memo } from 'react';
import { useChatSettings } from './chat-settings-store';
import { useModels } from './use-models';
import { useSelectedModel } from './use-selected-model';

/** Chooses the model for the next turn, from what `GET /api/models` says is configured. */
export const ModelPicker = memo(function ModelPicker({ disabled }: { disabled: boolean }) {
  const { data, isPending, isError, refetch } = useModels();
  const selected = useSelectedModel();
  const setModelId = useChatSettings((state) => state.setModelId);

  if (isError) {
    return (
      <button
        type="button"
        className="button button-ghost model-error"
        onClick={() => void refetch()}
      >
        Models unavailable — retry
      </button>
    );
  }
  return (
    <label className="model-picker">
      <span className="model-picker-label">Model</span>
      <select
        aria-label="Model"
        value={selected ?? ''}
        disabled={disabled || isPending}
        onChange={(event) => setModelId(event.target.value)}
      >
        {isPending ? <option value="">Loading…</option> : null}
        {data?.models.map((model) => (
          <option key={model.id} value={model.id} title={model.description}>
            {model.label}
          </option>
        ))}
      </select>
    </label>
  );
});
