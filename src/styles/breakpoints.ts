/**
 * The layout breakpoints, for code that must agree with the stylesheets (a media query cannot
 * read a CSS custom property). The same numbers are declared in tokens.css and used by every
 * media and container query; tokens.test.ts keeps the three in step.
 */
export const breakpoints = {
  /** Below: phone layout. */
  phone: 640,
  /** Below: the header's tools move to a second row. */
  tablet: 900,
  /** At or above: the timeline sits beside the chat; below, it is a sheet. */
  wide: 1100,
  /** At or above: the header has room for its tagline. */
  desktop: 1440,
} as const;

export type Breakpoint = keyof typeof breakpoints;

/** A media query true at or above a breakpoint, written as the stylesheets write it. */
export function atLeast(breakpoint: Breakpoint): string {
  return `(width >= ${breakpoints[breakpoint]}px)`;
}
