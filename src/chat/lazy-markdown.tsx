import { lazyPart } from '../platform/lazy-part';
import { whenIdle } from '../platform/when-idle';
import { useModels } from './use-models';

/** Model text before the renderer arrives, or if it cannot be loaded: readable, never a blank. */
function PlainText({ text }: { text: string }) {
  return <div className="markdown markdown-plain">{text}</div>;
}

const Markdown = lazyPart(() => import('./markdown').then((module) => module.Markdown), {
  loading: ({ text }) => <PlainText text={text} />,
  failed: ({ text }) => <PlainText text={text} />,
});

/** Starts downloading the Markdown renderer while the page is idle; the first screen does not need it. */
export function preloadMarkdown() {
  whenIdle(() => void Markdown.preload());
}

/** Model text as Markdown, loaded on demand; until the renderer arrives the text shows as plain text. */
export function LazyMarkdown({ text }: { text: string }) {
  // The operator's image allow-list; until it is known, no image loads.
  const imageHosts = useModels().data?.imageHosts;
  return <Markdown text={text} imageHosts={imageHosts} />;
}
