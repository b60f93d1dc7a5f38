import { randomBytes } from 'node:crypto';

/** One piece of a response stream; `paced` pieces are deltas the runner spaces out in time. */
export type Frame = { bytes: string; paced: boolean };

/** A tool call the fake decided to make, before a protocol gives it ids and framing. */
export type PlannedCall = { name: string; args: string; argChunks: string[] };

/** What to say in one response, independent of the wire format. */
export type Plan =
  | { kind: 'text'; deltas: string[] }
  | { kind: 'tool-calls'; preamble: string | undefined; calls: PlannedCall[] };

/** A tool output found in the request, with the call it answers. */
export type ToolExchange = { callId: string; name: string; args: string; output: string };

/** What the fake needs to know about an incoming request, read from any of the three formats. */
export type RequestView = {
  model: string;
  stream: boolean;
  lastUserText: string;
  /** Calls and outputs that came after the last user text (this turn's tool round trips). */
  exchanges: ToolExchange[];
  declaredTools: string[];
  parallelToolCalls: boolean;
  /** Whether Chat Completions asked for the final usage chunk. */
  includeUsage: boolean;
  /** The system prompt / instructions the request carried, however the format spells it. */
  instructions: string | undefined;
  /** The parsed body, for echoing fields back the way the services do. */
  raw: Record<string, unknown>;
};

/** An error answer: status, headers and the provider's JSON body. */
export type ErrorResponse = { status: number; headers: Record<string, string>; body: unknown };

/** One wire format: how to read its requests and how to write its answers. */
export type Protocol = {
  read(body: unknown): RequestView;
  frames(plan: Plan, view: RequestView): Frame[];
  /** What the service sends when it fails after the stream has started. */
  streamErrorFrames(view: RequestView): Frame[];
  error(status: number, presentedKey: string | undefined): ErrorResponse;
  headers(): Record<string, string>;
};

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random id characters in the style the services use (`call_…`, `toolu_01…`, `msg_…`). */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

/** `data:` only (Chat Completions). */
export function dataFrame(data: unknown, paced = false): Frame {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return { bytes: `data: ${text}\n\n`, paced };
}

/** `event:` + `data:` (Responses API and Anthropic Messages). */
export function eventFrame(event: string, data: unknown, paced = false): Frame {
  return { bytes: `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, paced };
}

/** Splits text into small word groups, as a model streams them. */
export function textDeltas(text: string, wordsPerDelta = 2): string[] {
  // Like the services, a delta carries the space before its word, not after it.
  const words = text.match(/\s*\S+|\s+$/g) ?? [];
  const deltas: string[] = [];
  for (let index = 0; index < words.length; index += wordsPerDelta) {
    deltas.push(words.slice(index, index + wordsPerDelta).join(''));
  }
  return deltas;
}

/** Splits JSON arguments the way the services do: a few uneven fragments. */
export function argumentChunks(json: string): string[] {
  if (json.length <= 6) return [json];
  const first = Math.min(json.length - 1, Math.max(1, Math.floor(json.length * 0.6)));
  const second = Math.floor((first + json.length) / 2);
  return [json.slice(0, first), json.slice(first, second), json.slice(second)].filter(Boolean);
}

/** Rough token count, for usage numbers. */
export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Text of a content value that is either a string or an array of `{ type, text }` parts. */
export function contentText(content: unknown, partTypes: string[]): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((part) =>
      isRecord(part) && partTypes.includes(String(part.type)) ? (asString(part.text) ?? '') : '',
    )
    .join('');
}
