import { z } from 'zod';

/**
 * The OTLP/JSON trace format (opentelemetry-proto `ExportTraceServiceRequest`, JSON encoding):
 * ids are lowercase hex, not base64; enums are integers; 64-bit integers are decimal strings.
 * Used by `toOtlp`'s types, by its tests, and by the proxy to validate what the page forwards.
 */

/** OTLP `AnyValue`: exactly one of the typed fields. */
export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: OtlpAnyValue[] } }
  | { kvlistValue: { values: OtlpKeyValue[] } }
  | { bytesValue: string };

export type OtlpKeyValue = { key: string; value: OtlpAnyValue };

/** OTLP `Span.SpanKind`. */
export const SpanKind = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
} as const;

/** OTLP `Status.StatusCode`. */
export const StatusCode = { unset: 0, ok: 1, error: 2 } as const;

/** Guards against requests that would tie up the proxy or the collector. */
export const OTLP_LIMITS = {
  spansPerRequest: 10_000,
  attributesPerItem: 256,
  eventsPerSpan: 256,
  keyLength: 256,
  stringLength: 64 * 1024,
  nesting: 8,
} as const;

const decimal64 = z
  .string()
  .regex(/^\d{1,20}$/, 'must be a decimal string of nanoseconds')
  .refine((value) => BigInt(value) < 1n << 64n, 'does not fit in 64 bits');

const hexId = (length: 16 | 32) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} lowercase hex digits`)
    .refine((id) => !/^0+$/.test(id), 'must not be all zeros');

/** An OTLP `AnyValue` up to `depth` levels of arrays and key-value lists. */
function anyValueSchema(depth: number): z.ZodType<OtlpAnyValue> {
  const scalars = [
    z.strictObject({ stringValue: z.string().max(OTLP_LIMITS.stringLength) }),
    z.strictObject({ boolValue: z.boolean() }),
    z.strictObject({
      intValue: z.union([
        z.string().regex(/^-?\d{1,19}$/, 'must be a decimal integer'),
        // protobuf's JSON mapping also allows a plain number; the proxy forwards it as sent.
        z
          .number()
          .int()
          .transform((value) => String(value)),
      ]),
    }),
    z.strictObject({ doubleValue: z.number() }),
    z.strictObject({ bytesValue: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64') }),
  ] as const;
  if (depth <= 0) return z.union(scalars);
  const inner = anyValueSchema(depth - 1);
  return z.union([
    ...scalars,
    z.strictObject({
      arrayValue: z.strictObject({ values: z.array(inner).max(OTLP_LIMITS.attributesPerItem) }),
    }),
    z.strictObject({
      kvlistValue: z.strictObject({
        values: z
          .array(z.strictObject({ key: z.string().max(OTLP_LIMITS.keyLength), value: inner }))
          .max(OTLP_LIMITS.attributesPerItem),
      }),
    }),
  ]);
}

export const otlpAnyValueSchema = anyValueSchema(OTLP_LIMITS.nesting);

export const otlpKeyValueSchema = z.strictObject({
  key: z.string().min(1).max(OTLP_LIMITS.keyLength),
  value: otlpAnyValueSchema,
});

const attributes = z.array(otlpKeyValueSchema).max(OTLP_LIMITS.attributesPerItem);

export const otlpSpanSchema = z
  .object({
    traceId: hexId(32),
    spanId: hexId(16),
    traceState: z.string().max(512).optional(),
    // OTLP/JSON writes a root's parent as "" or leaves it out.
    parentSpanId: z.union([hexId(16), z.literal('')]).optional(),
    flags: z.number().int().nonnegative().optional(),
    name: z.string().min(1).max(OTLP_LIMITS.keyLength),
    kind: z.number().int().min(0).max(5),
    startTimeUnixNano: decimal64,
    endTimeUnixNano: decimal64,
    attributes: attributes.optional(),
    droppedAttributesCount: z.number().int().nonnegative().optional(),
    events: z
      .array(
        z.object({
          timeUnixNano: decimal64,
          name: z.string().min(1).max(OTLP_LIMITS.keyLength),
          attributes: attributes.optional(),
          droppedAttributesCount: z.number().int().nonnegative().optional(),
        }),
      )
      .max(OTLP_LIMITS.eventsPerSpan)
      .optional(),
    droppedEventsCount: z.number().int().nonnegative().optional(),
    links: z
      .array(
        z.object({
          traceId: hexId(32),
          spanId: hexId(16),
          traceState: z.string().max(512).optional(),
          attributes: attributes.optional(),
          droppedAttributesCount: z.number().int().nonnegative().optional(),
          flags: z.number().int().nonnegative().optional(),
        }),
      )
      .max(OTLP_LIMITS.eventsPerSpan)
      .optional(),
    droppedLinksCount: z.number().int().nonnegative().optional(),
    status: z
      .object({
        code: z.number().int().min(0).max(2).optional(),
        message: z.string().max(OTLP_LIMITS.stringLength).optional(),
      })
      .optional(),
  })
  .refine((span) => BigInt(span.startTimeUnixNano) <= BigInt(span.endTimeUnixNano), {
    message: 'endTimeUnixNano is before startTimeUnixNano',
    path: ['endTimeUnixNano'],
  });
export type OtlpSpan = z.infer<typeof otlpSpanSchema>;

export const otlpScopeSpansSchema = z.object({
  scope: z
    .object({
      name: z.string().max(OTLP_LIMITS.keyLength),
      version: z.string().max(OTLP_LIMITS.keyLength).optional(),
      attributes: attributes.optional(),
      droppedAttributesCount: z.number().int().nonnegative().optional(),
    })
    .optional(),
  spans: z.array(otlpSpanSchema),
  schemaUrl: z.string().max(2048).optional(),
});
export type OtlpScopeSpans = z.infer<typeof otlpScopeSpansSchema>;

export const otlpResourceSpansSchema = z.object({
  resource: z
    .object({
      attributes: attributes,
      droppedAttributesCount: z.number().int().nonnegative().optional(),
    })
    .optional(),
  scopeSpans: z.array(otlpScopeSpansSchema),
  schemaUrl: z.string().max(2048).optional(),
});
export type OtlpResourceSpans = z.infer<typeof otlpResourceSpansSchema>;

/** A whole OTLP/JSON export request: what `POST {collector}/v1/traces` accepts. */
export const otlpExportRequestSchema = z
  .object({ resourceSpans: z.array(otlpResourceSpansSchema).min(1) })
  .refine((request) => countOtlpSpans(request) <= OTLP_LIMITS.spansPerRequest, {
    message: `more than ${OTLP_LIMITS.spansPerRequest} spans in one request`,
    path: ['resourceSpans'],
  });
export type OtlpExportRequest = z.infer<typeof otlpExportRequestSchema>;

/** Every span of a request, in order. */
export function otlpSpansOf(request: OtlpExportRequest): OtlpSpan[] {
  return request.resourceSpans.flatMap((resource) =>
    resource.scopeSpans.flatMap((scope) => scope.spans),
  );
}

/** The number of spans in a request. */
export function countOtlpSpans(request: {
  resourceSpans: ReadonlyArray<{ scopeSpans: ReadonlyArray<{ spans: readonly unknown[] }> }>;
}): number {
  let count = 0;
  for (const resource of request.resourceSpans)
    for (const scope of resource.scopeSpans) count += scope.spans.length;
  return count;
}
