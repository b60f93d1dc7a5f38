import { Hono } from 'hono';
import type { ApiError } from '../../shared/api-error';
import { countOtlpSpans, otlpExportRequestSchema } from '../../shared/otlp-schema';
import { bodyLimit } from '../body-limit';
import { type EnvSource, readConfig } from '../config';
import { jsonError } from '../http-error';
import { collectorFromConfig, protocolContentType } from '../telemetry/collector-config';

/** Largest browser trace the proxy forwards; a run of a few hundred calls with content fits. */
export const MAX_TRACE_BYTES = 2 * 1024 * 1024;
/** How long the collector gets to accept a trace before the page is told it failed. */
export const COLLECTOR_TIMEOUT_MS = 10_000;

/** The header that tells the page why a 204 forwarded nothing. */
export const COLLECTOR_HEADER = 'x-fanout-collector';

/** What a successful forward answers. */
export type TraceForwarded = { forwarded: number; partialSuccess?: unknown };

function formatIssue(issue: { path: PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** What a collector's answer says it dropped, in either encoding; nothing if it cannot be read. */
async function partialSuccessOf(
  response: Response,
  decodeProtobuf: ((bytes: Uint8Array) => unknown) | undefined,
): Promise<unknown> {
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    if (decodeProtobuf && /protobuf/i.test(type)) return decodeProtobuf(bytes);
    const answer: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof answer === 'object' && answer !== null && 'partialSuccess' in answer
      ? answer.partialSuccess
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `POST /api/traces`: a finished browser trace as OTLP/JSON, validated and forwarded to the
 * collector's `/v1/traces` in the collector's protocol: transcoded to protobuf for
 * `http/protobuf` (the default), unchanged for `http/json`. Without a collector it answers 204 with
 * `X-Fanout-Collector: disabled` — a normal setup, not an error, so a page that posts every run
 * gets no red 404 in its console — and reads nothing.
 */
export function tracesRoute(env: () => EnvSource) {
  const route = new Hono();
  route.post(
    '/',
    bodyLimit({
      maxSize: MAX_TRACE_BYTES,
      onError: (c) => {
        return jsonError(
          c,
          413,
          'body_too_large',
          `Trace is larger than ${MAX_TRACE_BYTES} bytes; send fewer runs at a time.`,
        );
      },
    }),
    async (c) => {
      const collector = collectorFromConfig(readConfig(env()));
      if (!collector) {
        c.header(COLLECTOR_HEADER, 'disabled');
        return c.body(null, 204);
      }
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type))
        return jsonError(
          c,
          415,
          'invalid_request',
          'Send the trace as application/json (OTLP/JSON).',
        );

      let text: string;
      let raw: unknown;
      try {
        // Reading fails too when the body breaks off (a client gone, a malformed chunk).
        text = await c.req.text();
        raw = JSON.parse(text);
      } catch {
        return jsonError(c, 400, 'invalid_json', 'Request body is not valid JSON.');
      }
      const parsed = otlpExportRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 3).map(formatIssue).join('; ');
        return jsonError(c, 400, 'invalid_request', `Not an OTLP/JSON trace: ${issues}`);
      }

      const protobuf =
        collector.protocol === 'http/protobuf'
          ? await import('../telemetry/otlp-protobuf')
          : undefined;
      let response: Response;
      try {
        response = await fetch(collector.tracesUrl, {
          method: 'POST',
          headers: {
            ...collector.headers,
            'content-type': protocolContentType[collector.protocol],
          },
          // JSON is forwarded byte for byte: what the collector stores is what the page exported.
          body: protobuf
            ? new Blob([protobuf.otlpJsonToProtobuf(parsed.data) as Uint8Array<ArrayBuffer>])
            : text,
          signal: AbortSignal.timeout(COLLECTOR_TIMEOUT_MS),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        const body: ApiError = {
          error: {
            code: 'collector_unreachable',
            message: timedOut
              ? `The trace collector did not answer within ${COLLECTOR_TIMEOUT_MS} ms.`
              : 'The trace collector could not be reached.',
          },
        };
        return c.json(body, timedOut ? 504 : 502);
      }
      if (!response.ok) {
        await response.body?.cancel();
        const body: ApiError = {
          error: {
            code: 'collector_rejected',
            message: `The trace collector answered ${response.status}.`,
          },
        };
        return c.json(body, 502);
      }
      // OTLP/HTTP may report spans it dropped; pass that on rather than claim full success.
      const partialSuccess = await partialSuccessOf(response, protobuf?.decodeTraceResponse);
      const result: TraceForwarded = { forwarded: countOtlpSpans(parsed.data), partialSuccess };
      return c.json(result, 200);
    },
  );
  return route;
}
