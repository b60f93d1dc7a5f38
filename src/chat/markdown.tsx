import { memo } from 'react';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { allowedImageUrl, safeLinkUrl } from './markdown-policy';

const remarkPlugins = [remarkGfm];
const noHosts: readonly string[] = [];

/**
 * Renders model text as Markdown: raw HTML is dropped (shown as nothing, never parsed), links
 * keep only http(s), mailto and in-page targets, and images load only from `imageHosts` —
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
          a: ({ node: _node, href, children, ...rest }) =>
            href ? (
              <a {...rest} href={href} target="_blank" rel="noopener noreferrer nofollow">
                {children}
              </a>
            ) : (
              <span>{children}</span>
            ),
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
