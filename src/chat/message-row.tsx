import { memo } from 'react';
import type { FanoutMessage } from './chat-types';
import { Markdown } from './markdown';

function textOf(message: FanoutMessage): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function formatTokens(message: FanoutMessage): string | undefined {
  const usage = message.metadata?.usage;
  if (!usage?.outputTokens) return undefined;
  return `${usage.inputTokens ?? '?'} in · ${usage.outputTokens} out tokens`;
}

function formatProxyTime(message: FanoutMessage): string | undefined {
  const proxy = message.metadata?.proxy;
  if (!proxy?.receivedAt || !proxy.finishedAt) return undefined;
  const total = proxy.finishedAt - proxy.receivedAt;
  const first = proxy.firstChunkAt ? proxy.firstChunkAt - proxy.receivedAt : undefined;
  return first !== undefined
    ? `first chunk ${first} ms · done ${total} ms (proxy clock)`
    : `done ${total} ms (proxy clock)`;
}

type MessageRowProps = {
  message: FanoutMessage;
  modelLabel: string | undefined;
  streaming: boolean;
};

/** One message; memoised so only the message that changes re-renders while a stream arrives. */
export const MessageRow = memo(function MessageRow({
  message,
  modelLabel,
  streaming,
}: MessageRowProps) {
  const text = textOf(message);
  if (message.role === 'user') {
    return (
      <li className="message message-user" data-role="user">
        <div className="bubble">{text}</div>
      </li>
    );
  }
  const details = [formatTokens(message), formatProxyTime(message)].filter(Boolean).join(' · ');
  return (
    <li className="message message-assistant" data-role="assistant" aria-busy={streaming}>
      <div className="message-author">
        <span className="avatar" aria-hidden="true">
          F
        </span>
        <span>{modelLabel ?? message.metadata?.model ?? 'Assistant'}</span>
      </div>
      <div className="message-body">
        {text ? <Markdown text={text} /> : streaming ? <TypingDots /> : null}
        {streaming && text ? <span className="caret" aria-hidden="true" /> : null}
      </div>
      {details && !streaming ? <div className="message-details">{details}</div> : null}
    </li>
  );
});

export function TypingDots() {
  return (
    <span className="typing" role="status" aria-label="Waiting for the model">
      <span />
      <span />
      <span />
    </span>
  );
}
