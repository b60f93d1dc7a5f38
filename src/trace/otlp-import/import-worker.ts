/**
 * The import's heavy half off the page's main thread: reads the file, parses the JSON, validates
 * it with the same zod schemas and maps OTLP spans to runs (`importTraceFile`), then posts the
 * result back. Timestamps stay as the file has them. The page receives plain data (structured
 * clone) that this same code has already validated.
 */
import { importTraceFile } from './index';

self.onmessage = async (event: MessageEvent<Blob>) => {
  try {
    self.postMessage(importTraceFile(await event.data.text()));
  } catch (error) {
    self.postMessage({
      ok: false,
      error: `The file could not be read (${error instanceof Error ? error.message : 'unreadable'}).`,
    });
  }
};
