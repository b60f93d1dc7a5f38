import { importTraceFile, type TraceFileResult } from './index';

type Pending = (result: TraceFileResult | undefined) => void;

/** One worker for the page's imports, started on the first (its script compiles once). */
let reader: { worker: Worker; pending: Map<number, Pending> } | undefined;
let nextId = 0;

function startReader(): typeof reader {
  if (reader || typeof Worker !== 'function') return reader;
  try {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    const pending = new Map<number, Pending>();
    const fail = () => {
      // A worker that fails to load (or to clone a message) falls back to the main thread.
      for (const settle of pending.values()) settle(undefined);
      pending.clear();
      worker.terminate();
      reader = undefined;
    };
    worker.onmessage = (event: MessageEvent<{ id: number; result: TraceFileResult }>) => {
      pending.get(event.data.id)?.(event.data.result);
      pending.delete(event.data.id);
    };
    worker.onerror = fail;
    worker.onmessageerror = fail;
    reader = { worker, pending };
  } catch {
    reader = undefined;
  }
  return reader;
}

/** Starts the worker ahead (the Import button, while its file dialog is open). */
export function warmTraceReader(): void {
  startReader();
}

/**
 * Reads a picked trace file in a Web Worker (import-worker.ts), so parsing and validating
 * 1,000 calls is no long task on the page; where a worker cannot start (tests in Node, a
 * browser without module workers) it reads the file here instead. Never throws.
 */
export async function readTraceFile(file: Blob): Promise<TraceFileResult> {
  const running = startReader();
  if (!running) return importTraceFile(await file.text());
  const id = nextId++;
  const result = await new Promise<TraceFileResult | undefined>((resolve) => {
    running.pending.set(id, resolve);
    running.worker.postMessage({ id, file });
  });
  return result ?? importTraceFile(await file.text());
}
