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

type BoundaryProps = {
  failed: (failure: PartFailure) => ReactNode;
  onRetry: () => void;
  /** True once the chunk has arrived: an error then is the part's own, not the download's. */
  loaded: () => boolean;
  children: ReactNode;
};

type BoundaryState = { error: { thrown: unknown } | undefined };

class PartBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: undefined };

  static getDerivedStateFromError(thrown: unknown): BoundaryState {
    return { error: { thrown } };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // Only a failed download is this boundary's to explain; anything else goes on up, as it
    // would have without the part being lazy.
    if (this.props.loaded()) throw error.thrown;
    const message =
      (error.thrown instanceof Error ? error.thrown.message : String(error.thrown)) ||
      'the download failed';
    const retry = () => {
      this.props.onRetry();
      this.setState({ error: undefined });
    };
    return this.props.failed({ message, retry });
  }
}

/**
 * One part's download. A failed download stays failed (a render that retried on its own would
 * suspend again on every failure, for ever) until someone asks again: "Try again", or opening a
 * part whose failure happened in an unseen preload.
 */
class PartLoader<P> {
  /** Set once the chunk has arrived: from then on the part renders without suspending. */
  loaded: ComponentType<P> | undefined;
  /** The last download failed and nobody has seen it say so yet. */
  private unseenFailure = false;
  private pending: Promise<ComponentType<P>> | undefined;

  constructor(private readonly load: () => Promise<ComponentType<P>>) {}

  request(): Promise<ComponentType<P>> {
    this.pending ??= this.load().then(
      (component) => {
        this.loaded = component;
        return component;
      },
      (error: unknown) => {
        this.unseenFailure = true;
        throw error;
      },
    );
    return this.pending;
  }

  /** Forgets a failed download, so the next request fetches the chunk anew. */
  reset(): void {
    if (this.loaded) return;
    this.pending = undefined;
    this.unseenFailure = false;
  }

  /** Before drawing: a failure only a preload met is tried again rather than shown. */
  beforeDraw(): void {
    if (this.unseenFailure) this.reset();
  }

  /** The failure is on screen now: retrying is up to the person. */
  failureShown(): void {
    this.unseenFailure = false;
  }

  preload(): Promise<void> {
    this.beforeDraw();
    // Preloading never reports: a failure shows when the part is actually wanted.
    return this.request().then(
      () => undefined,
      () => undefined,
    );
  }
}

function LoadedPart<P extends object>({ loader, props }: { loader: PartLoader<P>; props: P }) {
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
  loader: PartLoader<P>;
  options: LazyPartOptions<P>;
  props: P;
}) {
  if (!loader.loaded && options.wanted && !options.wanted(props)) return null;
  loader.beforeDraw();
  return (
    <PartBoundary
      onRetry={() => loader.reset()}
      loaded={() => loader.loaded !== undefined}
      failed={(failure) => {
        loader.failureShown();
        return options.failed(props, failure);
      }}
    >
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
 * kept for ever: "Try again" fetches the chunk anew.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: LazyPartOptions<P>,
): LazyPart<P> {
  const loader = new PartLoader(load);
  const part = (props: P) => <PartFrame loader={loader} options={options} props={props} />;
  return Object.assign(part, { preload: () => loader.preload() });
}

/** The usual loading line: announced politely, so a slow chunk is not a silent blank. */
export function PartLoading({ what }: { what: string }) {
  return (
    <p className="part-loading" role="status">
      Loading {what}…
    </p>
  );
}

/** The usual failure: what could not load, a way to try again, and the browser's reason. */
export function PartFailed({ what, failure }: { what: string; failure: PartFailure }) {
  return (
    <div className="part-failed" role="alert">
      <p>
        The {what} could not be loaded. Check the connection and try again; nothing you did was
        lost.
      </p>
      <button type="button" className="button" onClick={failure.retry}>
        Try again
      </button>
      <p className="part-failed-detail">{failure.message}</p>
    </div>
  );
}
