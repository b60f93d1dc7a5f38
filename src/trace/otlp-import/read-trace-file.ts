import { importTraceFile, type TraceFileResult } from './index';

/**
 * Reads a picked trace file in a Web Worker (import-worker.ts), so parsing and validating
 * 1,000 calls is no long task on the page; where a worker cannot start (tests in Node, a
 * browser without module workers) it reads the file here instead. Never throws.
 */
export async function readTraceFile(file: Blob): Promise<TraceFileResult> {
  let worker: Worker | undefined;
  try {
    if (typeof Worker === 'function')
      worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = undefined;
  }
  if (!worker) return importTraceFile(await file.text());
  const running = worker;
  const result = await new Promise<TraceFileResult | undefined>((resolve) => {
    running.onmessage = (event: MessageEvent<TraceFileResult>) => resolve(event.data);
    // A worker that fails to load (or to clone the message) falls back to the main thread.
    running.onerror = () => resolve(undefined);
    running.onmessageerror = () => resolve(undefined);
    running.postMessage(file);
  });
  running.terminate();
  return result ?? importTraceFile(await file.text());
}
