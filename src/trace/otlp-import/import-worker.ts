/**
 * The import's heavy half off the page's main thread: reads the file, parses the JSON, validates
 * it with the same zod schemas and maps OTLP spans to runs (`importTraceFile`), then posts the
 * result back. Timestamps stay as the file has them. The page receives plain data (structured
 * clone) that this same code has already validated.
 */
import type { TraceFileResult } from './index';
import { importTraceFile } from './index';

self.onmessage = async (event: MessageEvent<{ id: number; file: Blob }>) => {
  const { id, file } = event.data;
  let result: TraceFileResult;
  try {
    result = importTraceFile(await file.text());
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    result = { ok: false, error: `The file could not be read (${reason}).` };
  }
  self.postMessage({ id, result });
};
