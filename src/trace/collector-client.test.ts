import { describe, expect, it, vi } from 'vitest';
import { otlpExportRequestSchema, otlpSpansOf } from '../shared/otlp-schema';
import { forwardRunTrace, sendTraceToCollector } from './collector-client';
import { useCollectorStatus } from './collector-status';
import { finishedRun, runningRun } from './export-test-runs';
import { traceIdFor, traceparentFor } from './otlp-ids';

function fakeFetch(response: Response | Error) {
  return vi.fn<typeof fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
}

describe('sendTraceToCollector', () => {
  it('posts the run as OTLP/JSON on the trace its traceparent named', async () => {
    const fetch = fakeFetch(Response.json({ forwarded: 10 }));
    expect(await sendTraceToCollector(finishedRun(), { fetch })).toEqual({
      status: 'sent',
      spans: 10,
    });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/traces');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({ 'content-type': 'application/json' });
    const request = otlpExportRequestSchema.parse(JSON.parse(String(init?.body)));
    const spans = otlpSpansOf(request);
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceIdFor('run-1')]));
    const rootId = traceparentFor('run-1').split('-')[2];
    expect(spans.find((span) => !span.parentSpanId)?.spanId).toBe(rootId);
    expect(request.resourceSpans[0]?.resource?.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'fanout-web' },
    });
  });

  it('sends chat spans without messages: a collector gets them from the proxy, when opted in', async () => {
    const fetch = fakeFetch(Response.json({ forwarded: 10 }));
    const run = finishedRun();
    const carried = [
      {
        callId: 'call-a',
        toolName: 'get_weather',
        state: 'output' as const,
        summary: '{}',
        bytes: 2,
      },
    ];
    await sendTraceToCollector(
      { ...run, steps: run.steps.map((step) => (step.index === 1 ? { ...step, carried } : step)) },
      { fetch },
    );
    const [, init] = fetch.mock.calls[0] ?? [];
    const spans = otlpSpansOf(otlpExportRequestSchema.parse(JSON.parse(String(init?.body))));
    const keys = spans.flatMap((span) => (span.attributes ?? []).map((a) => a.key));
    expect(keys).not.toContain('gen_ai.input.messages');
    // Which results went back stays, content-free.
    expect(spans.flatMap((span) => span.events ?? []).map((e) => e.name)).toContain(
      'fanout.carried_output',
    );
  });

  it('reports a proxy without a collector as disabled', async () => {
    const fetch = fakeFetch(new Response(null, { status: 204 }));
    expect(await sendTraceToCollector(finishedRun(), { fetch })).toEqual({ status: 'disabled' });
  });

  it('skips a run that has not ended', async () => {
    const fetch = fakeFetch(Response.json({ forwarded: 1 }));
    expect((await sendTraceToCollector(runningRun(), { fetch })).status).toBe('skipped');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('passes on the proxy’s reason and network failures', async () => {
    const rejected = fakeFetch(
      Response.json(
        { error: { code: 'collector_rejected', message: 'The trace collector answered 500.' } },
        { status: 502 },
      ),
    );
    expect(await sendTraceToCollector(finishedRun(), { fetch: rejected })).toEqual({
      status: 'failed',
      error: 'The trace collector answered 500.',
    });
    const offline = fakeFetch(new TypeError('Failed to fetch'));
    expect(await sendTraceToCollector(finishedRun(), { fetch: offline })).toEqual({
      status: 'failed',
      error: 'The proxy could not be reached (Failed to fetch).',
    });
  });
});

describe('forwardRunTrace', () => {
  it('tells the page once per run when forwarding fails, with the reason', async () => {
    useCollectorStatus.setState({ failure: undefined, reported: new Set() });
    const refused = () =>
      fakeFetch(
        Response.json(
          { error: { code: 'collector_rejected', message: 'The trace collector answered 415.' } },
          { status: 502 },
        ),
      );
    await forwardRunTrace(finishedRun(), { fetch: refused() });
    expect(useCollectorStatus.getState().failure).toEqual({
      runId: 'run-1',
      reason: 'The trace collector answered 415.',
    });
    useCollectorStatus.getState().dismiss();
    // The same run failing again stays quiet; a success says nothing either.
    await forwardRunTrace(finishedRun(), { fetch: refused() });
    await forwardRunTrace(finishedRun(), { fetch: fakeFetch(Response.json({ forwarded: 3 })) });
    expect(useCollectorStatus.getState().failure).toBeUndefined();
  });
});
