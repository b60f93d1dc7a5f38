import { useEffect, useRef } from 'react';
import type { FanoutMessage } from '../shared/message-metadata';
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

  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const scroller = scrollerRef.current;
    const list = listRef.current;
    if (!scroller || !list) return;
    const onScroll = () => {
      pinnedRef.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    // Follow the content only when it actually grows: scrolling on every render forced a
    // layout per streamed chunk and per settled tool call, delaying the page's timers.
    const follow = new ResizeObserver(() => {
      if (pinnedRef.current) endRef.current?.scrollIntoView({ block: 'end' });
    });
    follow.observe(list);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      follow.disconnect();
    };
  }, []);

  const last = messages.at(-1);
  const waitingForFirstChunk = busy && last?.role === 'user';

  return (
    <div className="message-scroller" ref={scrollerRef}>
      <ol className="message-list" aria-label="Conversation" ref={listRef}>
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
