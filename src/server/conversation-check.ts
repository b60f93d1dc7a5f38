import type { ToolSet } from 'ai';

/**
 * What the request schema cannot see part by part: whether the conversation could have
 * happened. Checked before any model is called, so an impossible history is a 400 naming the
 * message and part, not a stream that fails later blaming the provider. And a file part must
 * carry its bytes: the proxy never fetches a URL a request names.
 */

const toolStates = new Set([
  'input-streaming',
  'input-available',
  'approval-requested',
  'approval-responded',
  'output-available',
  'output-error',
  'output-denied',
]);

/** States in which a call has no result yet: the model would see a call never answered. */
const unanswered = new Set(['input-streaming', 'input-available', 'approval-requested']);

/** `data:[<media type>][;base64],<data>`: the only URL a file part may carry. */
const dataUrl = /^data:[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(;[a-z0-9-]+=[^;,]*)*(;base64)?,/i;

type Part = Record<string, unknown>;
type Message = { role: string; parts: Part[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toolNameOf(part: Part): string | undefined {
  if (part.type === 'dynamic-tool') return typeof part.toolName === 'string' ? part.toolName : '';
  return typeof part.type === 'string' && part.type.startsWith('tool-')
    ? part.type.slice('tool-'.length)
    : undefined;
}

function needsApproval(tools: ToolSet, name: string): boolean {
  const tool = Object.hasOwn(tools, name) ? tools[name] : undefined;
  return Boolean(tool && 'needsApproval' in tool && tool.needsApproval);
}

function runsHere(tools: ToolSet, name: string): boolean {
  const tool = Object.hasOwn(tools, name) ? tools[name] : undefined;
  return typeof tool?.execute === 'function';
}

/** Why this tool part could not have happened, or undefined when it could. */
function toolPartProblem(
  part: Part,
  name: string,
  role: string,
  tools: ToolSet,
  seen: Set<string>,
): string | undefined {
  if (role !== 'assistant') return 'a tool call can only come from the assistant';
  const id = part.toolCallId;
  if (typeof id !== 'string' || id === '') return 'a tool call needs a toolCallId';
  const label = `tool call "${id.slice(0, 80)}" (${name.slice(0, 64) || 'unnamed'})`;
  if (seen.has(id)) return `${label} appears twice: a result for a call that was already made`;
  seen.add(id);
  const state = part.state;
  if (typeof state !== 'string' || !toolStates.has(state)) return `${label} has an unknown state`;
  if (state !== 'input-streaming' && !('input' in part))
    return `${label} has a result but no input: a result for a call never made`;
  if (unanswered.has(state)) return `${label} has no result`;

  const approval = part.approval;
  if (approval !== undefined) {
    if (
      !isRecord(approval) ||
      typeof approval.id !== 'string' ||
      typeof approval.approved !== 'boolean'
    )
      return `${label} carries a malformed approval`;
    if (!needsApproval(tools, name))
      return `${label} carries an approval, but ${name} never asks for one`;
  }
  if (state === 'approval-responded') {
    if (!isRecord(approval)) return `${label} is approved or denied without an approval`;
    // Granted and still without a result: only a tool this proxy runs could finish it now.
    if (approval.approved === true && !runsHere(tools, name))
      return `${label} is approved but has no result (${name} runs in the page)`;
  }
  if (state === 'output-denied' && isRecord(approval) && approval.approved === true)
    return `${label} is denied, but its approval says approved`;
  if (state === 'output-error' && typeof part.errorText !== 'string')
    return `${label} failed without an errorText`;
  if (state === 'output-available' && !('output' in part)) return `${label} has no output`;
  return undefined;
}

function filePartProblem(part: Part): string | undefined {
  // A provider-side file id would let a request read files stored in the operator's account.
  if (part.providerReference !== undefined)
    return 'a file part may not name a provider file (providerReference); send its content as a data: URL';
  const url = part.url;
  if (typeof url !== 'string' || !dataUrl.test(url))
    return 'a file part must carry its content as a data: URL (the proxy never fetches a URL a request names)';
  if (typeof part.mediaType !== 'string' || part.mediaType === '')
    return 'a file part needs a mediaType';
  return undefined;
}

/**
 * The first impossible thing in `messages`, as `messages[i].parts[j]: reason`, or undefined.
 * `tools` is the tool set the model gets for this request.
 */
export function conversationProblem(
  messages: readonly Message[],
  tools: ToolSet,
): string | undefined {
  const seen = new Set<string>();
  for (const [i, message] of messages.entries()) {
    for (const [j, part] of message.parts.entries()) {
      const name = toolNameOf(part);
      const problem =
        name !== undefined
          ? toolPartProblem(part, name, message.role, tools, seen)
          : part.type === 'file' || part.type === 'reasoning-file'
            ? filePartProblem(part)
            : undefined;
      if (problem) return `messages[${i}].parts[${j}]: ${problem}`;
    }
  }
  return undefined;
}
