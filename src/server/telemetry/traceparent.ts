/** A parsed W3C `traceparent`: the caller's trace and the span to parent under. */
export type RemoteParent = { traceId: string; spanId: string; sampled: boolean };

// version-traceid-parentid-flags; a future version may append fields after the flags.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * Reads a W3C Trace Context `traceparent` header; `undefined` for anything invalid, which the
 * spec says to treat as absent (the model call then starts a trace of its own).
 */
export function parseTraceparent(header: string | undefined | null): RemoteParent | undefined {
  if (!header) return undefined;
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (!version || !traceId || !spanId || !flags) return undefined;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}
