import { useState } from 'react';
import { type QueuedCall, ToolsPanel } from '../chat/tools-panel';
import { useSelectedModel } from '../chat/use-selected-model';
import { formatManualStep } from '../shared/manual-step';
import { SideDialog } from './side-dialog';

/** The tools panel in a drawer from the header; its footer fires the queued calls as one step. */
export function ToolsDialog({
  open,
  onClose,
  onSend,
  busy,
}: {
  open: boolean;
  onClose: () => void;
  onSend: (message: string) => void;
  busy: boolean;
}) {
  const [queued, setQueued] = useState<QueuedCall[]>([]);
  const model = useSelectedModel();
  const offline = model === undefined || model === 'offline';
  const run = () => {
    onSend(formatManualStep(queued));
    setQueued([]);
    onClose();
  };
  const note = busy
    ? 'An answer is running: stop it or wait.'
    : offline
      ? 'Sent as /call lines to the offline planner.'
      : 'The /call lines are read by the offline planner: pick it in the model menu.';
  return (
    <SideDialog
      open={open}
      onClose={onClose}
      title="Tools"
      testId="tools-dialog"
      className="tools-dialog"
      footer={
        <>
          <p className="control-hint">{note}</p>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || queued.length === 0}
            onClick={run}
          >
            {queued.length > 1
              ? `Run ${queued.length} calls at once`
              : queued.length === 1
                ? 'Run 1 call'
                : 'Run'}
          </button>
        </>
      }
    >
      <ToolsPanel queued={queued} onQueue={setQueued} />
    </SideDialog>
  );
}
