import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { countOf } from '../shared/words';
import { useHistoryStore } from './history-store';

const timeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function relativeTime(epochMs: number, now = Date.now()): string {
  const seconds = Math.round((epochMs - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return timeFormat.format(seconds, 'second');
  if (abs < 3600) return timeFormat.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return timeFormat.format(Math.round(seconds / 3600), 'hour');
  return timeFormat.format(Math.round(seconds / 86_400), 'day');
}

/**
 * "Deleted “…”. Undo", for a few seconds after a delete: in the drawer, and in the chat when
 * the drawer has closed (deleting the open conversation starts a new one, which closes it).
 */
export function UndoDelete() {
  const deleted = useHistoryStore((state) => state.deleted);
  return (
    <div className="history-undo-slot" role="status" aria-live="polite">
      {deleted ? (
        <div className="history-undo" data-testid="history-undo">
          <span className="history-undo-text">Deleted “{deleted.title}”.</span>
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => void useHistoryStore.getState().undoDelete()}
          >
            Undo
          </button>
        </div>
      ) : null}
    </div>
  );
}

type HistoryDrawerProps = {
  open: boolean;
  onClose: () => void;
  /** Called before switching conversation, so a running turn can be stopped. */
  onBeforeSwitch: () => void;
};

/** Saved conversations, newest first: open one, delete one, or start a new one. */
export function HistoryDrawer({ open, onClose, onBeforeSwitch }: HistoryDrawerProps) {
  const { conversations, activeId, status } = useHistoryStore(
    useShallow((state) => ({
      conversations: state.conversations,
      activeId: state.activeId,
      status: state.status,
    })),
  );
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const openConversation = (id: string) => {
    onBeforeSwitch();
    void useHistoryStore.getState().open(id);
    onClose();
  };
  const startNew = () => {
    onBeforeSwitch();
    useHistoryStore.getState().startNew();
    onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="history-drawer"
      aria-labelledby="history-title"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === dialogRef.current) onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="history-header">
        <h2 id="history-title">History</h2>
        <button
          type="button"
          className="button button-ghost"
          onClick={onClose}
          aria-label="Close history"
        >
          Close
        </button>
      </div>
      <button type="button" className="button button-primary history-new" onClick={startNew}>
        New chat
      </button>
      <UndoDelete />
      {status === 'unavailable' ? (
        <p className="history-empty">Saving is not available in this browser.</p>
      ) : conversations.length === 0 ? (
        <p className="history-empty">No saved conversations yet.</p>
      ) : (
        <ul className="history-list" aria-label="Saved conversations">
          {conversations.map((conversation) => (
            <li
              key={conversation.id}
              className={`history-item${conversation.id === activeId ? ' active' : ''}`}
            >
              <button
                type="button"
                className="history-open"
                onClick={() => openConversation(conversation.id)}
                aria-current={conversation.id === activeId ? 'true' : undefined}
              >
                <span className="history-title">{conversation.title}</span>
                <span className="history-meta">
                  {relativeTime(conversation.updatedAt)} ·{' '}
                  {countOf(conversation.messageCount, 'message')}
                </span>
              </button>
              <button
                type="button"
                className="button button-ghost history-delete"
                aria-label={`Delete “${conversation.title}”`}
                onClick={() => void useHistoryStore.getState().remove(conversation.id)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </dialog>
  );
}
