import { isToolUIPart, type UIMessage } from 'ai';

/**
 * True when the last assistant message's last step has a result for every call the page owns,
 * so the one follow-up request may go. Like the AI SDK's `lastAssistantMessageIsCompleteWithToolCalls`,
 * but a call the user denied (`approval-responded` with `approved: false`, or `output-denied`)
 * counts as answered: the proxy turns it into an `execution-denied` result for the model.
 */
export function lastStepIsComplete({ messages }: { messages: UIMessage[] }): boolean {
  const message = messages.at(-1);
  if (message?.role !== 'assistant') return false;
  const lastStepStart = message.parts.findLastIndex((part) => part.type === 'step-start');
  const stepParts = message.parts.slice(lastStepStart + 1);
  const calls = stepParts.filter(isToolUIPart).filter((part) => !part.providerExecuted);
  if (calls.length === 0) return false;
  const lastCall = stepParts.findLastIndex((part) => isToolUIPart(part) && !part.providerExecuted);
  // Text still streaming after the calls means the step is not over yet.
  const textOpen = stepParts
    .slice(lastCall + 1)
    .some((part) => part.type === 'text' && part.state !== 'done');
  if (textOpen) return false;
  return calls.every(
    (part) =>
      (part.state === 'output-available' && part.preliminary !== true) ||
      part.state === 'output-error' ||
      part.state === 'output-denied' ||
      (part.state === 'approval-responded' && part.approval.approved === false),
  );
}
