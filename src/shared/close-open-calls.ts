import type { FanoutMessage } from './message-metadata';

type Part = FanoutMessage['parts'][number];

/** What a call stopped by the user reads as, in the chat and to the model on the next turn. */
export const STOPPED_CALL = 'Stopped: the user pressed Stop before this call finished.';
/** What a call left open by a reload reads as. */
export const INTERRUPTED_CALL = 'Interrupted: the page was reloaded before this call finished.';

/**
 * True for a call that has no result yet and would never get one once its turn is over: its
 * input still streaming or complete, waiting for approval, or approved but not answered.
 */
function isOpenCall(part: Part): boolean {
  if (!('toolCallId' in part)) return false;
  switch (part.state) {
    case 'input-streaming':
    case 'input-available':
    case 'approval-requested':
      return true;
    case 'approval-responded':
      return part.approval.approved === true;
    default:
      return false;
  }
}

function closed(part: Part, errorText: string): Part {
  const {
    output: _output,
    approval: _approval,
    ...rest
  } = part as Part & { output?: unknown; approval?: unknown };
  return {
    ...rest,
    state: 'output-error',
    input: ('input' in part ? part.input : undefined) ?? {},
    errorText,
  } as unknown as Part;
}

/**
 * Closes every call that can no longer finish (after Stop, or after a reload cut a run off)
 * with an error saying why, so the conversation stays one the model can read: every call it
 * made has a result. Returns the same array when nothing was open.
 */
export function closeOpenCalls(messages: FanoutMessage[], errorText: string): FanoutMessage[] {
  if (!messages.some((message) => message.parts.some(isOpenCall))) return messages;
  return messages.map((message) =>
    message.parts.some(isOpenCall)
      ? {
          ...message,
          parts: message.parts.map((part) => (isOpenCall(part) ? closed(part, errorText) : part)),
        }
      : message,
  );
}

/**
 * The conversation with its last message marked as stopped at `at` (epoch ms): the chat then
 * says the answer was cut off. Returns the same array when there is nothing to mark.
 */
export function markStopped(messages: FanoutMessage[], at: number): FanoutMessage[] {
  const last = messages.at(-1);
  if (!last || last.metadata?.stoppedAt !== undefined) return messages;
  return [...messages.slice(0, -1), { ...last, metadata: { ...last.metadata, stoppedAt: at } }];
}
