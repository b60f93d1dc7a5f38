import { describe, expect, it, vi } from 'vitest';
import { readConfig } from '../config';
import { collectorFromConfig, parseOtlpHeaders, protocolFromConfig } from './collector-config';
import { parseTraceparent } from './traceparent';

describe('collectorFromConfig', () => {
  it('is off without an endpoint', () => {
    expect(collectorFromConfig(readConfig({}))).toBeUndefined();
    expect(collectorFromConfig(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }))).toBeUndefined();
  });

  it('appends /v1/traces to the base endpoint and uses the traces endpoint as is', () => {
    const base = readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/otlp/' });
    expect(collectorFromConfig(base)).toEqual({
      tracesUrl: 'http://collector:4318/otlp/v1/traces',
      headers: {},
      serviceName: 'fanout-proxy',
      protocol: 'http/protobuf',
      captureContent: false,
    });
    const traces = readConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://cloud.example/api/traces',
      OTEL_SERVICE_NAME: 'shop-assistant',
    });
    expect(collectorFromConfig(traces)).toMatchObject({
      tracesUrl: 'https://cloud.example/api/traces',
      serviceName: 'shop-assistant',
    });
  });

  it('disables export with a warning for a malformed endpoint instead of failing requests', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(collectorFromConfig(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost 4318' }))).toBe(
      undefined,
    );
    expect(collectorFromConfig(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://x:4317' }))).toBe(
      undefined,
    );
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('protocolFromConfig', () => {
  it('defaults to http/protobuf, as the specification does', () => {
    expect(protocolFromConfig(readConfig({}))).toBe('http/protobuf');
  });

  it('honours the traces variable over the general one', () => {
    expect(protocolFromConfig(readConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }))).toBe(
      'http/json',
    );
    expect(
      protocolFromConfig(
        readConfig({
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
        }),
      ),
    ).toBe('http/protobuf');
  });

  it('falls back to http/protobuf with a warning for grpc or a typo', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(protocolFromConfig(readConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }))).toBe(
      'http/protobuf',
    );
    expect(warn.mock.calls.map((call) => String(call[0])).join('\n')).toContain('grpc');
  });

  it('captures content only when the operator opts in', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(collectorFromConfig(readConfig(endpoint))?.captureContent).toBe(false);
    expect(
      collectorFromConfig(readConfig({ ...endpoint, FANOUT_OTEL_CAPTURE_CONTENT: '1' }))
        ?.captureContent,
    ).toBe(true);
  });
});

describe('parseOtlpHeaders', () => {
  it('reads comma-separated, percent-encoded pairs', () => {
    expect(parseOtlpHeaders('Authorization=Basic%20abc%3D%3D, x-scope = team=a')).toEqual({
      authorization: 'Basic abc==',
      'x-scope': 'team=a',
    });
    expect(parseOtlpHeaders(undefined)).toEqual({});
  });

  it('skips malformed pairs, naming only the key', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(parseOtlpHeaders('novalue,=secret,bad key=1,ok=1')).toEqual({ ok: '1' });
    const logged = warn.mock.calls.map((call) => String(call[0])).join('\n');
    expect(logged).not.toContain('secret');
  });
});

describe('parseTraceparent', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const spanId = '00f067aa0ba902b7';

  it('reads a valid header', () => {
    expect(parseTraceparent(`00-${traceId}-${spanId}-01`)).toEqual({
      traceId,
      spanId,
      sampled: true,
    });
    expect(parseTraceparent(`00-${traceId}-${spanId}-00`)?.sampled).toBe(false);
    // A later version may add fields; a reader of version 00 takes the ones it knows.
    expect(parseTraceparent(`01-${traceId}-${spanId}-01-extra`)?.traceId).toBe(traceId);
  });

  it('treats anything invalid as absent', () => {
    for (const header of [
      undefined,
      '',
      'garbage',
      `00-${traceId.toUpperCase()}-${spanId}-01`,
      `00-${'0'.repeat(32)}-${spanId}-01`,
      `00-${traceId}-${'0'.repeat(16)}-01`,
      `ff-${traceId}-${spanId}-01`,
      `00-${traceId}-${spanId}-01-extra`,
    ])
      expect(parseTraceparent(header), String(header)).toBeUndefined();
  });
});
