/**
 * Runs `work` once the page is idle, at the latest after `timeoutMs` (a timer where the browser
 * has no idle callbacks); returns the cancel. For work that must not land inside a turn's
 * critical moments (a response arriving, the answer being drawn) but must not wait long either,
 * and for fetching, before they are asked for, the parts the first screen does not load.
 */
export function whenIdle(work: () => void, timeoutMs = 3000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 0);
  return () => clearTimeout(timer);
}
