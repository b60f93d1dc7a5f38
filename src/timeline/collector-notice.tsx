import { useCollectorStatus } from '../trace/collector-status';

/** A quiet line when a run's trace could not be forwarded to the collector, and why. */
export function CollectorNotice() {
  const failure = useCollectorStatus((state) => state.failure);
  const dismiss = useCollectorStatus((state) => state.dismiss);
  if (!failure) return null;
  return (
    <p className="trace-message trace-message-error" role="status" data-testid="collector-notice">
      The run’s trace was not sent to the collector: {failure.reason}
      <button type="button" className="trace-message-close" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </p>
  );
}
