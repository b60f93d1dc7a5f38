import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../shared/api-error';
import { otlpExportRequestSchema, otlpSpansOf } from '../../shared/otlp-schema';
import { finishedRun, runningRun } from '../../trace/export-test-runs';
import { toOtlp } from '../../trace/otlp';
import { traceIdFor, traceparentFor } from '../../trace/otlp-ids';
import { createApp } from '../app';
import { shutdownServerTelemetry } from './model-telemetry';
import { otlpJsonToProtobuf, otlpProtobufToJson } from './otlp-protobuf';
import { type OtlpReceiver, startOtlpReceiver } from './otlp-receiver';
import descriptor from './proto/otlp-trace.json' with { type: 'json' };

const fastOffline = { FANOUT_OFFLINE_TTFT_MS: '0', FANOUT_OFFLINE_TOKENS_PER_SECOND: '0' };
const appWith = (env: Record<string, string>) =>
  createApp({ env: () => ({ ...fastOffline, ...env }) });

const chatBody = JSON.stringify({
  id: 'chat-1',
  messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hello' }] }],
});

const receivers: OtlpReceiver[] = [];
async function receiver(accepts: 'protobuf' | 'json') {
  const started = await startOtlpReceiver({ accepts });
  receivers.push(started);
  return started;
}

afterEach(async () => {
  await shutdownServerTelemetry();
  await Promise.all(receivers.splice(0).map((item) => item.close()));
});

function decodedSpans(target: OtlpReceiver) {
  return target.received
    .filter((request) => request.decoded !== undefined)
    .flatMap((request) => otlpSpansOf(otlpExportRequestSchema.parse(request.decoded)));
}

const browserTrace = () => toOtlp([finishedRun(), runningRun()], { serviceName: 'fanout-web' });

describe('the OTLP protobuf definitions', () => {
  it('are the official opentelemetry-proto files, compiled', () => {
    const dir = fileURLToPath(new URL('./proto/', import.meta.url));
    const root = new protobuf.Root();
    root.resolvePath = (_origin, target) => `${dir}${target}`;
    root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
    root.resolveAll();
    expect(JSON.parse(JSON.stringify(root.toJSON()))).toEqual(descriptor);
  });
});

describe('OTLP/JSON ↔ protobuf', () => {
  it('round-trips a Fanout export: hex ids become bytes and back, nanoseconds stay exact', () => {
    const json = otlpExportRequestSchema.parse(browserTrace());
    const back = otlpExportRequestSchema.parse(otlpProtobufToJson(otlpJsonToProtobuf(json)));
    const before = otlpSpansOf(json);
    const after = otlpSpansOf(back);
    expect(after).toHaveLength(before.length);
    after.forEach((span, index) => {
      const original = before[index];
      expect(span.traceId).toBe(original?.traceId);
      expect(span.spanId).toBe(original?.spanId);
      expect(span.parentSpanId ?? '').toBe(original?.parentSpanId ?? '');
      expect(span.name).toBe(original?.name);
      expect(span.startTimeUnixNano).toBe(original?.startTimeUnixNano);
      expect(span.endTimeUnixNano).toBe(original?.endTimeUnixNano);
      expect(span.attributes).toEqual(original?.attributes);
      expect(span.events ?? []).toEqual(original?.events ?? []);
      expect(span.status?.code ?? 0).toBe(original?.status?.code ?? 0);
    });
    expect(back.resourceSpans[0]?.resource).toEqual(json.resourceSpans[0]?.resource);
  });
});

describe('a protobuf-only collector', () => {
  it('gets the page’s trace transcoded to protobuf by default', async () => {
    const only = await receiver('protobuf');
    const app = appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: only.endpoint });
    const response = await app.request('/api/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(browserTrace()),
    });
    expect(response.status).toBe(200);
    expect(only.received[0]?.headers['content-type']).toBe('application/x-protobuf');
    const spans = decodedSpans(only);
    expect(spans.map((span) => span.name)).toContain('execute_tool get_weather');
    expect(new Set(spans.map((span) => span.traceId))).toEqual(
      new Set([traceIdFor('run-1'), traceIdFor('run-2')]),
    );
  });

  it('gets the proxy’s model spans through the OpenTelemetry protobuf exporter, named by the conventions', async () => {
    const only = await receiver('protobuf');
    const app = appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: only.endpoint });
    const traceparent = traceparentFor('run-7');
    const response = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent },
      body: chatBody,
    });
    await response.text();
    await only.waitFor(() => decodedSpans(only).some((span) => span.name.startsWith('chat ')));
    const spans = decodedSpans(only);
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceIdFor('run-7')]));
    expect(spans.map((span) => span.name)).toContain('invoke_agent fanout.chat');
    for (const span of spans)
      expect(span.name).toMatch(/^(invoke_agent|chat|execute_tool) \S|^step \d+$/);
    // Content is off by default: no prompt or answer on the chat span.
    const chat = spans.find((span) => span.name.startsWith('chat '));
    const keys = (chat?.attributes ?? []).map((attribute) => attribute.key);
    expect(keys).toContain('gen_ai.operation.name');
    expect(keys).not.toContain('gen_ai.input.messages');
    expect(keys).not.toContain('gen_ai.output.messages');
  });

  it('sees prompts and answers on chat spans when the operator opts in', async () => {
    const only = await receiver('protobuf');
    const app = appWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: only.endpoint,
      FANOUT_OTEL_CAPTURE_CONTENT: '1',
    });
    const response = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody,
    });
    await response.text();
    await only.waitFor(() => decodedSpans(only).some((span) => span.name.startsWith('chat ')));
    const chat = decodedSpans(only).find((span) => span.name.startsWith('chat '));
    const input = chat?.attributes?.find((item) => item.key === 'gen_ai.input.messages')?.value;
    expect(input && 'stringValue' in input ? input.stringValue : '').toContain('hello');
    expect(chat?.attributes?.map((item) => item.key)).toContain('gen_ai.output.messages');
  });
});

describe('a JSON-only collector', () => {
  it('refuses the default protobuf, which the page hears about', async () => {
    const only = await receiver('json');
    const app = appWith({ OTEL_EXPORTER_OTLP_ENDPOINT: only.endpoint });
    const response = await app.request('/api/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(browserTrace()),
    });
    expect(response.status).toBe(502);
    expect(apiErrorSchema.parse(await response.json()).error.message).toContain('415');
  });

  it('gets JSON from the page and the proxy with OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json', async () => {
    const only = await receiver('json');
    const app = appWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: only.endpoint,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    });
    const forwarded = await app.request('/api/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(browserTrace()),
    });
    expect(forwarded.status).toBe(200);
    const chat = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody,
    });
    await chat.text();
    await only.waitFor(() => decodedSpans(only).some((span) => span.name.startsWith('chat ')));
    expect(
      only.received.every((request) => request.headers['content-type'] === 'application/json'),
    ).toBe(true);
    expect(decodedSpans(only).map((span) => span.name)).toContain('execute_tool get_weather');
  });
});
