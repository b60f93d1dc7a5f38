import { useEffect, useRef } from 'react';
import type { FanoutMessage } from './chat-types';
import { MessageRow, TypingDots } from './message-row';

type MessageListProps = {
  messages: FanoutMessage[];
  busy: boolean;
  labelOf: (modelId: string | undefined) => string | undefined;
};

/** The conversation; keeps the newest content in view unless the reader has scrolled up. */
export function MessageList({ messages, busy, labelOf }: MessageListProps) {
  const endRef = useRef<HTMLDivElement>(null);
  const pinnedRef = useRef(true);
  const scrollerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const onScroll = () => {
      pinnedRef.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => scroller.removeEventListener('scroll', onScroll);
  }, []);

  useEffect(() => {
    if (pinnedRef.current) endRef.current?.scrollIntoView({ block: 'end' });
  });

  const last = messages.at(-1);
  const waitingForFirstChunk = busy && last?.role === 'user';

  return (
    <div className="message-scroller" ref={scrollerRef}>
      <ol className="message-list" aria-label="Conversation">
        {messages.map((message) => (
          <MessageRow
            key={message.id}
            message={message}
            modelLabel={labelOf(message.metadata?.model)}
            streaming={busy && message === last && message.role === 'assistant'}
            turnActive={busy || message !== last}
          />
        ))}
        {waitingForFirstChunk ? (
          <li className="message message-assistant" data-role="pending">
            <div className="message-body">
              <TypingDots />
            </div>
          </li>
        ) : null}
      </ol>
      <div ref={endRef} />
    </div>
  );
}
