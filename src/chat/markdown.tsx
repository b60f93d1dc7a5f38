import { memo, type ReactNode, use } from 'react';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { promptFromHref } from '../shared/prompt-link';
import { allowedImageUrl, safeLinkUrl } from './markdown-policy';
import { PromptLinkContext } from './prompt-link-context';

const remarkPlugins = [remarkGfm];
const noHosts: readonly string[] = [];

/** A `fanout-prompt:` link: a button that sends its prompt, or plain text where none can be sent. */
function PromptButton({ prompt, children }: { prompt: string; children: ReactNode }) {
  const actions = use(PromptLinkContext);
  if (!actions) return <em>{children}</em>;
  return (
    <button
      type="button"
      className="prompt-link"
      data-prompt={prompt}
      disabled={actions.disabled}
      title={`Ask: ${prompt}`}
      onClick={() => actions.send(prompt)}
    >
      {children}
    </button>
  );
}

/**
 * Renders model text as Markdown: raw HTML is dropped (shown as nothing, never parsed), links
 * keep only http(s), mailto and in-page targets (`fanout-prompt:` links become buttons
 * that send their prompt here), and images load only from `imageHosts` —
 * anything else shows as `[image: alt]` text.
 */
export const Markdown = memo(function Markdown({
  text,
  imageHosts = noHosts,
}: {
  text: string;
  imageHosts?: readonly string[];
}) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        skipHtml
        urlTransform={(url, key) => (key === 'src' ? url : safeLinkUrl(url))}
        components={{
          a: ({ node: _node, href, children, ...rest }) => {
            const prompt = href ? promptFromHref(href) : undefined;
            if (prompt !== undefined)
              return <PromptButton prompt={prompt}>{children}</PromptButton>;
            return href ? (
              <a {...rest} href={href} target="_blank" rel="noopener noreferrer nofollow">
                {children}
              </a>
            ) : (
              <span>{children}</span>
            );
          },
          img: ({ src, alt }) => {
            const allowed = typeof src === 'string' ? allowedImageUrl(src, imageHosts) : undefined;
            return allowed ? (
              <img src={allowed} alt={alt ?? ''} referrerPolicy="no-referrer" loading="lazy" />
            ) : (
              <span className="markdown-image-blocked">[image: {alt || 'untitled'}]</span>
            );
          },
          table: ({ node: _node, ...rest }) => (
            <div className="markdown-table">
              <table {...rest} />
            </div>
          ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
