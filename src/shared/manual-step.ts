import { z } from 'zod';

/**
 * The manual step: a message made of lines `/call <tool> <JSON input>` asks the offline planner
 * to run exactly those calls as one parallel step. The page's tools panel writes such a message
 * with `formatManualStep` and the planner reads it with `parseManualStep`, so both sides share
 * one grammar.
 */

const COMMAND = '/call';

/** More calls than this in one step is a typo or a flood, not a demo: the step is refused. */
export const MAX_MANUAL_CALLS = 50;

/** A tool name as models see it (MCP tools are `<server>_<tool>`, at most 64 characters). */
export const manualToolNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tool name is 1–64 letters, digits, "_" or "-"');

/** A tool's input is always a JSON object. */
export const manualInputSchema = z.record(z.string(), z.unknown());

export type ManualCall = {
  /** 1-based line number in the message, so replies can name it. */
  line: number;
  toolName: string;
  input: Record<string, unknown>;
};

export type ManualLineError = {
  line: number;
  /** The line as written (trimmed), quoted back to the user. */
  text: string;
  reason: string;
};

export type ManualStep =
  | { kind: 'calls'; calls: ManualCall[] }
  | { kind: 'errors'; errors: ManualLineError[]; calls: ManualCall[] };

/** A message is a manual step when its first non-blank line starts with `/call`. */
export function isManualStep(message: string): boolean {
  const first = message.split('\n').find((line) => line.trim() !== '');
  return first !== undefined && /^\/call(?:\s|$)/.test(first.trim());
}

function parseLine(
  line: string,
  number: number,
): { call: ManualCall } | { error: ManualLineError } {
  const text = line.trim();
  const fail = (reason: string) => ({ error: { line: number, text, reason } });
  if (!/^\/call(?:\s|$)/.test(text)) return fail('it does not start with `/call`');
  const rest = text.slice(COMMAND.length).trim();
  if (rest === '') return fail('it names no tool (write `/call <tool> <JSON input>`)');
  const space = rest.search(/\s/);
  const name = space < 0 ? rest : rest.slice(0, space);
  const json = space < 0 ? '' : rest.slice(space).trim();
  const parsedName = manualToolNameSchema.safeParse(name);
  if (!parsedName.success) return fail(`“${name}” is not a tool name: ${errorText(parsedName)}`);
  let value: unknown = {};
  if (json !== '') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail(`its input is not valid JSON (${detail})`);
    }
  }
  const input = manualInputSchema.safeParse(value);
  if (!input.success) return fail('its input must be a JSON object, like `{"city": "Paris"}`');
  return { call: { line: number, toolName: parsedName.data, input: input.data } };
}

function errorText(result: { error?: z.ZodError }): string {
  return result.error?.issues[0]?.message ?? 'invalid';
}

/**
 * Reads every non-blank line of a manual step. Lines that cannot be read are reported with their
 * number and reason; the calls that could be read are returned too, but a caller should run
 * nothing when any line failed (a half-run step is harder to reason about than none).
 */
export function parseManualStep(message: string): ManualStep {
  const calls: ManualCall[] = [];
  const errors: ManualLineError[] = [];
  message.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line, index + 1);
    if ('call' in parsed) calls.push(parsed.call);
    else errors.push(parsed.error);
  });
  if (calls.length > MAX_MANUAL_CALLS) {
    const first = calls[MAX_MANUAL_CALLS];
    errors.push({
      line: first?.line ?? 1,
      text: first ? formatManualCall(first) : '',
      reason: `a manual step holds at most ${MAX_MANUAL_CALLS} calls; this one has ${calls.length}`,
    });
  }
  if (calls.length === 0 && errors.length === 0) {
    errors.push({ line: 1, text: '', reason: 'the message has no `/call` line' });
  }
  return errors.length > 0 ? { kind: 'errors', errors, calls } : { kind: 'calls', calls };
}

/** Checks the calls' tools against the ones the model was given; one error per unknown tool line. */
export function unknownToolErrors(
  calls: ManualCall[],
  declared: ReadonlySet<string>,
): ManualLineError[] {
  return calls
    .filter((call) => !declared.has(call.toolName))
    .map((call) => ({
      line: call.line,
      text: formatManualCall(call),
      reason: `there is no tool named \`${call.toolName}\` in this conversation`,
    }));
}

/** One `/call` line; the inverse of the parser for a single call. */
export function formatManualCall(call: { toolName: string; input: Record<string, unknown> }) {
  return `${COMMAND} ${call.toolName} ${JSON.stringify(call.input)}`;
}

/** The message the tools panel sends: one `/call` line per call, in order. */
export function formatManualStep(
  calls: ReadonlyArray<{ toolName: string; input: Record<string, unknown> }>,
): string {
  return calls.map(formatManualCall).join('\n');
}
