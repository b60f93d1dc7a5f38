/**
 * Hand-written OTLP/JSON traces for the importer's tests and the end-to-end import, the way
 * other agents write them. Times are given in ms from the trace's start; everything else is the
 * dialect's own attribute names.
 */

const T0_MS = 1_767_225_600_000n;

type Attr = string | number | boolean;
type SpanSpec = {
  id: string;
  parent?: string;
  name: string;
  start: number;
  end: number;
  attributes: Record<string, Attr>;
  error?: string;
};

function value(item: Attr) {
  if (typeof item === 'string') return { stringValue: item };
  if (typeof item === 'boolean') return { boolValue: item };
  return Number.isInteger(item) ? { intValue: String(item) } : { doubleValue: item };
}

function nanos(ms: number): string {
  return String(T0_MS * 1_000_000n + BigInt(Math.round(ms * 1_000_000)));
}

/** Ids as hex from a short label, one byte per character: `m1` → `0000000000006d31`. */
function hexId(label: string, length: 16 | 32): string {
  const hex = [...label].map((char) => char.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return hex.padStart(length, '0');
}

export function otlpFile(traces: ReadonlyArray<{ traceId: string; spans: readonly SpanSpec[] }>) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'some-agent' } }] },
        scopeSpans: [
          {
            scope: { name: 'hand-written' },
            spans: traces.flatMap(({ traceId, spans }) =>
              spans.map((spec) => ({
                traceId: hexId(traceId, 32),
                spanId: hexId(spec.id, 16),
                ...(spec.parent ? { parentSpanId: hexId(spec.parent, 16) } : {}),
                name: spec.name,
                kind: 1,
                startTimeUnixNano: nanos(spec.start),
                endTimeUnixNano: nanos(spec.end),
                attributes: Object.entries(spec.attributes).map(([key, item]) => ({
                  key,
                  value: value(item),
                })),
                status: spec.error ? { code: 2, message: spec.error } : {},
              })),
            ),
          },
        ],
      },
    ],
  };
}

type Dialect = 'genai' | 'openinference' | 'ai-sdk';

function agentAttrs(dialect: Dialect, prompt: string): Record<string, Attr> {
  if (dialect === 'genai')
    return { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather-bot' };
  if (dialect === 'openinference')
    return { 'openinference.span.kind': 'AGENT', 'input.value': prompt };
  return { 'ai.operationId': 'ai.streamText', 'ai.prompt': JSON.stringify({ prompt }) };
}

function modelSpan(dialect: Dialect, id: string, start: number, end: number): SpanSpec {
  if (dialect === 'genai')
    return {
      id,
      parent: 'a0',
      name: 'chat gpt-4.1',
      start,
      end,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4.1',
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 30,
      },
    };
  if (dialect === 'openinference')
    return {
      id,
      parent: 'a0',
      name: 'ChatCompletion',
      start,
      end,
      attributes: { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4.1' },
    };
  return {
    id,
    parent: 'a0',
    name: 'ai.streamText.doStream',
    start,
    end,
    attributes: { 'ai.operationId': 'ai.streamText.doStream', 'ai.model.id': 'gpt-4.1' },
  };
}

function toolSpan(
  dialect: Dialect,
  id: string,
  tool: { name: string; callId: string; input: unknown; output: unknown },
  start: number,
  end: number,
): SpanSpec {
  const input = JSON.stringify(tool.input);
  const output = JSON.stringify(tool.output);
  if (dialect === 'genai')
    return {
      id,
      parent: 'a0',
      name: `execute_tool ${tool.name}`,
      start,
      end,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': tool.name,
        'gen_ai.tool.call.id': tool.callId,
        'gen_ai.tool.call.arguments': input,
        'gen_ai.tool.call.result': output,
      },
    };
  if (dialect === 'openinference')
    return {
      id,
      parent: 'a0',
      name: tool.name,
      start,
      end,
      attributes: {
        'openinference.span.kind': 'TOOL',
        'tool.name': tool.name,
        'tool_call.id': tool.callId,
        'input.value': input,
        'output.value': output,
      },
    };
  return {
    id,
    parent: 'a0',
    name: 'ai.toolCall',
    start,
    end,
    attributes: {
      'ai.operationId': 'ai.toolCall',
      'ai.toolCall.name': tool.name,
      'ai.toolCall.id': tool.callId,
      'ai.toolCall.args': input,
      'ai.toolCall.result': output,
    },
  };
}

/**
 * An agent that asked for the weather in three cities one model call at a time: three 1 s
 * `get_weather` calls, one after another, none using another's output.
 */
export function sequentialWeather(dialect: Dialect, traceId = 'abc1') {
  const cities = [
    { city: 'Paris', tempC: 18 },
    { city: 'London', tempC: 14 },
    { city: 'Tokyo', tempC: 22 },
  ];
  const spans: SpanSpec[] = [
    {
      id: 'a0',
      name: 'invoke_agent weather-bot',
      start: 0,
      end: 4000,
      attributes: agentAttrs(dialect, 'Weather in Paris, London and Tokyo?'),
    },
  ];
  cities.forEach(({ city, tempC }, index) => {
    const at = index * 1200;
    spans.push(modelSpan(dialect, `m${index + 1}`, at, at + 200));
    spans.push(
      toolSpan(
        dialect,
        `t${index + 1}`,
        {
          name: 'get_weather',
          callId: `call_${city.toLowerCase()}`,
          input: { city },
          output: { city, tempC, sky: 'clear' },
        },
        at + 200,
        at + 1200,
      ),
    );
  });
  spans.push(modelSpan(dialect, 'm4', 3600, 4000));
  return { traceId, spans };
}

/** A product lookup, then a stock check that uses the SKU the lookup returned. */
export function lookupThenStock(dialect: Dialect, traceId = 'abc2') {
  return {
    traceId,
    spans: [
      {
        id: 'a0',
        name: 'invoke_agent shop-bot',
        start: 0,
        end: 2800,
        attributes: agentAttrs(dialect, 'Is the blue kettle in stock?'),
      },
      modelSpan(dialect, 'm1', 0, 200),
      toolSpan(
        dialect,
        't1',
        {
          name: 'lookup_product',
          callId: 'call_lookup',
          input: { query: 'blue kettle' },
          output: { sku: 'KTL-88412', name: 'Blue kettle' },
        },
        200,
        1200,
      ),
      modelSpan(dialect, 'm2', 1200, 1400),
      toolSpan(
        dialect,
        't2',
        {
          name: 'check_inventory',
          callId: 'call_stock',
          input: { sku: 'KTL-88412' },
          output: { sku: 'KTL-88412', inStock: 7 },
        },
        1400,
        2400,
      ),
      modelSpan(dialect, 'm3', 2400, 2800),
    ] satisfies SpanSpec[],
  };
}
