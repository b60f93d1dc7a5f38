import { describe, expect, it } from 'vitest';
import {
  type OtlpAnyValue,
  type OtlpSpan,
  otlpExportRequestSchema,
  otlpSpansOf,
  StatusCode,
} from '../shared/otlp-schema';
import { finishedRun, runningRun } from './export-test-runs';
import { toOtlp, toUnixNanos } from './otlp';
import {
  callSpanIdFor,
  isValidHexId,
  runSpanIdFor,
  stepSpanIdFor,
  traceIdFor,
  traceparentFor,
} from './otlp-ids';

function exported(runs = [finishedRun(), runningRun()]) {
  return otlpExportRequestSchema.parse(toOtlp(runs, { serviceName: 'fanout-web' }));
}

function attrs(span: OtlpSpan | undefined): Record<string, OtlpAnyValue> {
  return Object.fromEntries((span?.attributes ?? []).map(({ key, value }) => [key, value]));
}

function named(spans: OtlpSpan[], name: string, callId?: string): OtlpSpan | undefined {
  return spans.find(
    (span) =>
      span.name === name &&
      (callId === undefined ||
        JSON.stringify(attrs(span)['gen_ai.tool.call.id']) ===
          JSON.stringify({ stringValue: callId })),
  );
}

describe('toOtlp shape', () => {
  it('matches the OTLP/JSON ExportTraceServiceRequest schema', () => {
    const request = toOtlp([finishedRun(), runningRun()], { serviceName: 'fanout-web' });
    const parsed = otlpExportRequestSchema.safeParse(request);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    // Parsing changes nothing: the export is already in canonical OTLP/JSON form.
    expect(parsed.data).toEqual(request);
    expect(request.resourceSpans[0]?.resource?.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'fanout-web' },
    });
  });

  it('gives every span valid ids, an existing parent in its own trace, and start ≤ end', () => {
    const spans = otlpSpansOf(exported());
    expect(spans).toHaveLength(1 + 2 + 7 + 1 + 1 + 3);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    expect(byId.size).toBe(spans.length);
    const roots = spans.filter((span) => !span.parentSpanId);
    expect(roots.map((span) => span.name)).toEqual(['invoke_agent fanout', 'invoke_agent fanout']);
    for (const span of spans) {
      expect(isValidHexId(span.traceId, 32)).toBe(true);
      expect(isValidHexId(span.spanId, 16)).toBe(true);
      expect(typeof span.startTimeUnixNano).toBe('string');
      expect(BigInt(span.startTimeUnixNano) <= BigInt(span.endTimeUnixNano)).toBe(true);
      if (!span.parentSpanId) continue;
      const parent = byId.get(span.parentSpanId);
      expect(parent, `parent of ${span.name}`).toBeDefined();
      expect(parent?.traceId).toBe(span.traceId);
      // Children lie within the run's root span.
      expect(BigInt(parent?.startTimeUnixNano ?? '0') <= BigInt(span.startTimeUnixNano)).toBe(true);
      expect(BigInt(span.endTimeUnixNano) <= BigInt(parent?.endTimeUnixNano ?? '0')).toBe(true);
    }
  });

  it('types every attribute value', () => {
    for (const span of otlpSpansOf(exported())) {
      for (const { value } of span.attributes ?? []) {
        expect(Object.keys(value)).toHaveLength(1);
        if ('intValue' in value) expect(value.intValue).toMatch(/^-?\d+$/);
      }
    }
  });
});

describe('toOtlp GenAI conventions', () => {
  const spans = otlpSpansOf(exported([finishedRun()]));
  const root = named(spans, 'invoke_agent fanout');

  it('describes the run as an agent invocation', () => {
    expect(attrs(root)).toMatchObject({
      'gen_ai.operation.name': { stringValue: 'invoke_agent' },
      'gen_ai.agent.name': { stringValue: 'fanout' },
      'gen_ai.provider.name': { stringValue: 'openai' },
      'gen_ai.request.model': { stringValue: 'gpt-4.1-mini' },
      'gen_ai.usage.input_tokens': { intValue: '2012' },
      'gen_ai.usage.output_tokens': { intValue: '306' },
      'fanout.policy': { stringValue: 'parallel' },
      'fanout.parallel_tool_calls': { boolValue: true },
    });
    expect(root?.spanId).toBe(runSpanIdFor('run-1'));
    expect(root?.traceId).toBe(traceIdFor('run-1'));
  });

  it('gives each step a chat span with usage and finish reasons', () => {
    const chats = spans.filter((span) => span.name === 'chat gpt-4.1-mini');
    expect(chats).toHaveLength(2);
    const [first] = chats;
    expect(first?.parentSpanId).toBe(root?.spanId);
    expect(first?.spanId).toBe(stepSpanIdFor('run-1', 'step-1'));
    expect(first?.kind).toBe(3);
    expect(attrs(first)).toMatchObject({
      'gen_ai.operation.name': { stringValue: 'chat' },
      'gen_ai.request.model': { stringValue: 'gpt-4.1-mini' },
      'gen_ai.usage.input_tokens': { intValue: '812' },
      'gen_ai.usage.output_tokens': { intValue: '96' },
      'gen_ai.response.finish_reasons': { arrayValue: { values: [{ stringValue: 'tool-calls' }] } },
      'fanout.batch.id': { stringValue: 'step-1' },
      'fanout.ttft.ms': { doubleValue: 179.625 },
    });
    expect(first?.events?.map((event) => event.name)).toEqual([
      'fanout.first_byte',
      'fanout.first_content',
      'fanout.outputs_returned',
    ]);
  });

  it('starts an execute_tool span when the tool starts running; input streaming is an event before it', () => {
    const run = finishedRun();
    const tool = named(spans, 'execute_tool get_weather', 'call-a');
    expect(tool?.startTimeUnixNano).toBe(toUnixNanos(run.startedAtEpochMs, 231));
    const started = tool?.events?.find((event) => event.name === 'fanout.input_started');
    expect(started?.timeUnixNano).toBe(toUnixNanos(run.startedAtEpochMs, 200));
    expect(BigInt(started?.timeUnixNano ?? '0') < BigInt(tool?.startTimeUnixNano ?? '0')).toBe(
      true,
    );
    expect(attrs(tool)['fanout.input_stream.ms']).toEqual({ doubleValue: 30.5 });
  });

  it('gives each call an execute_tool span with the fanout attributes', () => {
    const tool = named(spans, 'execute_tool search_docs');
    expect(tool?.parentSpanId).toBe(root?.spanId);
    expect(tool?.spanId).toBe(callSpanIdFor('run-1', 'call-g'));
    expect(tool?.status).toEqual({});
    expect(attrs(tool)).toMatchObject({
      'gen_ai.operation.name': { stringValue: 'execute_tool' },
      'gen_ai.tool.name': { stringValue: 'search_docs' },
      'gen_ai.tool.call.id': { stringValue: 'call-g' },
      'gen_ai.tool.type': { stringValue: 'function' },
      'gen_ai.tool.call.arguments': { stringValue: '{"query":"battery life"}' },
      'fanout.batch.id': { stringValue: 'step-1' },
      'fanout.queue.ms': { doubleValue: 921.8 },
      'fanout.queue.reason': { stringValue: 'tool-cap' },
      'fanout.deadline.ms': { intValue: '4000' },
      'fanout.policy': { stringValue: 'parallel' },
      'fanout.tool.runs_on': { stringValue: 'browser' },
      'fanout.tool.status': { stringValue: 'ok' },
      'fanout.output.truncated': { boolValue: true },
    });
    expect(attrs(named(spans, 'execute_tool convert_currency'))).toMatchObject({
      'gen_ai.tool.type': { stringValue: 'extension' },
      'fanout.tool.runs_on': { stringValue: 'server' },
    });
    expect(attrs(named(spans, 'execute_tool get_weather', 'call-f'))).toMatchObject({
      'fanout.tool.status': { stringValue: 'deduplicated' },
      'fanout.shared_with': { stringValue: 'call-a' },
    });
  });

  it('marks error, timeout and invalid input as ERROR with the message', () => {
    const timeout = named(spans, 'execute_tool get_weather', 'call-b');
    expect(timeout?.status).toEqual({
      code: StatusCode.error,
      message: 'get_weather took longer than 1000 ms.',
    });
    expect(attrs(timeout)['error.type']).toEqual({ stringValue: 'timeout' });
    expect(named(spans, 'execute_tool lookup_order', 'call-c')?.status?.code).toBe(2);
    const invalid = named(spans, 'execute_tool lookup_order', 'call-d');
    expect(invalid?.status).toEqual({ code: 2, message: 'orderId: expected string' });
    expect(invalid?.startTimeUnixNano).toBe(invalid?.endTimeUnixNano);
    expect(named(spans, 'execute_tool get_weather', 'call-a')?.status?.code).toBeUndefined();
  });

  it('leaves content out when asked to', () => {
    const request = toOtlp([finishedRun()], { serviceName: 'x', recordContent: false });
    const keys = otlpSpansOf(request).flatMap((span) => Object.keys(attrs(span)));
    expect(keys).not.toContain('gen_ai.tool.call.arguments');
    expect(keys).not.toContain('gen_ai.tool.call.result');
    expect(keys).not.toContain('fanout.run.prompt');
    expect(JSON.stringify(request)).not.toContain('Paris');
  });

  it('cuts long content', () => {
    const run = finishedRun();
    const span = run.spans['call-a'];
    if (span) span.output = { text: 'x'.repeat(100) };
    const request = toOtlp([run], { serviceName: 'x', maxContentLength: 20 });
    const result = attrs(named(otlpSpansOf(request), 'execute_tool get_weather', 'call-a'));
    expect(result['gen_ai.tool.call.result']).toEqual({
      stringValue: '{"text":"xxxxxxxxxxx…[truncated]',
    });
  });
});

describe('toOtlp ids and times', () => {
  it('is deterministic, so re-exporting a run gives the same spans', () => {
    expect(toOtlp([finishedRun()], { serviceName: 'a' })).toEqual(
      toOtlp([finishedRun()], { serviceName: 'a' }),
    );
    expect(traceIdFor('run-1')).not.toBe(traceIdFor('run-2'));
    expect(callSpanIdFor('run-1', 'call-1')).not.toBe(callSpanIdFor('run-1', 'call-2'));
    expect(callSpanIdFor('run-1', 'x')).not.toBe(callSpanIdFor('run-2', 'x'));
  });

  it('uses a given trace id for every span', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const spans = otlpSpansOf(toOtlp([finishedRun()], { serviceName: 'a', traceId }));
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceId]));
    expect(() => toOtlp([finishedRun()], { serviceName: 'a', traceId: 'XYZ' })).toThrow(/hex/);
  });

  it('joins the traceparent the page sends to the run root or a step span', () => {
    const spans = otlpSpansOf(exported([finishedRun()]));
    const [, traceId, parentId, flags] = traceparentFor('run-1').split('-');
    expect(traceparentFor('run-1')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(flags).toBe('01');
    const root = spans.find((span) => span.spanId === parentId);
    expect(root?.name).toBe('invoke_agent fanout');
    expect(root?.traceId).toBe(traceId);
    const stepParent = traceparentFor('run-1', 'step-2').split('-')[2];
    expect(spans.find((span) => span.spanId === stepParent)?.name).toBe('chat gpt-4.1-mini');
  });

  it('turns epoch plus relative ms into exact unix nanoseconds', () => {
    expect(toUnixNanos(1_767_225_600_123, 0)).toBe('1767225600123000000');
    expect(toUnixNanos(1_767_225_600_123, 400.000001)).toBe('1767225600523000001');
    expect(toUnixNanos(1_767_225_600_123.5, 0.25)).toBe('1767225600123750000');
    const step = named(otlpSpansOf(exported([finishedRun()])), 'chat gpt-4.1-mini');
    expect(step?.startTimeUnixNano).toBe('1767225600123500000');
    expect(step?.endTimeUnixNano).toBe('1767225600523000001');
  });

  it('ends open spans of a cut-off run at its last recorded moment', () => {
    const spans = otlpSpansOf(exported([runningRun()]));
    const running = named(spans, 'execute_tool check_stock', 'c2');
    expect(running?.endTimeUnixNano).toBe(toUnixNanos(1_767_225_700_000, 400));
    expect(attrs(running)['fanout.tool.status']).toEqual({ stringValue: 'running' });
    const chat = spans.find((span) => span.name === 'chat offline');
    expect(attrs(chat)['fanout.step.open']).toEqual({ boolValue: true });
  });
});
