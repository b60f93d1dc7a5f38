/**
 * Records real AI SDK telemetry for the importer's tests: `streamText` with tools that run,
 * the AI SDK's own OpenTelemetry integrations (`LegacyOpenTelemetry`: `ai.streamText`,
 * `ai.streamText.doStream`, `ai.toolCall`; `OpenTelemetry`: the GenAI conventions), spans
 * captured by an in-memory exporter and written as OTLP/JSON by the OpenTelemetry JSON
 * serializer. The model is scripted (one tool call per model step, as an agent that does not
 * call tools in parallel would); the tools really wait, so the times are real.
 *
 *   npx tsx scripts/record-ai-sdk-spans.ts    → src/trace/otlp-import/fixtures/*.json
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LegacyOpenTelemetry, OpenTelemetry } from '@ai-sdk/otel';
import type {
  LanguageModelV4,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';

type Call = { toolName: string; input: Record<string, unknown> };

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 20, text: 20, reasoning: 0 },
};

/** A model that makes `calls` one per step, then answers. */
function scriptedModel(calls: readonly Call[]): LanguageModelV4 {
  let step = 0;
  return {
    specificationVersion: 'v4',
    provider: 'scripted',
    modelId: 'scripted-agent',
    supportedUrls: {},
    async doGenerate() {
      throw new Error('streamText only');
    },
    async doStream() {
      const call = calls[step];
      const index = step++;
      const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
      if (call) {
        parts.push({
          type: 'tool-call',
          toolCallId: `call_${index + 1}`,
          toolName: call.toolName,
          input: JSON.stringify(call.input),
        });
        parts.push({
          type: 'finish',
          usage,
          finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        });
      } else {
        parts.push({ type: 'text-start', id: 't' });
        parts.push({ type: 'text-delta', id: 't', delta: 'Done.' });
        parts.push({ type: 'text-end', id: 't' });
        parts.push({ type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } });
      }
      return {
        stream: new ReadableStream({
          async start(controller) {
            // A model takes a moment to answer: 100 ms before its first part.
            await new Promise((resolve) => setTimeout(resolve, 100));
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const tools = {
  get_weather: tool({
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      await wait(300);
      return { city, tempC: city.length * 3, sky: 'clear' };
    },
  }),
  lookup_product: tool({
    inputSchema: z.object({ query: z.string() }),
    execute: async () => {
      await wait(300);
      return { sku: 'KTL-88412', name: 'Blue kettle' };
    },
  }),
  check_inventory: tool({
    inputSchema: z.object({ sku: z.string() }),
    execute: async ({ sku }) => {
      await wait(300);
      return { sku, inStock: 7 };
    },
  }),
};

async function record(
  kind: 'legacy' | 'genai',
  prompt: string,
  calls: readonly Call[],
): Promise<unknown> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'ai-sdk-agent' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('ai');
  const integration =
    kind === 'legacy' ? new LegacyOpenTelemetry({ tracer }) : new OpenTelemetry({ tracer });
  const result = streamText({
    model: scriptedModel(calls),
    prompt,
    tools,
    stopWhen: stepCountIs(calls.length + 1),
    telemetry: { functionId: 'recorded-agent', integrations: [integration] },
  });
  await result.consumeStream();
  await result.text;
  await provider.forceFlush();
  const json = JSON.parse(
    new TextDecoder().decode(JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())),
  );
  await provider.shutdown();
  return json;
}

const weather: Call[] = ['Paris', 'London', 'Tokyo'].map((city) => ({
  toolName: 'get_weather',
  input: { city },
}));
const shop: Call[] = [
  { toolName: 'lookup_product', input: { query: 'blue kettle' } },
  { toolName: 'check_inventory', input: { sku: 'KTL-88412' } },
];

const out = (name: string) =>
  fileURLToPath(new URL(`../src/trace/otlp-import/fixtures/${name}`, import.meta.url));
for (const kind of ['legacy', 'genai'] as const) {
  const prefix = kind === 'legacy' ? 'ai-sdk' : 'ai-sdk-genai';
  writeFileSync(
    out(`${prefix}-weather.json`),
    `${JSON.stringify(await record(kind, 'Weather in Paris, London and Tokyo?', weather), null, 1)}\n`,
  );
  writeFileSync(
    out(`${prefix}-shop.json`),
    `${JSON.stringify(await record(kind, 'Is the blue kettle in stock?', shop), null, 1)}\n`,
  );
}
console.log('recorded AI SDK spans into src/trace/otlp-import/fixtures/');
