import { ChatView } from '../chat/chat-view';
import { Providers } from './providers';

export function App() {
  return (
    <Providers>
      <ChatView />
    </Providers>
  );
}
