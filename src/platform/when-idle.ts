/**
 * Runs `task` when the page is idle after the first paint, at the latest after `timeout` ms: how
 * the page fetches, before they are asked for, the parts the first screen does not load.
 */
export function whenIdle(task: () => void, timeout = 3000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout });
  else setTimeout(task, Math.min(timeout, 1000));
}
