import { memo } from 'react';
import ReactMarkdown, { defaultUrlTransform } from 'react-markdown';
import remarkGfm from 'remark-gfm';

const remarkPlugins = [remarkGfm];

function safeUrl(url: string): string {
  const clean = defaultUrlTransform(url);
  return /^(https?:|mailto:|#|\/)/i.test(clean) ? clean : '';
}

/** Renders model text as Markdown: no raw HTML, only http(s), mailto and in-page links. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        skipHtml
        urlTransform={safeUrl}
        components={{
          a: ({ node: _node, href, children, ...rest }) =>
            href ? (
              <a {...rest} href={href} target="_blank" rel="noopener noreferrer nofollow">
                {children}
              </a>
            ) : (
              <span>{children}</span>
            ),
          img: ({ alt }) => (
            <span className="markdown-image-blocked">[image: {alt || 'untitled'}]</span>
          ),
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
