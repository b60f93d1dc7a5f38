import type { DataFile, DataFileName } from '../shared/tools/data-files';
import { raceAbort } from '../shared/tools/simulated-latency';

/** Loads one data file, validated; cached and shared between calls by the page's loader. */
export type DataLoader = <Name extends DataFileName>(file: Name) => Promise<DataFile<Name>>;

/** What a browser handler gets besides its input. */
export type ToolContext = {
  /** Aborts on the call's deadline or when the user presses Stop: handlers must settle promptly. */
  signal: AbortSignal;
  load: DataLoader;
};

/** A browser tool's work; input has already passed the spec's schema. Throw to report an error. */
export type ToolHandler<Input, Output> = (input: Input, ctx: ToolContext) => Promise<Output>;

/**
 * Loads a data file for one call. The fetch itself is shared with other calls, so it is not
 * cancelled; only this call stops waiting for it when its signal aborts.
 */
export function loadData<Name extends DataFileName>(
  ctx: ToolContext,
  file: Name,
): Promise<DataFile<Name>> {
  return raceAbort(ctx.load(file), ctx.signal);
}
