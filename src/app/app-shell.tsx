import { useCallback, useMemo, useState } from 'react';
import { type ApprovalActions, ApprovalContext } from '../chat/approval-context';
import { Composer } from '../chat/composer';
import { EmptyState } from '../chat/empty-state';
import { ErrorBanner } from '../chat/error-banner';
import { McpServerNotice } from '../chat/mcp-server-notice';
import { MessageList } from '../chat/message-list';
import { ModelPicker } from '../chat/model-picker';
import { type PromptLinkActions, PromptLinkContext } from '../chat/prompt-link-context';
import { useModels } from '../chat/use-models';
import { CartBadge } from '../demo/cart-badge';
import { DemoHeaderButtons } from '../demo/header-buttons';
import { DemoControls, HelpDialog, ToolsDialog } from '../demo/lazy-parts';
import { useLinkPrompt } from '../demo/link-prompt';
import { ModeNav } from '../demo/mode-nav';
import { RunControls } from '../demo/run-controls';
import { ScenarioDialog } from '../demo/scenario-gallery';
import { scenarios } from '../demo/scenarios';
import { usePresentation } from '../demo/use-presentation';
import { useShortcuts } from '../demo/use-shortcuts';
import { HistoryDrawer, UndoDelete } from '../persistence/history-drawer';
import { useHistoryStore } from '../persistence/history-store';
import { usePersistConversation } from '../persistence/use-persist-conversation';
import { BrandMark } from '../platform/brand-mark';
import type { FanoutMessage } from '../shared/message-metadata';
import { TimelinePanel } from '../timeline/timeline-panel';
import { TimelineToggle } from '../timeline/timeline-toggle';
import { useMessageRunLinks } from '../timeline/use-message-run-links';
import { usePageChat } from './use-page-chat';

/** The text of the last thing the user asked, for a link that asks it again. */
function lastUserPrompt(messages: readonly FanoutMessage[]): string | undefined {
  const last = messages.findLast((message) => message.role === 'user');
  const text = last?.parts
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join('\n')
    .trim();
  return text || undefined;
}

function statusAnnouncement(status: string, hasError: boolean): string {
  if (hasError) return '';
  if (status === 'submitted') return 'Sent. Waiting for the model.';
  if (status === 'streaming') return 'The model is answering.';
  return '';
}

type AppShellProps = {
  conversationId: string;
  initialMessages: FanoutMessage[];
};

/** The chat screen: header, conversation, error banner, composer, and the timeline beside them. */
export function AppShell({ conversationId, initialMessages }: AppShellProps) {
  const chat = usePageChat(conversationId, initialMessages);
  const { data: models } = useModels();
  const busy = chat.busy;
  useMessageRunLinks(chat.messages);
  usePersistConversation(conversationId, chat.messages, busy);
  const [historyOpen, setHistoryOpen] = useState(false);
  const storageNotice = useHistoryStore((state) => state.notice);
  const [dialog, setDialog] = useState<'scenarios' | 'tools' | 'controls' | 'help' | undefined>();
  const closeDialog = useCallback(() => setDialog(undefined), []);
  const openScenarios = useCallback(() => setDialog('scenarios'), []);
  const openControls = useCallback(() => setDialog('controls'), []);
  const openTools = useCallback(() => setDialog('tools'), []);
  const openHelp = useCallback(() => setDialog('help'), []);
  usePresentation();
  useShortcuts({ busy, stop: chat.stop, openScenarios, openControls, openHelp });
  useLinkPrompt(chat.send, initialMessages.length > 0);
  const { approve, deny } = chat;
  const answering = chat.status === 'submitted' || chat.status === 'streaming';
  const approvals = useMemo<ApprovalActions>(
    () => ({ approve, deny, answering }),
    [approve, deny, answering],
  );

  const send = chat.send;
  const promptLinks = useMemo<PromptLinkActions>(() => ({ send, disabled: busy }), [send, busy]);

  const labelOf = useCallback(
    (modelId: string | undefined) => models?.models.find((model) => model.id === modelId)?.label,
    [models],
  );
  const onNewChat = () => {
    chat.stop();
    useHistoryStore.getState().startNew();
  };

  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="brand">
          <BrandMark tagline="parallel tool calls, made visible" />
        </div>
        <div className="header-actions">
          <ModelPicker disabled={busy} />
          <DemoHeaderButtons
            onScenarios={openScenarios}
            onTools={openTools}
            onControls={openControls}
            onHelp={openHelp}
          />
          <CartBadge />
        </div>
        <div className="header-actions header-nav">
          <ModeNav current="chat" />
          <TimelineToggle />
          <button
            type="button"
            className="button button-ghost header-history"
            onClick={() => setHistoryOpen(true)}
            aria-haspopup="dialog"
          >
            History
          </button>
          <button
            type="button"
            className="button button-ghost header-new"
            onClick={onNewChat}
            disabled={chat.messages.length === 0}
          >
            New chat
          </button>
        </div>
      </header>
      <div className="workspace">
        <main className="chat-main">
          <McpServerNotice />
          {storageNotice ? (
            <div className="storage-notice" role="status">
              <span>{storageNotice}</span>
              <button
                type="button"
                className="button button-ghost"
                onClick={useHistoryStore.getState().dismissNotice}
              >
                Dismiss
              </button>
            </div>
          ) : null}
          {historyOpen ? null : <UndoDelete />}
          {chat.messages.length === 0 ? (
            <div className="message-scroller">
              <EmptyState
                examples={scenarios}
                onPick={chat.send}
                modelLabel={labelOf(chat.model)}
              />
            </div>
          ) : (
            <ApprovalContext value={approvals}>
              <PromptLinkContext value={promptLinks}>
                <MessageList messages={chat.messages} busy={busy} labelOf={labelOf} />
              </PromptLinkContext>
            </ApprovalContext>
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
      <ScenarioDialog
        open={dialog === 'scenarios'}
        onClose={closeDialog}
        onPick={chat.send}
        busy={busy}
      />
      <ToolsDialog open={dialog === 'tools'} onClose={closeDialog} onSend={chat.send} busy={busy} />
      <DemoControls
        open={dialog === 'controls'}
        onClose={closeDialog}
        lastPrompt={dialog === 'controls' ? lastUserPrompt(chat.messages) : undefined}
      />
      <HelpDialog open={dialog === 'help'} onClose={closeDialog} />
      <HistoryDrawer
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        onBeforeSwitch={chat.stop}
      />
    </div>
  );
}
