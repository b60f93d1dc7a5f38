/**
 * The OTLP figure's measuring half, run by `tsx` (it imports the app's modules, which Node's
 * type stripping alone cannot resolve): a 500-call run exported as OTLP/JSON, transcoded to
 * protobuf as `/api/traces` does for a protobuf collector, decoded again with protobuf.js and
 * the official protos, and imported back. Prints one JSON object.
 */
import { otlpJsonToProtobuf, otlpProtobufToJson } from '../../src/server/telemetry/otlp-protobuf';
import { otlpExportRequestSchema, otlpSpansOf } from '../../src/shared/otlp-schema';
import { runMetrics } from '../../src/trace/metrics';
import { toOtlp } from '../../src/trace/otlp';
import { importTraceFile } from '../../src/trace/otlp-import';
import type { RunTrace, ToolSpan } from '../../src/trace/trace-types';
import { summarize } from '../lib/stats.ts';

const CALLS = 500;
const repetitions = Number(process.argv[2] ?? 30);

/** 500 calls in 50 steps of 10, with inputs and outputs like the demo's tools. */
function bigRun(): RunTrace {
  const spans: Record<string, ToolSpan> = {};
  const spanOrder: string[] = [];
  const steps: RunTrace['steps'] = [];
  for (let s = 0; s < CALLS / 10; s++) {
    const at = s * 400;
    const callIds: string[] = [];
    for (let c = 0; c < 10; c++) {
      const callId = `call-${s}-${c}`;
      callIds.push(callId);
      spanOrder.push(callId);
      spans[callId] = {
        callId,
        toolName: 'get_weather',
        stepId: `step-${s}`,
        runsOn: 'browser',
        state: 'settled',
        status: 'ok',
        input: { city: `City ${s}-${c}` },
        output: { city: `City ${s}-${c}`, tempC: 10 + c, sky: 'clear', forecast: [1, 2, 3] },
        outputBytes: 64,
        inputStartedAt: at + 50 + c,
        inputAvailableAt: at + 60 + c,
        startedAt: at + 61 + c,
        settledAt: at + 200 + c * 7,
      };
    }
    steps.push({
      id: `step-${s}`,
      index: s,
      requestAt: at,
      firstByteAt: at + 30,
      firstContentAt: at + 40,
      finishedAt: at + 70,
      outputsReturnedAt: at + 270,
      callIds,
      finishReason: 'tool-calls',
      usage: { inputTokens: 900, outputTokens: 80, totalTokens: 980 },
    });
  }
  return {
    id: 'bench-500',
    prompt: 'Weather everywhere',
    modelId: 'openai:gpt-4.1',
    policy: 'parallel',
    parallelToolCalls: true,
    status: 'complete',
    startedAtEpochMs: 1_767_225_600_000,
    startedAtPerf: 0,
    endedAt: (CALLS / 10) * 400,
    steps,
    spanOrder,
    spans,
  };
}

const run = bigRun();
const json = otlpExportRequestSchema.parse(toOtlp([run], { serviceName: 'fanout-web' }));
const transcodeMs: number[] = [];
let bytes = otlpJsonToProtobuf(json);
// Warm-up, not counted: the first calls include compiling the encoder.
for (let i = 0; i < 5; i++) bytes = otlpJsonToProtobuf(json);
for (let i = 0; i < repetitions; i++) {
  const start = performance.now();
  bytes = otlpJsonToProtobuf(json);
  transcodeMs.push(performance.now() - start);
}

// The round trip: protobuf → decoder → OTLP/JSON, span by span, then imported as a run.
const decoded = otlpExportRequestSchema.parse(otlpProtobufToJson(bytes));
const before = otlpSpansOf(json);
const after = otlpSpansOf(decoded);
const mismatches = before.filter((span, index) => {
  const other = after[index];
  return (
    !other ||
    other.traceId !== span.traceId ||
    other.spanId !== span.spanId ||
    (other.parentSpanId ?? '') !== (span.parentSpanId ?? '') ||
    other.startTimeUnixNano !== span.startTimeUnixNano ||
    other.endTimeUnixNano !== span.endTimeUnixNano ||
    JSON.stringify(other.attributes) !== JSON.stringify(span.attributes) ||
    JSON.stringify(other.events ?? []) !== JSON.stringify(span.events ?? [])
  );
}).length;
const imported = importTraceFile(JSON.stringify(decoded));
const back = imported.ok ? imported.choices[0]?.runs[0] : undefined;
const a = runMetrics(run);
const b = back ? runMetrics(back) : undefined;
const sameFigures =
  b !== undefined &&
  Math.abs(a.wallMs - b.wallMs) < 0.001 &&
  Math.abs(a.sumMs - b.sumMs) < 0.001 &&
  a.maxConcurrency === b.maxConcurrency &&
  back?.spanOrder.length === run.spanOrder.length;

console.log(
  JSON.stringify({
    calls: CALLS,
    spans: before.length,
    jsonBytes: JSON.stringify(json).length,
    protobufBytes: bytes.length,
    transcodeMs: summarize(transcodeMs),
    roundTrip: {
      decodedSpans: after.length,
      mismatchedSpans: mismatches + Math.abs(after.length - before.length),
      importedCalls: back?.spanOrder.length ?? 0,
      sameFigures,
    },
  }),
);
