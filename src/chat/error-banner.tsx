type ErrorBannerProps = {
  message: string;
  onRetry: () => void;
  onDismiss: () => void;
};

/** A failed turn: says what went wrong and offers Retry; the conversation stays as it was. */
export function ErrorBanner({ message, onRetry, onDismiss }: ErrorBannerProps) {
  return (
    <div className="error-banner" role="alert">
      <span className="error-icon" aria-hidden="true">
        !
      </span>
      <p className="error-text">{message}</p>
      <div className="error-actions">
        <button type="button" className="button button-primary" onClick={onRetry}>
          Retry
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={onDismiss}
          aria-label="Dismiss error"
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
