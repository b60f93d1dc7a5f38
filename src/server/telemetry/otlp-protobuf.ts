import protobuf from 'protobufjs/light.js';
import type {
  OtlpAnyValue,
  OtlpExportRequest,
  OtlpKeyValue,
  OtlpSpan,
} from '../../shared/otlp-schema';
import descriptor from './proto/otlp-trace.json' with { type: 'json' };

/**
 * OTLP/JSON ↔ OTLP/protobuf for `ExportTraceServiceRequest`, with protobuf.js and the official
 * opentelemetry-proto definitions (`proto/`, compiled to `proto/otlp-trace.json`). The JSON
 * mapping differs from protobuf's canonical one in ways a generic converter gets wrong: ids
 * are hex in OTLP/JSON but bytes on the wire (a generic `fromObject` would read them as
 * base64), and 64-bit integers are decimal strings that must not pass through a double.
 */

const root = protobuf.Root.fromJSON(descriptor);
const requestType = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);
const responseType = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
);

/** A 64-bit integer as protobuf.js's writer takes it: two 32-bit halves, two's complement. */
type Bits64 = { low: number; high: number; unsigned: boolean };

function bits64(decimal: string, unsigned: boolean): Bits64 {
  const value = BigInt.asUintN(64, BigInt(decimal));
  return {
    low: Number(value & 0xffff_ffffn) | 0,
    high: Number(value >> 32n) | 0,
    unsigned,
  };
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

function anyValue(value: OtlpAnyValue): Record<string, unknown> {
  if ('intValue' in value) return { intValue: bits64(String(value.intValue), false) };
  if ('bytesValue' in value) return { bytesValue: base64ToBytes(value.bytesValue) };
  if ('arrayValue' in value)
    return { arrayValue: { values: value.arrayValue.values.map(anyValue) } };
  if ('kvlistValue' in value)
    return { kvlistValue: { values: value.kvlistValue.values.map(keyValue) } };
  return { ...value };
}

function keyValue(item: OtlpKeyValue): Record<string, unknown> {
  return { key: item.key, value: anyValue(item.value) };
}

function attributes(list: readonly OtlpKeyValue[] | undefined) {
  return list ? list.map(keyValue) : [];
}

function span(item: OtlpSpan): Record<string, unknown> {
  return {
    traceId: hexToBytes(item.traceId),
    spanId: hexToBytes(item.spanId),
    ...(item.traceState ? { traceState: item.traceState } : {}),
    ...(item.parentSpanId ? { parentSpanId: hexToBytes(item.parentSpanId) } : {}),
    ...(item.flags !== undefined ? { flags: item.flags } : {}),
    name: item.name,
    kind: item.kind,
    startTimeUnixNano: bits64(item.startTimeUnixNano, true),
    endTimeUnixNano: bits64(item.endTimeUnixNano, true),
    attributes: attributes(item.attributes),
    droppedAttributesCount: item.droppedAttributesCount ?? 0,
    events: (item.events ?? []).map((event) => ({
      timeUnixNano: bits64(event.timeUnixNano, true),
      name: event.name,
      attributes: attributes(event.attributes),
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: item.droppedEventsCount ?? 0,
    links: (item.links ?? []).map((link) => ({
      traceId: hexToBytes(link.traceId),
      spanId: hexToBytes(link.spanId),
      ...(link.traceState ? { traceState: link.traceState } : {}),
      attributes: attributes(link.attributes),
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
      ...(link.flags !== undefined ? { flags: link.flags } : {}),
    })),
    droppedLinksCount: item.droppedLinksCount ?? 0,
    ...(item.status ? { status: { ...item.status } } : {}),
  };
}

/** A validated OTLP/JSON request as the protobuf bytes of the same `ExportTraceServiceRequest`. */
export function otlpJsonToProtobuf(request: OtlpExportRequest): Uint8Array {
  const message = {
    resourceSpans: request.resourceSpans.map((resource) => ({
      ...(resource.resource
        ? {
            resource: {
              attributes: attributes(resource.resource.attributes),
              droppedAttributesCount: resource.resource.droppedAttributesCount ?? 0,
            },
          }
        : {}),
      scopeSpans: resource.scopeSpans.map((scope) => ({
        ...(scope.scope
          ? {
              scope: {
                name: scope.scope.name,
                ...(scope.scope.version ? { version: scope.scope.version } : {}),
                attributes: attributes(scope.scope.attributes),
                droppedAttributesCount: scope.scope.droppedAttributesCount ?? 0,
              },
            }
          : {}),
        spans: scope.spans.map(span),
        ...(scope.schemaUrl ? { schemaUrl: scope.schemaUrl } : {}),
      })),
      ...(resource.schemaUrl ? { schemaUrl: resource.schemaUrl } : {}),
    })),
  };
  return requestType.encode(message).finish();
}

function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * Protobuf bytes back to the OTLP/JSON mapping (hex ids, decimal-string 64-bit integers,
 * numeric enums). For the tests' receivers, the bench's round trip, and reading collectors'
 * protobuf answers.
 */
export function otlpProtobufToJson(bytes: Uint8Array): unknown {
  const decoded = requestType.decode(bytes);
  return hexIds(
    requestType.toObject(decoded, { longs: String, enums: Number, bytes: Array, defaults: false }),
  );
}

/** Turns every id field (a byte array after `toObject`) into lowercase hex, recursively. */
function hexIds(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    if (/^(traceId|spanId|parentSpanId)$/.test(key))
      return bytesToHex(Uint8Array.from(value as number[]));
    if (key === 'bytesValue') return btoa(String.fromCharCode(...(value as number[])));
    return value.map((item) => hexIds(item));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [inner, item] of Object.entries(value)) out[inner] = hexIds(item, inner);
    return out;
  }
  return value;
}

/** A collector's protobuf `ExportTraceServiceResponse`: its partial success, if it reported one. */
export function decodeTraceResponse(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  const object = responseType.toObject(responseType.decode(bytes), { longs: Number });
  return 'partialSuccess' in object ? object.partialSuccess : undefined;
}
