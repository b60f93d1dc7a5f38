/** Fanout's mark and name, as every screen's header shows them. */
export function BrandMark({ tagline }: { tagline?: string }) {
  return (
    <>
      <span className="brand-mark" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span className="brand-name">Fanout</span>
      {tagline ? <span className="brand-tagline">{tagline}</span> : null}
    </>
  );
}
