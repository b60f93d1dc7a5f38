import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExecutionPolicyName } from '../shared/chat-request';
import { useDemoSettings } from './demo-settings-store';

const policies: Array<{ value: ExecutionPolicyName; label: string; hint: string }> = [
  {
    value: 'parallel',
    label: 'Parallel',
    hint: 'Start each call the moment its input is complete',
  },
  {
    value: 'batch',
    label: 'Batch',
    hint: 'Wait for the model to finish the step, then start all its calls together',
  },
  {
    value: 'sequential',
    label: 'Sequential',
    hint: 'One call at a time, in the order the model emitted them',
  },
];

/**
 * The execution policy as a segmented control; `name` keeps each copy its own radio group.
 * Memoised, as the other controls under the chat are: the chat's shell re-renders with every
 * message update (each streamed chunk, each call's output), and a re-rendered radio group has
 * its inputs' name and type attributes written again (React's radio handling), which restyled
 * the page's footer on every update.
 */
export const PolicyControl = memo(function PolicyControl({
  name,
  disabled,
}: {
  name: string;
  disabled?: boolean;
}) {
  const policy = useDemoSettings((state) => state.policy);
  const update = useDemoSettings((state) => state.update);
  return (
    <fieldset className="segmented" disabled={disabled}>
      <legend className="run-controls-label">Execution</legend>
      {policies.map((option) => (
        <label
          key={option.value}
          title={option.hint}
          className={policy === option.value ? 'active' : ''}
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={policy === option.value}
            onChange={() => update({ policy: option.value })}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
});

/** How the next turn runs: the execution policy and whether the model may call tools in parallel. */
export const RunControls = memo(function RunControls({ disabled }: { disabled: boolean }) {
  const { parallelToolCalls, update } = useDemoSettings(
    useShallow((state) => ({
      parallelToolCalls: state.parallelToolCalls,
      update: state.update,
    })),
  );
  return (
    <div className="run-controls">
      <PolicyControl name="policy" disabled={disabled} />
      <label
        className="switch"
        title="Whether the model may emit several tool calls in one response"
      >
        <input
          type="checkbox"
          role="switch"
          aria-checked={parallelToolCalls}
          checked={parallelToolCalls}
          disabled={disabled}
          onChange={(event) => update({ parallelToolCalls: event.target.checked })}
        />
        <span className="switch-track" aria-hidden="true" />
        Parallel tool calls
      </label>
    </div>
  );
});
