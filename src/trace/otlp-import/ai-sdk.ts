import type { ImportedSpan } from './otlp-json';
import { content, count, type Dialect, errorOf, type SpanRole, text, usageOf } from './roles';

/**
 * The AI SDK's own telemetry (`ai.*` spans): `ai.streamText` / `ai.generateText` for the whole
 * call, `ai.streamText.doStream` / `ai.generateText.doGenerate` for each model round trip,
 * `ai.toolCall` for each tool execution. `ai.operationId` names the span; the span name is the
 * fallback.
 */

const AGENT_OPERATIONS = new Set([
  'ai.streamText',
  'ai.generateText',
  'ai.streamObject',
  'ai.generateObject',
]);
const MODEL_OPERATIONS = new Set([
  'ai.streamText.doStream',
  'ai.generateText.doGenerate',
  'ai.streamObject.doStream',
  'ai.generateObject.doGenerate',
]);

function read(span: ImportedSpan): SpanRole | undefined {
  const { attributes } = span;
  const operation = text(attributes, 'ai.operationId') ?? span.name;
  if (AGENT_OPERATIONS.has(operation)) {
    const prompt = content(attributes['ai.prompt']);
    return {
      role: 'agent',
      modelId: text(attributes, 'ai.model.id'),
      prompt:
        typeof prompt === 'string'
          ? prompt
          : typeof prompt === 'object' &&
              prompt !== null &&
              'prompt' in prompt &&
              typeof prompt.prompt === 'string'
            ? prompt.prompt
            : undefined,
    };
  }
  if (MODEL_OPERATIONS.has(operation))
    return {
      role: 'model',
      modelId: text(attributes, 'ai.model.id', 'ai.response.model'),
      usage: usageOf(
        count(attributes, 'ai.usage.inputTokens', 'ai.usage.promptTokens'),
        count(attributes, 'ai.usage.outputTokens', 'ai.usage.completionTokens'),
      ),
      finishReason: text(attributes, 'ai.response.finishReason'),
    };
  if (operation === 'ai.toolCall') {
    const toolName = text(attributes, 'ai.toolCall.name');
    if (!toolName) return undefined;
    return {
      role: 'tool',
      toolName,
      callId: text(attributes, 'ai.toolCall.id'),
      input: content(attributes['ai.toolCall.args'] ?? attributes['ai.toolCall.input']),
      output: content(attributes['ai.toolCall.result'] ?? attributes['ai.toolCall.output']),
      errorText: errorOf(span),
    };
  }
  return undefined;
}

export const aiSdkDialect: Dialect = { name: 'ai-sdk', read };
