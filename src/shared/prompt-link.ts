/**
 * A link in model text that sends a prompt when clicked: `[label](fanout-prompt:<text>)`, the
 * text percent-encoded. The offline planner writes its "Things to try" this way; the chat's
 * Markdown renders such a link as a button (every other unknown scheme is still dropped).
 */
export const PROMPT_LINK_SCHEME = 'fanout-prompt:';

/** The longest prompt a link may carry (longer ones are not links). */
export const MAX_PROMPT_LINK_CHARS = 2000;

/**
 * `fanout-prompt:` plus the text, encoded so a Markdown link destination holds it whole:
 * encodeURIComponent leaves ( ) ' ! * as they are, and an unbalanced bracket would end the link.
 */
export function promptHref(text: string): string {
  const encoded = encodeURIComponent(text).replace(
    /[()'!*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${PROMPT_LINK_SCHEME}${encoded}`;
}

/** A Markdown link that sends `text` (the label defaults to the text itself). */
export function promptLink(text: string, label = text): string {
  return `[${label.replace(/[[\]\\]/g, '\\$&')}](${promptHref(text)})`;
}

/** The prompt a `fanout-prompt:` link carries, or undefined for any other or a broken link. */
export function promptFromHref(href: string): string | undefined {
  if (!href.toLowerCase().startsWith(PROMPT_LINK_SCHEME)) return undefined;
  try {
    const text = decodeURIComponent(href.slice(PROMPT_LINK_SCHEME.length)).trim();
    return text && text.length <= MAX_PROMPT_LINK_CHARS ? text : undefined;
  } catch {
    return undefined;
  }
}
