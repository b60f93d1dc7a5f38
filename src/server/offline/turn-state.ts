import type { LanguageModelV4Prompt, LanguageModelV4ToolResultOutput } from '@ai-sdk/provider';
import { canonicalJson } from './text';

/** How one call of this turn ended, as the model sees it. */
export type CallOutcome =
  | { kind: 'ok'; value: unknown }
  | { kind: 'error'; message: string }
  | { kind: 'denied'; reason?: string }
  | { kind: 'pending' };

export type CompletedCall = {
  toolCallId: string;
  toolName: string;
  input: unknown;
  outcome: CallOutcome;
};

export type TurnState = {
  /** The newest user message's text. */
  request: string;
  /** Index of that message in the prompt (distinguishes turns for deterministic ids). */
  requestIndex: number;
  /** Tool calls made since the request, in order, with their outcomes. */
  calls: CompletedCall[];
  /** Model round trips already made for this request. */
  stepsSoFar: number;
};

function outcomeOf(output: LanguageModelV4ToolResultOutput): CallOutcome {
  switch (output.type) {
    case 'json':
      return { kind: 'ok', value: output.value };
    case 'text':
      return { kind: 'ok', value: output.value };
    case 'error-text':
      return { kind: 'error', message: output.value };
    case 'error-json':
      return { kind: 'error', message: JSON.stringify(output.value) };
    case 'execution-denied':
      return output.reason ? { kind: 'denied', reason: output.reason } : { kind: 'denied' };
    default:
      return { kind: 'ok', value: output };
  }
}

function parseInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

/** Reads where the current request stands: its text and every call made for it so far. */
export function readTurn(prompt: LanguageModelV4Prompt): TurnState {
  let requestIndex = -1;
  for (let index = prompt.length - 1; index >= 0; index--) {
    if (prompt[index]?.role === 'user') {
      requestIndex = index;
      break;
    }
  }
  const requestMessage = prompt[requestIndex];
  const request =
    requestMessage?.role === 'user'
      ? requestMessage.content
          .map((part) => (part.type === 'text' ? part.text : ''))
          .join(' ')
          .trim()
      : '';

  const calls: CompletedCall[] = [];
  const byId = new Map<string, CompletedCall>();
  let stepsSoFar = 0;
  for (const message of prompt.slice(requestIndex + 1)) {
    if (message.role === 'assistant') {
      stepsSoFar++;
      for (const part of message.content) {
        if (part.type === 'tool-call') {
          const call: CompletedCall = {
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input: parseInput(part.input),
            outcome: { kind: 'pending' },
          };
          calls.push(call);
          byId.set(part.toolCallId, call);
        } else if (part.type === 'tool-result') {
          const call = byId.get(part.toolCallId);
          if (call) call.outcome = outcomeOf(part.output);
        }
      }
    } else if (message.role === 'tool') {
      for (const part of message.content) {
        if (part.type !== 'tool-result') continue;
        const call = byId.get(part.toolCallId);
        if (call) call.outcome = outcomeOf(part.output);
      }
    }
  }
  return { request, requestIndex, calls, stepsSoFar };
}

/** The key under which two calls count as the same call. */
export function callKey(toolName: string, input: unknown): string {
  return `${toolName}:${canonicalJson(input)}`;
}
