/**
 * One request's server tool calls in flight, by deduplication key (`dedupKeyOf`): a call
 * identical to one still running does not run again but shares its result (or its error), as
 * the page's executor does for browser tools. A key is forgotten once its call settles, so a
 * later identical call (say, in the next step) runs afresh.
 */
export class InFlightCalls {
  private readonly byKey = new Map<string, { callId: string; result: Promise<unknown> }>();

  /**
   * Runs `task` for `callId` unless a call with `key` is in flight; then `sharedWith` names
   * that call and `result` is its result. An undefined key always runs.
   */
  run(
    key: string | undefined,
    callId: string,
    task: () => Promise<unknown>,
  ): { sharedWith?: string; result: Promise<unknown> } {
    const source = key === undefined ? undefined : this.byKey.get(key);
    if (source) return { sharedWith: source.callId, result: source.result };
    const result = task();
    if (key !== undefined) {
      const entry = { callId, result };
      this.byKey.set(key, entry);
      const forget = () => {
        if (this.byKey.get(key) === entry) this.byKey.delete(key);
      };
      result.then(forget, forget);
    }
    return { result };
  }
}
