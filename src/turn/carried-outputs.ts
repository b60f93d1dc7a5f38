import { getToolName, isToolUIPart } from 'ai';
import { utf8ByteLength } from '../runtime/output-cap';
import type { FanoutMessage } from '../shared/message-metadata';
import type { CarriedOutput } from '../trace/trace-types';

/** How much of an output's JSON the trace keeps: enough to recognise it, small enough to share. */
export const CARRIED_SUMMARY_CHARS = 160;

function summarise(text: string): string {
  return text.length <= CARRIED_SUMMARY_CHARS ? text : `${text.slice(0, CARRIED_SUMMARY_CHARS)}…`;
}

function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
}

/**
 * The tool results a request carries back to the model: every settled tool part of the last
 * model step (after the assistant message's last `step-start`) of the request's last message,
 * in the order the model emitted them. Read off the messages the request sends, so it is what
 * the model saw, not what the page meant to send. Empty for a request that starts a turn. Pure.
 */
export function carriedOutputs(messages: readonly FanoutMessage[]): CarriedOutput[] {
  const last = messages.at(-1);
  if (last?.role !== 'assistant') return [];
  const lastStepStart = last.parts.findLastIndex((part) => part.type === 'step-start');
  const carried: CarriedOutput[] = [];
  for (const part of last.parts.slice(lastStepStart + 1)) {
    if (!isToolUIPart(part)) continue;
    const base = { callId: part.toolCallId, toolName: getToolName(part) };
    if (part.state === 'output-available') {
      const json = jsonOf(part.output);
      carried.push({
        ...base,
        state: 'output',
        summary: summarise(json),
        bytes: utf8ByteLength(json),
      });
    } else if (part.state === 'output-error') {
      carried.push({
        ...base,
        state: 'error',
        summary: summarise(part.errorText),
        bytes: utf8ByteLength(jsonOf(part.errorText)),
      });
    } else if (
      part.state === 'output-denied' ||
      (part.state === 'approval-responded' && !part.approval.approved)
    ) {
      const reason = part.approval.reason ?? 'denied by the user';
      carried.push({
        ...base,
        state: 'denied',
        summary: summarise(reason),
        bytes: utf8ByteLength(jsonOf(reason)),
      });
    }
  }
  return carried;
}
