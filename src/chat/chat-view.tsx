import { useCallback } from 'react';
import { RunControls } from '../demo/run-controls';
import { TimelinePanel } from '../timeline/timeline-panel';
import { TimelineToggle } from '../timeline/timeline-toggle';
import { useMessageRunLinks } from '../timeline/use-message-run-links';
import { Composer } from './composer';
import { EmptyState } from './empty-state';
import { ErrorBanner } from './error-banner';
import { MessageList } from './message-list';
import { ModelPicker } from './model-picker';
import { useFanoutChat } from './use-fanout-chat';
import { useModels } from './use-models';

function statusAnnouncement(status: string, hasError: boolean): string {
  if (hasError) return '';
  if (status === 'submitted') return 'Sent. Waiting for the model.';
  if (status === 'streaming') return 'The model is answering.';
  return '';
}

/** The chat screen: header, conversation, error banner, composer, and the timeline beside them. */
export function ChatView() {
  const chat = useFanoutChat();
  const { data: models } = useModels();
  const busy = chat.busy;
  useMessageRunLinks(chat.messages);

  const labelOf = useCallback(
    (modelId: string | undefined) => models?.models.find((model) => model.id === modelId)?.label,
    [models],
  );
  const onNewChat = () => {
    chat.stop();
    chat.clearError();
    chat.setMessages([]);
  };

  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="brand-name">Fanout</span>
          <span className="brand-tagline">parallel tool calls, made visible</span>
        </div>
        <div className="header-actions">
          <ModelPicker disabled={busy} />
          <TimelineToggle />
          <button
            type="button"
            className="button button-ghost"
            onClick={onNewChat}
            disabled={chat.messages.length === 0}
          >
            New chat
          </button>
        </div>
      </header>
      <div className="workspace">
        <main className="chat-main">
          {chat.messages.length === 0 ? (
            <div className="message-scroller">
              <EmptyState onPick={chat.send} modelLabel={labelOf(chat.model)} />
            </div>
          ) : (
            <MessageList messages={chat.messages} busy={busy} labelOf={labelOf} />
          )}
          <div className="chat-footer">
            {chat.problem ? (
              <ErrorBanner
                message={chat.problem}
                onRetry={chat.retry}
                onDismiss={chat.dismissProblem}
              />
            ) : null}
            <RunControls disabled={busy} />
            <Composer busy={busy} onSend={chat.send} onStop={chat.stop} />
          </div>
          <div className="visually-hidden" role="status" aria-live="polite">
            {statusAnnouncement(chat.status, Boolean(chat.problem))}
          </div>
        </main>
        <TimelinePanel />
      </div>
    </div>
  );
}
