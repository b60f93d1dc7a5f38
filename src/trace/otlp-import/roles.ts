import type { TokenUsage } from '../trace-types';
import type { Attributes, AttributeValue, ImportedSpan } from './otlp-json';

/**
 * What a span is to the timeline, whatever dialect wrote it: the agent's run, one model call
 * (a step), or one tool call. Each dialect reads its own attribute names into these; spans
 * that are none of them (`step 2`, a CHAIN, an HTTP client span) are left out.
 */
export type SpanRole =
  | { role: 'agent'; prompt?: string; modelId?: string }
  | { role: 'model'; modelId?: string; usage?: TokenUsage; finishReason?: string }
  | {
      role: 'tool';
      toolName: string;
      callId?: string;
      input?: unknown;
      output?: unknown;
      errorText?: string;
    };

export type DialectName = 'genai' | 'ai-sdk' | 'openinference';

export type Dialect = {
  name: DialectName;
  /** The span's role in this dialect, or undefined when the dialect does not claim it. */
  read(span: ImportedSpan): SpanRole | undefined;
};

export function text(attributes: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

export function count(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  }
  return undefined;
}

/** Arguments and results travel as JSON text; a value that is not JSON stays the text it is. */
export function content(value: AttributeValue | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function usageOf(
  input: number | undefined,
  output: number | undefined,
): TokenUsage | undefined {
  if (input === undefined && output === undefined) return undefined;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input !== undefined && output !== undefined ? input + output : undefined,
  };
}

/** A failed span's words: its status message, else its `error.type`. */
export function errorOf(span: ImportedSpan): string | undefined {
  if (span.statusCode !== 2) return undefined;
  return span.statusMessage ?? text(span.attributes, 'error.type', 'exception.message') ?? 'error';
}
