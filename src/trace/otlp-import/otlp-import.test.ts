import { describe, expect, it } from 'vitest';
import { finishedRun } from '../export-test-runs';
import { parallelOpportunity, runMetrics } from '../metrics';
import { toOtlp } from '../otlp';
import type { CarriedOutput, RunTrace } from '../trace-types';
import { importTraceFile, type TraceChoice } from './index';
import { lookupThenStock, otlpFile, sequentialWeather } from './test-fixtures';

function imported(file: unknown): TraceChoice[] {
  const result = importTraceFile(JSON.stringify(file));
  if (!result.ok) throw new Error(result.error);
  return result.choices;
}

function onlyRun(file: unknown): RunTrace {
  const [choice] = imported(file);
  const run = choice?.runs[0];
  if (!run) throw new Error('no run');
  return run;
}

describe.each(['genai', 'openinference', 'ai-sdk'] as const)('the %s dialect', (dialect) => {
  it('reads three sequential get_weather calls as three calls, one per model step', () => {
    const run = onlyRun(otlpFile([sequentialWeather(dialect)]));
    expect(run.spanOrder).toEqual(['call_paris', 'call_london', 'call_tokyo']);
    expect(run.steps.map((step) => step.callIds)).toEqual([
      ['call_paris'],
      ['call_london'],
      ['call_tokyo'],
      [],
    ]);
    const paris = run.spans.call_paris;
    expect(paris).toMatchObject({
      toolName: 'get_weather',
      status: 'ok',
      input: { city: 'Paris' },
      output: { city: 'Paris', tempC: 18, sky: 'clear' },
      startedAt: 200,
      settledAt: 1200,
    });
    // What the format does not record is absent, not invented.
    expect(paris?.queuedAt).toBeUndefined();
    expect(paris?.inputStartedAt).toBeUndefined();
    expect(paris?.inputAvailableAt).toBeUndefined();
  });

  it('finds about two seconds of parallel opportunity in the three independent calls', () => {
    const run = onlyRun(otlpFile([sequentialWeather(dialect)]));
    const opportunity = parallelOpportunity(run);
    expect(opportunity.savedMs).toBeCloseTo(2000, 6);
    expect(opportunity.callIds).toEqual(['call_paris', 'call_london', 'call_tokyo']);
  });

  it('finds none when the stock check uses what the lookup returned', () => {
    const run = onlyRun(otlpFile([lookupThenStock(dialect)]));
    expect(run.spanOrder).toEqual(['call_lookup', 'call_stock']);
    expect(parallelOpportunity(run)).toEqual({ savedMs: 0, callIds: [] });
  });
});

describe('importTraceFile', () => {
  it('lists every trace of a file with several', () => {
    const choices = imported(otlpFile([sequentialWeather('genai'), lookupThenStock('genai')]));
    expect(choices).toHaveLength(2);
    expect(choices[0]?.label).toContain('invoke_agent weather-bot');
    expect(choices[0]?.label).toContain('3 tool calls');
    expect(choices[1]?.label).toContain('2 tool calls');
  });

  it('names the span and the field when a span is bad', () => {
    const file = otlpFile([sequentialWeather('genai')]);
    const span = file.resourceSpans[0]?.scopeSpans[0]?.spans[2];
    if (!span) throw new Error('fixture changed');
    span.startTimeUnixNano = 'yesterday';
    const result = importTraceFile(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('span "execute_tool get_weather"');
    expect(result.error).toContain('resourceSpans[0].scopeSpans[0].spans[2]');
    expect(result.error).toContain('startTimeUnixNano');
  });

  it('accepts base64 ids, as a protobuf-to-JSON dump writes them', () => {
    const file = otlpFile([sequentialWeather('genai')]);
    for (const span of file.resourceSpans[0]?.scopeSpans[0]?.spans ?? []) {
      span.traceId = Buffer.from(span.traceId, 'hex').toString('base64');
      span.spanId = Buffer.from(span.spanId, 'hex').toString('base64');
    }
    expect(onlyRun(file).spanOrder).toHaveLength(3);
  });

  it('says so when a trace has nothing it can read', () => {
    const result = importTraceFile(
      JSON.stringify(
        otlpFile([
          { traceId: 'f1', spans: [{ id: 'b1', name: 'GET /', start: 0, end: 5, attributes: {} }] },
        ]),
      ),
    );
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain('no model or tool spans');
  });

  it('still reads the native format', () => {
    const native = {
      format: 'fanout-trace',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      runs: [finishedRun()],
    };
    const [choice] = imported(native);
    expect(choice?.format).toBe('fanout-native');
    expect(choice?.runs[0]?.id).toBe('run-1');
  });
});

describe("a round trip of Fanout's own OTLP export", () => {
  it('gives back the same bars, phases and figures', () => {
    const original = finishedRun();
    const [choice] = imported(toOtlp([original], { serviceName: 'fanout-web' }));
    expect(choice?.format).toBe('fanout-otlp');
    const back = choice?.runs[0];
    if (!back) throw new Error('no run');
    expect(back.id).toBe(original.id);
    expect(back.prompt).toBe(original.prompt);
    expect(back.spanOrder).toEqual(original.spanOrder);
    expect(back.steps.map((step) => step.callIds)).toEqual(
      original.steps.map((step) => step.callIds),
    );
    const moments = [
      'inputStartedAt',
      'inputAvailableAt',
      'approvalRequestedAt',
      'approvalResolvedAt',
      'queuedAt',
      'startedAt',
      'settledAt',
    ] as const;
    for (const id of original.spanOrder) {
      const before = original.spans[id];
      const after = back.spans[id];
      expect(after?.status, id).toBe(before?.status);
      expect(after?.state, id).toBe(before?.state);
      expect(after?.runsOn, id).toBe(before?.runsOn);
      expect(after?.toolName, id).toBe(before?.toolName);
      for (const moment of moments) {
        const was = before?.[moment];
        if (was === undefined) expect(after?.[moment], `${id}.${moment}`).toBeUndefined();
        else expect(after?.[moment], `${id}.${moment}`).toBeCloseTo(was, 5);
      }
    }
    const a = runMetrics(original);
    const b = runMetrics(back);
    for (const key of ['wallMs', 'sumMs', 'savedMs', 'durationMs', 'maxConcurrency'] as const)
      expect(b[key], key).toBeCloseTo(a[key] as number, 5);
    expect(b.criticalPath.totalMs).toBeCloseTo(a.criticalPath.totalMs, 5);
  });
});

describe('the tool results a follow-up carried, through the OTLP export', () => {
  const carried: CarriedOutput[] = [
    {
      callId: 'call-a',
      toolName: 'get_weather',
      state: 'output',
      summary: '{"city":"Paris","tempC":21}',
      bytes: 27,
    },
    { callId: 'call-b', toolName: 'get_weather', state: 'error', summary: 'HTTP 503', bytes: 10 },
    {
      callId: 'call-c',
      toolName: 'add_to_cart',
      state: 'denied',
      summary: 'denied by the user',
      bytes: 20,
    },
  ];
  const withCarried = (): RunTrace => {
    const run = finishedRun();
    return {
      ...run,
      steps: run.steps.map((step) => (step.index === 1 ? { ...step, carried } : step)),
    };
  };
  type Span = NonNullable<
    ReturnType<typeof toOtlp>['resourceSpans'][number]['scopeSpans'][number]['spans'][number]
  >;
  const stringAttribute = (span: Span | undefined, key: string) => {
    const value = span?.attributes?.find((attribute) => attribute.key === key)?.value;
    return value && 'stringValue' in value ? value.stringValue : undefined;
  };
  const chatSpan = (file: ReturnType<typeof toOtlp>, stepId: string) =>
    file.resourceSpans[0]?.scopeSpans[0]?.spans.find(
      (span) => stringAttribute(span, 'fanout.step.id') === stepId,
    );

  it('come back on the same step, in order, with their summaries', () => {
    const original = withCarried();
    const back = onlyRun(toOtlp([original], { serviceName: 'fanout-web' }));
    expect(back.steps[1]?.carried).toEqual(carried);
    expect(back.steps[0]?.carried).toBeUndefined();
  });

  it('are the chat span’s input messages as GenAI tool results, with content on', () => {
    const file = toOtlp([withCarried()], { serviceName: 'fanout-web' });
    const messages = stringAttribute(chatSpan(file, 'step-2'), 'gen_ai.input.messages');
    expect(JSON.parse(messages ?? 'null')).toEqual(
      carried.map((item) => ({
        role: 'tool',
        parts: [{ type: 'tool_call_response', id: item.callId, response: item.summary }],
      })),
    );
  });

  it('without content keep which results went back and their size, but no summary', () => {
    const file = toOtlp([withCarried()], { serviceName: 'fanout-web', recordContent: false });
    const step = chatSpan(file, 'step-2');
    expect(step).toBeDefined();
    expect(step?.attributes?.some((a) => a.key === 'gen_ai.input.messages')).toBe(false);
    const back = onlyRun(file);
    expect(back.steps[1]?.carried).toEqual(carried.map((item) => ({ ...item, summary: '' })));
  });
});
