import { z } from 'zod';

/**
 * OTLP/JSON as other tools write it, read leniently: ids in hex (the OTLP/JSON mapping) or
 * base64 (what a protobuf→JSON dump of bytes gives), times as decimal strings or numbers,
 * enums as numbers. Every span becomes an `ImportedSpan` with plain attribute values; anything
 * wrong is reported naming the span (by name and position) and the field.
 */

/** One attribute value as JSON would hold it. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

export type ImportedEvent = { name: string; timeNs: bigint; attributes: Attributes };

/** A span, ready for the dialects: times in unix nanoseconds, ids in lowercase hex. */
export type ImportedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  attributes: Attributes;
  events: ImportedEvent[];
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage?: string;
  /** Where it sits in the file, for messages: `resourceSpans[0].scopeSpans[0].spans[3]`. */
  where: string;
};

type AnyValueJson = {
  stringValue?: unknown;
  boolValue?: unknown;
  intValue?: unknown;
  doubleValue?: unknown;
  arrayValue?: { values?: AnyValueJson[] };
  kvlistValue?: { values?: Array<{ key: string; value?: AnyValueJson }> };
  bytesValue?: unknown;
};

const anyValueSchema: z.ZodType<AnyValueJson> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z
      .union([z.string().regex(/^-?\d+$/, 'must be a decimal integer'), z.number()])
      .optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
    arrayValue: z.object({ values: z.array(anyValueSchema).optional() }).optional(),
    kvlistValue: z
      .object({
        values: z.array(z.object({ key: z.string(), value: anyValueSchema.optional() })).optional(),
      })
      .optional(),
    bytesValue: z.string().optional(),
  }),
);

const keyValues = z.array(z.object({ key: z.string(), value: anyValueSchema.optional() }));

const nanos = z.union([
  z.string().regex(/^\d{1,20}$/, 'must be a decimal string of nanoseconds'),
  z.number().int().nonnegative(),
]);

const spanSchema = z.object({
  traceId: z.string().min(1, 'is missing'),
  spanId: z.string().min(1, 'is missing'),
  parentSpanId: z.string().optional(),
  name: z.string().min(1, 'is missing'),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: keyValues.optional(),
  events: z
    .array(z.object({ timeUnixNano: nanos, name: z.string(), attributes: keyValues.optional() }))
    .optional(),
  status: z
    .object({
      code: z.union([z.number().int(), z.string()]).optional(),
      message: z.string().optional(),
    })
    .optional(),
});

const fileSchema = z.object({
  resourceSpans: z.array(
    z.object({
      scopeSpans: z.array(z.object({ spans: z.array(z.unknown()).optional() })).optional(),
      // Older exporters wrote `instrumentationLibrarySpans`.
      instrumentationLibrarySpans: z
        .array(z.object({ spans: z.array(z.unknown()).optional() }))
        .optional(),
    }),
  ),
});

export type ReadResult = { ok: true; spans: ImportedSpan[] } | { ok: false; error: string };

function plainValue(value: AnyValueJson | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return String(value.stringValue);
  if (value.boolValue !== undefined) return Boolean(value.boolValue);
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plainValue);
  if (value.kvlistValue) return attributesOf(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return String(value.bytesValue);
  return null;
}

function attributesOf(list: ReadonlyArray<{ key: string; value?: AnyValueJson }> | undefined) {
  const attributes: Attributes = {};
  for (const { key, value } of list ?? []) attributes[key] = plainValue(value);
  return attributes;
}

/** A hex id as written, or a base64 one turned into hex; undefined when it is neither. */
export function idToHex(id: string, bytes: 8 | 16): string | undefined {
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(id)) return id.toLowerCase();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return undefined;
  let binary: string;
  try {
    binary = atob(id);
  } catch {
    return undefined;
  }
  if (binary.length !== bytes) return undefined;
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : index ? `.${String(key)}` : String(key),
    )
    .join('');
}

/** `span "execute_tool get_weather" (resourceSpans[0]…spans[3])`, or its position alone. */
function spanLabel(raw: unknown, where: string): string {
  const name =
    typeof raw === 'object' && raw !== null && 'name' in raw && typeof raw.name === 'string'
      ? raw.name
      : undefined;
  return name ? `span "${name}" (${where})` : `the span at ${where}`;
}

function readSpan(raw: unknown, where: string): ImportedSpan | string {
  const parsed = spanSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? fieldPath(issue.path) : '';
    return `${spanLabel(raw, where)}: ${field || 'span'} ${issue?.message ?? 'is invalid'}`;
  }
  const span = parsed.data;
  const label = spanLabel(raw, where);
  const traceId = idToHex(span.traceId, 16);
  if (!traceId) return `${label}: traceId must be 32 hex digits (or 16 bytes in base64)`;
  const spanId = idToHex(span.spanId, 8);
  if (!spanId) return `${label}: spanId must be 16 hex digits (or 8 bytes in base64)`;
  let parentSpanId: string | undefined;
  if (span.parentSpanId) {
    parentSpanId = idToHex(span.parentSpanId, 8);
    if (!parentSpanId) return `${label}: parentSpanId must be 16 hex digits (or 8 bytes in base64)`;
  }
  const startNs = BigInt(span.startTimeUnixNano);
  const endNs = BigInt(span.endTimeUnixNano);
  if (endNs < startNs) return `${label}: endTimeUnixNano is before startTimeUnixNano`;
  const code = span.status?.code;
  const statusCode =
    typeof code === 'number'
      ? code
      : code === 'STATUS_CODE_ERROR'
        ? 2
        : code === 'STATUS_CODE_OK'
          ? 1
          : 0;
  return {
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    name: span.name,
    startNs,
    endNs,
    attributes: attributesOf(span.attributes),
    events: (span.events ?? []).map((event) => ({
      name: event.name,
      timeNs: BigInt(event.timeUnixNano),
      attributes: attributesOf(event.attributes),
    })),
    statusCode,
    ...(span.status?.message ? { statusMessage: span.status.message } : {}),
    where,
  };
}

/** True when the JSON looks like OTLP (an export request, or a bare list of them). */
export function looksLikeOtlp(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'resourceSpans' in data;
}

/** Every span of an OTLP/JSON export request, or a sentence naming the first bad span and field. */
export function readOtlpJson(data: unknown): ReadResult {
  const file = fileSchema.safeParse(data);
  if (!file.success) {
    const issue = file.error.issues[0];
    return {
      ok: false,
      error: `This OTLP file is invalid — ${issue ? fieldPath(issue.path) || '(file)' : '(file)'}: ${issue?.message ?? 'unreadable'}.`,
    };
  }
  const spans: ImportedSpan[] = [];
  for (const [r, resource] of file.data.resourceSpans.entries()) {
    const scopeKey = resource.scopeSpans ? 'scopeSpans' : 'instrumentationLibrarySpans';
    const scopes = resource.scopeSpans ?? resource.instrumentationLibrarySpans ?? [];
    for (const [s, scope] of scopes.entries()) {
      for (const [i, raw] of (scope.spans ?? []).entries()) {
        const span = readSpan(raw, `resourceSpans[${r}].${scopeKey}[${s}].spans[${i}]`);
        if (typeof span === 'string')
          return { ok: false, error: `This OTLP file is invalid — ${span}.` };
        spans.push(span);
      }
    }
  }
  if (spans.length === 0) return { ok: false, error: 'This OTLP file holds no spans.' };
  return { ok: true, spans };
}
