import type { ImportedSpan } from './otlp-json';
import { content, count, type Dialect, errorOf, type SpanRole, text, usageOf } from './roles';

/**
 * OpenInference (Arize Phoenix): `openinference.span.kind` is `AGENT`, `LLM` or `TOOL`; a tool's
 * arguments and result are `input.value` / `output.value`, its name `tool.name`.
 */
function read(span: ImportedSpan): SpanRole | undefined {
  const { attributes } = span;
  const kind = text(attributes, 'openinference.span.kind')?.toUpperCase();
  if (kind === 'AGENT') {
    const input = content(attributes['input.value']);
    return {
      role: 'agent',
      prompt: typeof input === 'string' ? input : undefined,
      modelId: text(attributes, 'llm.model_name'),
    };
  }
  if (kind === 'LLM')
    return {
      role: 'model',
      modelId: text(attributes, 'llm.model_name'),
      usage: usageOf(
        count(attributes, 'llm.token_count.prompt'),
        count(attributes, 'llm.token_count.completion'),
      ),
    };
  if (kind === 'TOOL') {
    const toolName = text(attributes, 'tool.name') ?? span.name;
    return {
      role: 'tool',
      toolName,
      callId: text(attributes, 'tool_call.id', 'tool.id'),
      input: content(attributes['input.value']),
      output: content(attributes['output.value']),
      errorText: errorOf(span),
    };
  }
  return undefined;
}

export const openInferenceDialect: Dialect = { name: 'openinference', read };
