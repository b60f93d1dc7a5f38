import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiErrorSchema } from '../../shared/api-error';
import {
  type OtlpExportRequest,
  otlpExportRequestSchema,
  otlpSpansOf,
} from '../../shared/otlp-schema';
import { finishedRun } from '../../trace/export-test-runs';
import { toOtlp } from '../../trace/otlp';
import { traceIdFor, traceparentFor } from '../../trace/otlp-ids';
import { createApp } from '../app';
import { readConfig } from '../config';
import { MAX_TRACE_BYTES } from '../routes/traces';
import { modelCallTelemetry, shutdownServerTelemetry } from './model-telemetry';
import { type OtlpReceiver, startOtlpReceiver } from './otlp-receiver';

const fastOffline = { FANOUT_OFFLINE_TTFT_MS: '0', FANOUT_OFFLINE_TOKENS_PER_SECOND: '0' };

function appWith(env: Record<string, string> = {}) {
  return createApp({ env: () => ({ ...fastOffline, ...env }) });
}

const chatBody = JSON.stringify({
  id: 'chat-1',
  messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hello' }] }],
});

function postTrace(app: ReturnType<typeof createApp>, body: string, type = 'application/json') {
  return app.request('/api/traces', { method: 'POST', headers: { 'content-type': type }, body });
}

function exportsOf(receiver: OtlpReceiver): OtlpExportRequest[] {
  return receiver.received
    .filter((request) => request.path === '/v1/traces')
    .map((request) => otlpExportRequestSchema.parse(request.decoded));
}

let receiver: OtlpReceiver;

beforeEach(async () => {
  receiver = await startOtlpReceiver();
});

afterEach(async () => {
  // Flushes and stops the SDK so no export from this test lands in the next one.
  await shutdownServerTelemetry();
  await receiver.close();
});

describe('proxy spans for model calls', () => {
  it('exports the AI SDK spans under the page traceparent', async () => {
    const app = appWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.endpoint}/`,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%20def, x-team = blue',
      OTEL_SERVICE_NAME: 'fanout-test',
    });
    const traceparent = traceparentFor('run-42');
    const [, traceId, parentSpanId] = traceparent.split('-');
    const response = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent },
      body: chatBody,
    });
    expect(response.status).toBe(200);
    await response.text();
    // The pipeline flushes when the call's root span ends; no explicit flush needed.
    await receiver.waitFor(() =>
      exportsOf(receiver).some((request) =>
        otlpSpansOf(request).some((span) => span.parentSpanId === parentSpanId),
      ),
    );

    const requests = exportsOf(receiver);
    const spans = requests.flatMap(otlpSpansOf);
    expect(spans.length).toBeGreaterThan(1);
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceId]));
    const roots = spans.filter((span) => span.parentSpanId === parentSpanId);
    expect(roots.map((span) => span.name)).toEqual([expect.stringMatching(/^invoke_agent /)]);
    const ids = new Set(spans.map((span) => span.spanId));
    for (const span of spans) {
      expect(span.parentSpanId === parentSpanId || ids.has(span.parentSpanId ?? '')).toBe(true);
    }
    const chat = spans.find((span) => span.name.startsWith('chat '));
    expect(chat?.attributes).toContainEqual({
      key: 'gen_ai.operation.name',
      value: { stringValue: 'chat' },
    });
    expect(requests[0]?.resourceSpans[0]?.resource?.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'fanout-test' },
    });
    const [first] = receiver.received;
    expect(first?.headers['x-api-key']).toBe('abc def');
    expect(first?.headers['x-team']).toBe('blue');
  });

  it('starts a trace of its own without a (valid) traceparent', async () => {
    const app = appWith({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.endpoint}/v1/traces` });
    const response = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: '00-zz-nope-01' },
      body: chatBody,
    });
    await response.text();
    await receiver.waitFor(() => exportsOf(receiver).length > 0);
    const spans = exportsOf(receiver).flatMap(otlpSpansOf);
    const roots = spans.filter((span) => !span.parentSpanId);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.name).toMatch(/^invoke_agent /);
  });

  it('logs its failed span exports once a minute, not once per span or batch', async () => {
    const refusing = await startOtlpReceiver(415);
    const warnings: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
    });
    try {
      const app = appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: refusing.endpoint });
      for (let call = 0; call < 3; call++) {
        const response = await app.request('/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: chatBody,
        });
        await response.text();
        // Each call's root span flushes its own export, and each is refused.
        await refusing.waitFor(() => refusing.received.length > call);
      }
      await expect
        .poll(() => warnings.filter((line) => line.includes('could not export')).length)
        .toBe(1);
      const [line] = warnings.filter((text) => text.includes('could not export'));
      expect(line).toMatch(/trace collector at 127\.0\.0\.1:\d+ \(HTTP 415\)/);
      expect(line).not.toContain('nope');
      expect(refusing.received.length).toBeGreaterThanOrEqual(3);
    } finally {
      await shutdownServerTelemetry();
      await refusing.close();
    }
  });

  it('records nothing and loads no SDK when no endpoint is set', async () => {
    const config = readConfig({});
    for (let i = 0; i < 1000; i += 1) expect(await modelCallTelemetry(config, 'x')).toBeUndefined();
    const response = await appWith().request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: traceparentFor('r') },
      body: chatBody,
    });
    expect(response.status).toBe(200);
    await response.text();
    expect(receiver.received).toEqual([]);
  });
});

describe('POST /api/traces', () => {
  const browserTrace = () =>
    JSON.stringify(toOtlp([finishedRun()], { serviceName: 'fanout-web' }), null, 1);

  it('forwards a browser trace unchanged to a collector that asked for http/json', async () => {
    const app = appWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    const body = browserTrace();
    const response = await postTrace(app, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ forwarded: 10 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.path).toBe('/v1/traces');
    expect(receiver.received[0]?.text).toBe(body);
    expect(receiver.received[0]?.headers['content-type']).toBe('application/json');
    const spans = exportsOf(receiver).flatMap(otlpSpansOf);
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceIdFor('run-1')]));
  });

  it('answers 204 with a note when no collector is configured', async () => {
    const response = await postTrace(appWith(), browserTrace());
    expect(response.status).toBe(204);
    expect(response.headers.get('x-fanout-collector')).toBe('disabled');
    expect(receiver.received).toEqual([]);
  });

  it('refuses bad input with a JSON reason and forwards nothing', async () => {
    const app = appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint });
    const reason = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      const body = apiErrorSchema.parse(await response.json());
      expect(body.error.code).toBe(code);
      return body.error.message;
    };
    await reason(await postTrace(app, '{"resourceSpans": ['), 400, 'invalid_json');
    const notOtlp = await reason(await postTrace(app, '{"spans": []}'), 400, 'invalid_request');
    expect(notOtlp).toMatch(/^Not an OTLP\/JSON trace: resourceSpans: /);
    const request = toOtlp([finishedRun()], { serviceName: 'x' });
    const span = request.resourceSpans[0]?.scopeSpans[0]?.spans[1];
    if (span) span.spanId = 'XYZ';
    const badId = await reason(
      await postTrace(app, JSON.stringify(request)),
      400,
      'invalid_request',
    );
    expect(badId).toMatch(
      /resourceSpans\.0\.scopeSpans\.0\.spans\.1\.spanId: must be 16 lowercase hex/,
    );
    await reason(await postTrace(app, browserTrace(), 'text/plain'), 415, 'invalid_request');
    const huge = `{"resourceSpans":[],"pad":"${'x'.repeat(MAX_TRACE_BYTES)}"}`;
    await reason(await postTrace(app, huge), 413, 'body_too_large');
    expect(receiver.received).toEqual([]);
  });

  it('says when the collector fails or is gone', async () => {
    const failing = await startOtlpReceiver(500);
    try {
      const app = appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: failing.endpoint });
      const response = await postTrace(app, browserTrace());
      expect(response.status).toBe(502);
      expect(apiErrorSchema.parse(await response.json()).error.code).toBe('collector_rejected');
    } finally {
      await failing.close();
    }
    const gone = appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: failing.endpoint });
    const response = await postTrace(gone, browserTrace());
    expect(response.status).toBe(502);
    expect(apiErrorSchema.parse(await response.json()).error.code).toBe('collector_unreachable');
  });
});
