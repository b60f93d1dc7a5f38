import { Component, type ComponentType, type ReactNode, Suspense, use } from 'react';

/** What a part's failure view gets: a sentence for people and a way to try again. */
export type PartFailure = { message: string; retry: () => void };

type LazyPartOptions<P> = {
  /** Shown while the chunk downloads; it should say so to screen readers (role="status"). */
  loading: (props: P) => ReactNode;
  /** Shown when the chunk could not be loaded (offline, a deploy replaced it), with a retry. */
  failed: (props: P, failure: PartFailure) => ReactNode;
  /**
   * Until the part has loaded, it draws nothing and loads nothing while this says no (a closed
   * dialog); once loaded it always renders, so it keeps its state across closing and opening.
   */
  wanted?: (props: P) => boolean;
};

/** A component loaded on demand, with `preload()` for idle time, hover or focus. */
export type LazyPart<P> = ((props: P) => ReactNode) & { preload: () => Promise<void> };

type BoundaryProps = { failed: (failure: PartFailure) => ReactNode; children: ReactNode };

class PartBoundary extends Component<BoundaryProps, { message: string | undefined }> {
  override state: { message: string | undefined } = { message: undefined };

  static getDerivedStateFromError(error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    return { message: detail || 'the download failed' };
  }

  override render() {
    const { message } = this.state;
    if (message === undefined) return this.props.children;
    return this.props.failed({ message, retry: () => this.setState({ message: undefined }) });
  }
}

type Loader<P> = {
  /** Set once the chunk has arrived: from then on the part renders without suspending. */
  loaded: ComponentType<P> | undefined;
  request: () => Promise<ComponentType<P>>;
};

function LoadedPart<P extends object>({ loader, props }: { loader: Loader<P>; props: P }) {
  const Part = loader.loaded ?? use(loader.request());
  return <Part {...props} />;
}

/**
 * The same tree before and after loading, so a part that finishes loading while on screen is
 * not mounted again (and keeps its state).
 */
function PartFrame<P extends object>({
  loader,
  options,
  props,
}: {
  loader: Loader<P>;
  options: LazyPartOptions<P>;
  props: P;
}) {
  if (!loader.loaded && options.wanted && !options.wanted(props)) return null;
  return (
    <PartBoundary failed={(failure) => options.failed(props, failure)}>
      <Suspense fallback={options.loading(props)}>
        <LoadedPart loader={loader} props={props} />
      </Suspense>
    </PartBoundary>
  );
}

/**
 * The one way the page loads a feature the first screen does not need (docs/architecture.md,
 * "What the first screen loads"). Unlike `React.lazy`, a part that is already loaded (preloaded
 * on idle or on hover) renders at once without a Suspense pass, and a failed download is not
 * remembered: "Try again" fetches the chunk anew.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: LazyPartOptions<P>,
): LazyPart<P> {
  let pending: Promise<ComponentType<P>> | undefined;
  const loader: Loader<P> = {
    loaded: undefined,
    request: () => {
      pending ??= load().then(
        (component) => {
          loader.loaded = component;
          return component;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
  };
  const part = (props: P) => <PartFrame loader={loader} options={options} props={props} />;
  // Preloading never reports: a failure shows when the part is actually wanted.
  const preload = () =>
    loader.request().then(
      () => undefined,
      () => undefined,
    );
  return Object.assign(part, { preload });
}

/** The usual loading line: announced politely, so a slow chunk is not a silent blank. */
export function PartLoading({ what }: { what: string }) {
  return (
    <p className="part-loading" role="status">
      Loading {what}…
    </p>
  );
}

/** The usual failure: what could not load, why, and a button that tries again. */
export function PartFailed({ what, failure }: { what: string; failure: PartFailure }) {
  return (
    <div className="part-failed" role="alert">
      <p>
        The {what} could not be loaded ({failure.message}). Check the connection and try again;
        nothing you did was lost.
      </p>
      <button type="button" className="button" onClick={failure.retry}>
        Try again
      </button>
    </div>
  );
}
