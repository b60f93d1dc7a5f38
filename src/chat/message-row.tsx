import { memo } from 'react';
import type { FanoutMessage } from '../shared/message-metadata';
import { TimelineLink } from '../timeline/timeline-link';
import { LazyMarkdown } from './lazy-markdown';
import { isToolPart, ToolCallList, type ToolPart } from './tool-call-list';

type Block =
  | { kind: 'text'; key: string; text: string }
  | { kind: 'tools'; key: string; parts: ToolPart[] };

/** Groups a message's parts into what the reader sees: text blocks and each step's calls. */
function blocksOf(message: FanoutMessage): Block[] {
  const blocks: Block[] = [];
  // Each step's calls form their own list, even when no text separates two steps.
  let newStep = false;
  for (const [index, part] of message.parts.entries()) {
    const last = blocks.at(-1);
    if (part.type === 'step-start') {
      newStep = true;
    } else if (part.type === 'text') {
      if (last?.kind === 'text' && !newStep) last.text += part.text;
      else blocks.push({ kind: 'text', key: `text-${index}`, text: part.text });
      newStep = false;
    } else if (isToolPart(part)) {
      if (last?.kind === 'tools' && !newStep) last.parts.push(part);
      else blocks.push({ kind: 'tools', key: `tools-${part.toolCallId}`, parts: [part] });
      newStep = false;
    }
  }
  return blocks.filter((block) => block.kind === 'tools' || block.text.trim() !== '');
}

/** The message's metadata holds its latest model call's usage: say so, and say if estimated. */
function formatTokens(message: FanoutMessage): string | undefined {
  const usage = message.metadata?.usage;
  if (!usage?.outputTokens) return undefined;
  const counts = `${usage.inputTokens ?? '?'} in · ${usage.outputTokens} out tokens`;
  return `Last model call: ${counts}${usage.estimated ? ' (estimated)' : ''}`;
}

type MessageRowProps = {
  message: FanoutMessage;
  modelLabel: string | undefined;
  streaming: boolean;
  /** False once the turn ended (stopped or failed): calls still open were never run. */
  turnActive: boolean;
};

/** One message; memoised so only the message that changes re-renders while a stream arrives. */
export const MessageRow = memo(function MessageRow({
  message,
  modelLabel,
  streaming,
  turnActive,
}: MessageRowProps) {
  if (message.role === 'user') {
    const text = message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
    return (
      <li className="message message-user" data-role="user">
        <div className="bubble">{text}</div>
        {message.metadata?.stoppedAt !== undefined ? (
          <StoppedNote>Stopped before the model answered.</StoppedNote>
        ) : null}
      </li>
    );
  }
  const blocks = blocksOf(message);
  const details = formatTokens(message);
  return (
    <li className="message message-assistant" data-role="assistant" aria-busy={streaming}>
      <div className="message-author">
        <span className="avatar" aria-hidden="true">
          F
        </span>
        <span>{modelLabel ?? message.metadata?.model ?? 'Assistant'}</span>
        <TimelineLink messageId={message.id} />
      </div>
      <div className="message-body">
        {blocks.map((block) =>
          block.kind === 'text' ? (
            <LazyMarkdown key={block.key} text={block.text} />
          ) : (
            <ToolCallList key={block.key} parts={block.parts} turnActive={turnActive} />
          ),
        )}
        {blocks.length === 0 && streaming ? <TypingDots /> : null}
        {streaming && blocks.at(-1)?.kind === 'text' ? (
          <span className="caret" aria-hidden="true" />
        ) : null}
      </div>
      {message.metadata?.stoppedAt !== undefined ? (
        <StoppedNote>Stopped: you pressed Stop before this answer finished.</StoppedNote>
      ) : null}
      {details && !streaming ? <div className="message-details">{details}</div> : null}
    </li>
  );
});

/** Says that Stop cut the turn off (saved with the message, so it survives a reload). */
function StoppedNote({ children }: { children: string }) {
  return (
    <p className="message-stopped" data-testid="message-stopped">
      <span className="stop-square" aria-hidden="true" />
      {children}
    </p>
  );
}

export function TypingDots() {
  return (
    <span className="typing" role="status" aria-label="Waiting for the model">
      <span />
      <span />
      <span />
    </span>
  );
}
