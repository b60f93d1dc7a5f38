import { useShallow } from 'zustand/react/shallow';
import { ChatView } from '../chat/chat-view';
import { useHistoryStore } from '../persistence/history-store';
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
  return <ChatView key={activeId} conversationId={activeId} initialMessages={initialMessages} />;
}

export function App() {
  return (
    <Providers>
      <ChatScreen />
    </Providers>
  );
}
