import type { ServerConfig } from '../config';

/** Where and how the proxy sends spans; absent when no collector is configured. */
export type CollectorConfig = {
  /** The OTLP/HTTP traces URL, e.g. `http://localhost:4318/v1/traces`. */
  tracesUrl: string;
  /** Extra request headers (auth tokens for hosted collectors). */
  headers: Record<string, string>;
  /** `service.name` of the proxy's own spans. */
  serviceName: string;
  /** How spans travel: OTLP/HTTP protobuf (the specification's default) or OTLP/HTTP JSON. */
  protocol: OtlpProtocol;
  /** Prompts and answers on `chat` spans (`gen_ai.input.messages` / `…output.messages`): opt-in. */
  captureContent: boolean;
};

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** The content type each protocol posts. */
export const protocolContentType: Record<OtlpProtocol, string> = {
  'http/protobuf': 'application/x-protobuf',
  'http/json': 'application/json',
};

export const DEFAULT_SERVICE_NAME = 'fanout-proxy';

const warned = new Set<string>();

/** One warning per distinct problem: config is read per request and must not flood the log. */
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[fanout] ${message}`);
}

function httpUrl(text: string, name: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    warnOnce(`${name} is not a URL; traces are not sent.`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    warnOnce(`${name} must be an http(s) URL (OTLP/HTTP); traces are not sent.`);
    return undefined;
  }
  return url;
}

/**
 * `OTEL_EXPORTER_OTLP_HEADERS`: `key=value` pairs separated by commas, values percent-encoded
 * (the OpenTelemetry exporter spec). Malformed pairs are skipped with a warning naming only the
 * key, since values are usually secrets.
 */
export function parseOtlpHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!text) return headers;
  for (const pair of text.split(',')) {
    if (!pair.trim()) continue;
    const equals = pair.indexOf('=');
    const key = (equals < 0 ? pair : pair.slice(0, equals)).trim();
    if (equals <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      warnOnce(
        `OTEL_EXPORTER_OTLP_HEADERS: skipped a malformed entry${key ? ` for "${key}"` : ''}.`,
      );
      continue;
    }
    let value = pair.slice(equals + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not percent-encoded after all: send it as written.
    }
    headers[key.toLowerCase()] = value;
  }
  return headers;
}

/**
 * `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, else `http/protobuf`
 * (the specification's default; Phoenix, for one, accepts nothing else). `grpc` is not spoken
 * here: it falls back to `http/protobuf` with a warning, as does anything unknown.
 */
export function protocolFromConfig(config: ServerConfig): OtlpProtocol {
  const name = config.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const stated = (config[name] ?? '').trim().toLowerCase();
  if (stated === '' || stated === 'http/protobuf') return 'http/protobuf';
  if (stated === 'http/json') return 'http/json';
  warnOnce(
    `${name}=${stated} is not supported (use http/protobuf or http/json); sending http/protobuf.`,
  );
  return 'http/protobuf';
}

/**
 * The collector from the standard OpenTelemetry variables: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`
 * is used as is, `OTEL_EXPORTER_OTLP_ENDPOINT` gets `/v1/traces` appended (as every OTel SDK
 * does). A malformed URL disables export with a warning instead of failing chat requests.
 */
export function collectorFromConfig(config: ServerConfig): CollectorConfig | undefined {
  let tracesUrl: string | undefined;
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    tracesUrl = httpUrl(
      config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    )?.href;
  } else if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const base = httpUrl(config.OTEL_EXPORTER_OTLP_ENDPOINT, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    if (base) tracesUrl = `${base.href.replace(/\/+$/, '')}/v1/traces`;
  }
  if (!tracesUrl) return undefined;
  return {
    tracesUrl,
    headers: parseOtlpHeaders(config.OTEL_EXPORTER_OTLP_HEADERS),
    serviceName: config.OTEL_SERVICE_NAME ?? DEFAULT_SERVICE_NAME,
    protocol: protocolFromConfig(config),
    captureContent: config.FANOUT_OTEL_CAPTURE_CONTENT,
  };
}
