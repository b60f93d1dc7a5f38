import type { ImportedSpan } from './otlp-json';
import { content, count, type Dialect, errorOf, type SpanRole, text, usageOf } from './roles';

/**
 * The OpenTelemetry GenAI semantic conventions: `gen_ai.operation.name` says what a span is
 * (`invoke_agent`, `chat`, `execute_tool`, …); the span name (`chat gpt-4.1`) is the fallback
 * for writers that leave the attribute out.
 */

const MODEL_OPERATIONS = new Set(['chat', 'text_completion', 'generate_content']);

function operationOf(span: ImportedSpan): string | undefined {
  const stated = text(span.attributes, 'gen_ai.operation.name');
  if (stated) return stated;
  const first = span.name.split(' ')[0];
  return first === 'invoke_agent' ||
    first === 'execute_tool' ||
    (first && MODEL_OPERATIONS.has(first))
    ? first
    : undefined;
}

function read(span: ImportedSpan): SpanRole | undefined {
  const { attributes } = span;
  const operation = operationOf(span);
  if (!operation) return undefined;
  if (operation === 'invoke_agent' || operation === 'create_agent')
    return { role: 'agent', modelId: text(attributes, 'gen_ai.request.model') };
  if (MODEL_OPERATIONS.has(operation)) {
    const reasons = attributes['gen_ai.response.finish_reasons'];
    return {
      role: 'model',
      modelId: text(attributes, 'gen_ai.request.model', 'gen_ai.response.model'),
      usage: usageOf(
        count(attributes, 'gen_ai.usage.input_tokens'),
        count(attributes, 'gen_ai.usage.output_tokens'),
      ),
      finishReason:
        Array.isArray(reasons) && typeof reasons[0] === 'string' ? reasons[0] : undefined,
    };
  }
  if (operation === 'execute_tool') {
    const toolName =
      text(attributes, 'gen_ai.tool.name') ?? span.name.replace(/^execute_tool\s*/, '');
    if (!toolName) return undefined;
    return {
      role: 'tool',
      toolName,
      callId: text(attributes, 'gen_ai.tool.call.id'),
      input: content(attributes['gen_ai.tool.call.arguments']),
      output: content(attributes['gen_ai.tool.call.result']),
      errorText: errorOf(span),
    };
  }
  return undefined;
}

export const genaiDialect: Dialect = { name: 'genai', read };
