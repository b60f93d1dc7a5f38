import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const list = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value?.trim() ? value : fallback)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );

const positiveInt = (fallback: number) =>
  z.coerce.number().int().nonnegative().optional().default(fallback);

const flag = z
  .string()
  .optional()
  .transform((value) => /^(1|true|yes|on)$/i.test(value?.trim() ?? ''));

const envSchema = z.object({
  /** The address `npm start` binds to; also a name the server answers to (FANOUT_ALLOWED_HOSTS). */
  HOST: optionalString,
  FANOUT_MODEL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_MODELS: list('gpt-4.1-mini,gpt-4.1'),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalString,
  ANTHROPIC_MODELS: list('claude-sonnet-4-5,claude-haiku-4-5'),
  OPENAI_COMPATIBLE_BASE_URL: optionalString,
  OPENAI_COMPATIBLE_API_KEY: optionalString,
  OPENAI_COMPATIBLE_MODELS: list('llama3.2'),
  FANOUT_OFFLINE_TTFT_MS: positiveInt(250),
  FANOUT_OFFLINE_TOKENS_PER_SECOND: positiveInt(80),
  FANOUT_MAX_OUTPUT_TOKENS: positiveInt(4096),
  FANOUT_MAX_RETRIES: positiveInt(1),
  // Abuse limits (see README "Security"). 0 switches a limit off.
  FANOUT_RATE_LIMIT_PER_MINUTE: positiveInt(120),
  FANOUT_MAX_STREAMS_PER_IP: positiveInt(8),
  FANOUT_MAX_STREAMS: positiveInt(256),
  /** Take the client address from X-Forwarded-For: only behind a proxy that sets it. */
  FANOUT_TRUST_PROXY: flag,
  /** Origins besides the page's own that may POST to the API (exact `scheme://host[:port]`). */
  FANOUT_ALLOWED_ORIGINS: list(''),
  /** Hosts the page may load markdown images from (https only); none by default. */
  FANOUT_IMAGE_HOSTS: list(''),
  /**
   * Host names (or `host:port`) the server answers to, besides its defaults: a request with any
   * other Host header is refused (DNS rebinding). See README "Security".
   */
  FANOUT_ALLOWED_HOSTS: list(''),
  /** Largest answer the proxy relays, in bytes of its stream to the page; 0 = no cap. */
  FANOUT_MAX_ANSWER_BYTES: positiveInt(4 * 1024 * 1024),
  /** Longest an answer may stream, in ms; 0 = no cap. */
  FANOUT_MAX_ANSWER_MS: positiveInt(300_000),
  // The Node server's socket limits (`npm start`; read once at startup). 0 switches one off.
  FANOUT_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  FANOUT_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  FANOUT_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000),
  FANOUT_MAX_CONNECTIONS_PER_IP: positiveInt(64),
  FANOUT_UPSTREAM_FIRST_BYTE_TIMEOUT_MS: positiveInt(30_000),
  FANOUT_UPSTREAM_IDLE_TIMEOUT_MS: positiveInt(60_000),
  /** The price table per model (docs/prices.md); config/prices.json when unset. */
  FANOUT_PRICES: optionalString,
  /** Declares the fault-injection tools (e2e only; never set in production). */
  FANOUT_FAULT_TOOLS: flag,
  // Trace export (standard OpenTelemetry names); validated in telemetry/collector-config.ts so a
  // typo disables tracing with a warning instead of failing every chat request.
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalString,
  OTEL_EXPORTER_OTLP_HEADERS: optionalString,
  OTEL_EXPORTER_OTLP_PROTOCOL: optionalString,
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: optionalString,
  /** Prompts and answers on the proxy's `chat` spans; off by default (they hold user data). */
  FANOUT_OTEL_CAPTURE_CONTENT: flag,
  OTEL_SERVICE_NAME: optionalString,
});

export type ServerConfig = z.infer<typeof envSchema>;
export type EnvSource = Record<string, string | undefined>;

const envNames = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];
let last: { key: string; config: ServerConfig } | undefined;

/** Reads the proxy's configuration from environment variables; called per request so changes apply without a restart. */
export function readConfig(env: EnvSource): ServerConfig {
  // Every guard and the chat route read the configuration, four parses per chat request. The
  // result depends on these variables only, so an unchanged set returns the last (frozen) parse.
  const key = JSON.stringify(envNames.map((name) => env[name] ?? null));
  if (last?.key === key) return last.config;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const config = parsed.data;
  for (const value of Object.values(config)) if (Array.isArray(value)) Object.freeze(value);
  last = { key, config: Object.freeze(config) };
  return config;
}
