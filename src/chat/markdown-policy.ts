import { defaultUrlTransform } from 'react-markdown';
import { promptFromHref, promptHref } from '../shared/prompt-link';

/**
 * What model text may link to or load. Model text can repeat whatever a tool returned, so a
 * link or an image in it is attacker-controlled: links keep only safe schemes, and images load
 * only from hosts the operator allow-listed (FANOUT_IMAGE_HOSTS), over https — otherwise an
 * image URL is a way to send the conversation to someone else's server.
 */

/**
 * A link target that is safe to render, or '' to drop it (javascript:, data:, vbscript:, …).
 * A `fanout-prompt:` link is kept (re-encoded from its decoded text): it renders as a button
 * that sends its prompt to this chat, and never navigates.
 */
export function safeLinkUrl(url: string): string {
  const prompt = promptFromHref(url.trim());
  if (prompt !== undefined) return promptHref(prompt);
  const clean = defaultUrlTransform(url);
  return /^(https?:|mailto:|#|\/(?!\/))/i.test(clean) ? clean : '';
}

/** The URL to load an image from, or undefined when the image must show as text. */
export function allowedImageUrl(url: string, imageHosts: readonly string[]): string | undefined {
  if (imageHosts.length === 0) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return undefined;
  const host = parsed.host;
  return imageHosts.some((allowed) => allowed.toLowerCase() === host) ? parsed.href : undefined;
}
