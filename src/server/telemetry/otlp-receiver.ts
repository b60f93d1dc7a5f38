import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { otlpProtobufToJson } from './otlp-protobuf';

/** One request the receiver got. */
export type ReceivedExport = {
  path: string;
  headers: IncomingMessage['headers'];
  /** The body as text (meaningful for JSON). */
  text: string;
  bytes: Uint8Array;
  /** The body read as OTLP/JSON: parsed JSON, or protobuf decoded with the official protos. */
  decoded: unknown;
};

export type ReceiverOptions = {
  /** What the receiver answers an accepted request with (default 200). */
  status?: number;
  /**
   * The encodings it accepts; anything else gets 415, as Phoenix answers JSON (default both).
   */
  accepts?: 'protobuf' | 'json' | 'any';
};

const PROTOBUF = /^application\/x-protobuf\s*(;|$)/i;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

function decode(type: string, bytes: Uint8Array, text: string): unknown {
  try {
    if (PROTOBUF.test(type)) return otlpProtobufToJson(bytes);
    if (JSON_TYPE.test(type)) return JSON.parse(text);
  } catch {
    // Left undefined: the test sees the raw body.
  }
  return undefined;
}

/**
 * A stand-in OTLP/HTTP collector on loopback for tests: records every POST (decoding protobuf
 * with protobuf.js and the official protos) and answers as a collector does, in the request's
 * encoding, or with `status` when a test wants a failing collector. `accepts` makes it a
 * protobuf-only or JSON-only backend.
 */
export async function startOtlpReceiver(options: ReceiverOptions | number = {}) {
  const { status = 200, accepts = 'any' } =
    typeof options === 'number' ? { status: options } : options;
  const received: ReceivedExport[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const type = request.headers['content-type'] ?? '';
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const bytes = new Uint8Array(body);
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        text,
        bytes,
        decoded: decode(type, bytes, text),
      });
      const protobuf = PROTOBUF.test(type);
      const refused =
        (accepts === 'protobuf' && !protobuf) || (accepts === 'json' && !JSON_TYPE.test(type));
      const code = refused ? 415 : status;
      if (code === 200 && protobuf) {
        // An empty ExportTraceServiceResponse: full success.
        response.writeHead(200, { 'content-type': 'application/x-protobuf' });
        response.end();
      } else {
        response.writeHead(code, { 'content-type': 'application/json' });
        response.end(code === 200 ? '{}' : '{"error":"nope"}');
      }
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    /** Resolves once `predicate` holds for what has arrived, or rejects after `timeoutMs`. */
    async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('The OTLP receiver did not get what the test waited for.');
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 100));
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type OtlpReceiver = Awaited<ReturnType<typeof startOtlpReceiver>>;
