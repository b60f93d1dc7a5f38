/** Unix nanoseconds → ms after `origin` (the run's start), exact to the nanosecond. */
export function relativeMs(ns: bigint, origin: bigint): number {
  return Number(ns - origin) / 1_000_000;
}

/** Unix nanoseconds → epoch ms (to the microsecond, as the export wrote it). */
export function epochMs(ns: bigint): number {
  return Number(ns / 1000n) / 1000;
}
