import { type ManualLineError, parseManualStep, unknownToolErrors } from '../../shared/manual-step';
import type { OfflineReply, OfflineReplyPart } from './reply';
import { stableHash } from './text';
import { type CompletedCall, callKey, type TurnState } from './turn-state';

const MAX_VALUE_CHARS = 300;

function errorReply(errors: ManualLineError[], declared: string[]): string {
  const lines = errors.map(
    (error) =>
      `- **Line ${error.line}**${error.text ? ` \`${error.text.replace(/`/g, 'ˋ')}\`` : ''}: ${error.reason}.`,
  );
  const unknown = errors.some((error) => error.reason.startsWith('there is no tool'));
  return [
    `I ran nothing: ${errors.length === 1 ? 'one line' : `${errors.length} lines`} of this manual step could not be used.`,
    '',
    ...lines,
    '',
    'Write one call per line: `/call <tool> <JSON object input>`, for example `/call calculate {"expression": "2 + 3"}`.',
    ...(unknown && declared.length > 0
      ? ['', `Tools in this conversation: ${declared.map((name) => `\`${name}\``).join(', ')}.`]
      : []),
  ].join('\n');
}

/** A tool's value as the answer shows it: text as written, anything else as compact JSON. */
function shown(value: unknown): string {
  if (typeof value === 'string') {
    const clipped = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value;
    return clipped.includes('\n') ? `\n\n  ${clipped.split('\n').join('\n  ')}` : ` ${clipped}`;
  }
  const json = JSON.stringify(value) ?? String(value);
  const clipped = json.length > MAX_VALUE_CHARS ? `${json.slice(0, MAX_VALUE_CHARS)}…` : json;
  return ` \`${clipped.replace(/`/g, 'ˋ')}\``;
}

function resultLine(call: CompletedCall): string {
  const name = `\`${call.toolName}\` ${JSON.stringify(call.input)}`;
  switch (call.outcome.kind) {
    case 'ok': {
      // A headline figure ("result", "sum", …) is put first, so a calculation reads at a glance.
      const value = call.outcome.value;
      const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      const key = ['result', 'sum', 'value', 'total'].find((name) =>
        ['number', 'string', 'boolean'].includes(typeof record[name]),
      );
      const headline = key ? ` **${key} = ${String(record[key])}**:` : '';
      return `- ${name} returned${headline}${shown(value)}`;
    }
    case 'error':
      return `- ${name} **failed**: ${call.outcome.message}`;
    case 'denied':
      return `- ${name} **was not run**: ${call.outcome.reason ?? 'the call was denied'}.`;
    case 'pending':
      return `- ${name} returned no result.`;
  }
}

/**
 * Answers a `/call` message: in its first step, exactly the listed calls (validated against the
 * tools this model call was given, so any tool works, MCP ones included); once they are back,
 * what each returned.
 */
export function manualReply(turn: TurnState, declared: string[]): OfflineReply {
  const text = (value: string): OfflineReply => ({ parts: [{ type: 'text', text: value }] });
  if (turn.calls.length > 0) {
    const ok = turn.calls.filter((call) => call.outcome.kind === 'ok').length;
    return text(
      [
        `Manual step: ${ok} of ${turn.calls.length} call${turn.calls.length === 1 ? '' : 's'} returned a result.`,
        '',
        ...turn.calls.map(resultLine),
      ].join('\n'),
    );
  }
  const step = parseManualStep(turn.request);
  const errors = [
    ...(step.kind === 'errors' ? step.errors : []),
    ...unknownToolErrors(step.calls, new Set(declared)),
  ].sort((a, b) => a.line - b.line);
  if (errors.length > 0) return text(errorReply(errors, declared));

  const parts: OfflineReplyPart[] = [
    {
      type: 'text',
      text: `Manual step: running ${step.calls.length === 1 ? 'this call' : `these ${step.calls.length} calls at once`} as written.`,
    },
    ...step.calls.map(
      (call, index): OfflineReplyPart => ({
        type: 'tool-call',
        toolCallId: `call_${stableHash(`${turn.requestIndex}:manual:${index}:${callKey(call.toolName, call.input)}`)}${index}`,
        toolName: call.toolName,
        input: call.input,
      }),
    ),
  ];
  return { parts };
}
