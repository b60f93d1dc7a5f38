/**
 * A warning that reaches the log at most once per `intervalMs`: a collector that is down would
 * otherwise add a line for every exported batch. The next line that does go out says how many
 * were held back.
 */
export function createThrottledWarning(
  intervalMs: number,
  write: (line: string) => void = (line) => console.warn(line),
  now: () => number = Date.now,
): (line: string) => void {
  let lastAt: number | undefined;
  let held = 0;
  return (line) => {
    const at = now();
    if (lastAt !== undefined && at - lastAt < intervalMs) {
      held++;
      return;
    }
    lastAt = at;
    const suffix = held > 0 ? ` (${held} more like it in the last minute)` : '';
    held = 0;
    write(`${line}${suffix}`);
  };
}
