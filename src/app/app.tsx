import { useShallow } from 'zustand/react/shallow';
import { ModeScreen } from '../demo/mode-screen';
import { useHistoryStore } from '../persistence/history-store';
import { useAppMode } from '../platform/app-mode-store';
import { AppShell } from './app-shell';
import { Providers } from './providers';

/** Shows the open conversation once storage has said which one that is. */
function ChatScreen() {
  const { status, activeId, initialMessages } = useHistoryStore(
    useShallow((state) => ({
      status: state.status,
      activeId: state.activeId,
      initialMessages: state.initialMessages,
    })),
  );
  if (status === 'loading') return <div className="app-loading" aria-busy="true" />;
  // A new key per conversation gives it a fresh chat, executor and transport.
  return <AppShell key={activeId} conversationId={activeId} initialMessages={initialMessages} />;
}

export function App() {
  const mode = useAppMode((state) => state.mode);
  return (
    <Providers>
      {/* Race, replay and compare cover the chat without unmounting it: a turn in progress,
          and the conversation on screen, are exactly as they were on the way back. */}
      <div className="chat-layer" hidden={mode !== 'chat'}>
        <ChatScreen />
      </div>
      {mode !== 'chat' ? <ModeScreen mode={mode} /> : null}
    </Providers>
  );
}
