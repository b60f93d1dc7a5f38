import { jsonSchema, type Schema, type ValidationResult } from '@ai-sdk/provider-utils';
import { type UIMessageChunk, uiMessageChunkSchema } from 'ai';
import { z } from 'zod';

/**
 * The chunk types that make up almost all of a stream, in their plain form: the three deltas,
 * and a tool call's start and complete input (two chunks per call, all that is left of an
 * unpaced burst once the proxy has dropped its deltas). Strict: a chunk with any other key
 * (provider metadata, `dynamic`, say) goes to the SDK's full schema instead, so this accepts
 * only what that schema accepts too.
 */
const plainDeltas = new Map<string, z.ZodType>([
  [
    'text-delta',
    z.strictObject({ type: z.literal('text-delta'), id: z.string(), delta: z.string() }),
  ],
  [
    'reasoning-delta',
    z.strictObject({ type: z.literal('reasoning-delta'), id: z.string(), delta: z.string() }),
  ],
  [
    'tool-input-delta',
    z.strictObject({
      type: z.literal('tool-input-delta'),
      toolCallId: z.string(),
      inputTextDelta: z.string(),
    }),
  ],
  [
    'tool-input-start',
    z.strictObject({
      type: z.literal('tool-input-start'),
      toolCallId: z.string(),
      toolName: z.string(),
    }),
  ],
  [
    'tool-input-available',
    z.strictObject({
      type: z.literal('tool-input-available'),
      toolCallId: z.string(),
      toolName: z.string(),
      input: z.unknown(),
    }),
  ],
]);

let sdkSchema: Schema<UIMessageChunk> | undefined;
const fullSchema = () => {
  sdkSchema ??= uiMessageChunkSchema();
  return sdkSchema;
};

function typeOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { type?: unknown }).type
    : undefined;
}

/** Validates one chunk: a plain one by its own schema, anything else by the SDK's. */
export function validateChunk(
  value: unknown,
): ValidationResult<UIMessageChunk> | PromiseLike<ValidationResult<UIMessageChunk>> {
  const type = typeOf(value);
  const plain = typeof type === 'string' ? plainDeltas.get(type) : undefined;
  if (plain?.safeParse(value).success) return { success: true, value: value as UIMessageChunk };
  const { validate } = fullSchema();
  return validate ? validate(value) : { success: true, value: value as UIMessageChunk };
}

/**
 * The UI message chunk schema, validated type first. The SDK's own schema is a union tried
 * member by member, which costs ~50 µs a chunk in a fresh page — 15–20 ms for a response with
 * fifty tool calls, all before the first of them can start.
 */
export const uiChunkSchema: Schema<UIMessageChunk> = jsonSchema<UIMessageChunk>(
  () => fullSchema().jsonSchema,
  { validate: validateChunk },
);
