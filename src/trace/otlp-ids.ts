/**
 * Trace and span ids for a run, derived from its ids alone. Deterministic so that exporting a
 * run twice gives the same ids (a collector deduplicates instead of showing two traces) and so
 * that the page can tell the proxy which span to parent its model calls under — via a W3C
 * `traceparent` — before the run's OTLP export exists.
 */

const MASK_64 = (1n << 64n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const encoder = new TextEncoder();

/** splitmix64's finalizer: FNV alone leaves similar inputs (call-1, call-2) with similar bits. */
function avalanche(value: bigint): bigint {
  let z = value & MASK_64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return z ^ (z >> 31n);
}

function hash64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return avalanche(hash);
}

function hex64(text: string): string {
  const value = hash64(text);
  // An all-zero id is invalid in W3C Trace Context and OTLP; nudge the (astronomically rare) case.
  return (value === 0n ? 1n : value).toString(16).padStart(16, '0');
}

/** The 32-hex-digit trace id of a run. */
export function traceIdFor(runId: string): string {
  return hex64(`fanout/trace/a/${runId}`) + hex64(`fanout/trace/b/${runId}`);
}

/** The 16-hex-digit span id of a run's root span. */
export function runSpanIdFor(runId: string): string {
  return hex64(`fanout/run/${runId}`);
}

/** The 16-hex-digit span id of a step's `chat` span. */
export function stepSpanIdFor(runId: string, stepId: string): string {
  return hex64(`fanout/step/${runId}/${stepId}`);
}

/** The 16-hex-digit span id of a tool call's `execute_tool` span. */
export function callSpanIdFor(runId: string, callId: string): string {
  return hex64(`fanout/call/${runId}/${callId}`);
}

/**
 * The W3C `traceparent` header for a run's `/api/chat` requests: the proxy parents its model
 * spans under the run's root span, or under the step's `chat` span when `stepId` is given.
 */
export function traceparentFor(runId: string, stepId?: string): string {
  const parent = stepId === undefined ? runSpanIdFor(runId) : stepSpanIdFor(runId, stepId);
  return `00-${traceIdFor(runId)}-${parent}-01`;
}

/** True for a lowercase hex id of the given length that is not all zeros. */
export function isValidHexId(id: string, length: 16 | 32): boolean {
  return id.length === length && /^[0-9a-f]+$/.test(id) && !/^0+$/.test(id);
}
