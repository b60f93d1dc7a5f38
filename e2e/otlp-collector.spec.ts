import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { type OtlpReceiver, startOtlpReceiver } from '../src/server/telemetry/otlp-receiver.ts';
import { type OtlpResourceSpans, otlpExportRequestSchema } from '../src/shared/otlp-schema.ts';
import { FAKE_UPSTREAM_URL } from './fake-upstream/scenarios.ts';
import { ChatPage } from './pages/chat-page.ts';
import { settledBars } from './pages/timeline.ts';
import { E2E_HARDENING_ENV, E2E_OPENAI_KEY } from './support/e2e-env.ts';

/**
 * Part 3 of issue 14 end to end: a collector that accepts only OTLP/protobuf (as Phoenix does)
 * receives the page's tool spans (forwarded and transcoded by `/api/traces`) and the proxy's
 * model spans (the OpenTelemetry protobuf exporter) in one trace, decoded here with protobuf.js
 * and the official protos. The spec runs its own app server, pointed at its own receiver.
 */

const WEATHER = "What's the weather in Paris, Tokyo and New York?";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let receiver: OtlpReceiver;
let server: ChildProcess | undefined;
let appUrl = '';

test.beforeAll(async () => {
  receiver = await startOtlpReceiver({ accepts: 'protobuf' });
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['dist/server/node.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FANOUT_MODEL: '',
      OPENAI_API_KEY: E2E_OPENAI_KEY,
      OPENAI_BASE_URL: `${FAKE_UPSTREAM_URL}/v1`,
      FANOUT_MAX_RETRIES: '0',
      FANOUT_OFFLINE_TTFT_MS: '50',
      FANOUT_OFFLINE_TOKENS_PER_SECOND: '100',
      ...E2E_HARDENING_ENV,
      // No protocol variable: the specification's default, http/protobuf.
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: '',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: '',
    },
    stdio: 'ignore',
  });
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${appUrl}/api/health`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 15_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await receiver.close();
});

type Arrived = { service: string; name: string; traceId: string };

function arrived(): Arrived[] {
  return receiver.received.flatMap((request) => {
    const parsed = otlpExportRequestSchema.safeParse(request.decoded);
    if (!parsed.success) return [];
    return parsed.data.resourceSpans.flatMap((resource: OtlpResourceSpans) => {
      const service = resource.resource?.attributes.find((item) => item.key === 'service.name');
      const name = service && 'stringValue' in service.value ? service.value.stringValue : '';
      return resource.scopeSpans.flatMap((scope) =>
        scope.spans.map((span) => ({ service: name, name: span.name, traceId: span.traceId })),
      );
    });
  });
}

test('a protobuf-only collector gets the page’s tool spans and the proxy’s model spans in one trace', async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await page.goto(`${appUrl}/?latency=200`);
  await expect(chat.modelPicker).toBeEnabled();
  await chat.send(WEATHER);
  await settledBars(page, 3);
  await chat.expectAnswer('Warmest right now');

  await expect
    .poll(() => arrived().filter((span) => span.name === 'execute_tool get_weather').length, {
      timeout: 15_000,
    })
    .toBe(3);
  // Every request was protobuf: the receiver refuses anything else.
  expect(
    receiver.received.every(
      (request) => request.headers['content-type'] === 'application/x-protobuf',
    ),
  ).toBe(true);
  const spans = arrived();
  const tools = spans.filter((span) => span.name === 'execute_tool get_weather');
  const [traceId] = new Set(tools.map((span) => span.traceId));
  expect(new Set(tools.map((span) => span.traceId)).size).toBe(1);
  expect(tools.every((span) => span.service === 'fanout-web')).toBe(true);
  const proxyModel = spans.filter(
    (span) => span.service === 'fanout-proxy' && span.name.startsWith('chat '),
  );
  expect(proxyModel.length).toBeGreaterThan(0);
  expect(proxyModel.every((span) => span.traceId === traceId)).toBe(true);
});
