import { lazy, Suspense } from 'react';
import { whenIdle } from '../platform/when-idle';
import { useModels } from './use-models';

const loadMarkdown = () => import('./markdown').then((module) => ({ default: module.Markdown }));
const Markdown = lazy(loadMarkdown);

/** Starts downloading the Markdown renderer while the page is idle; the first screen does not need it. */
export function preloadMarkdown() {
  whenIdle(() => void loadMarkdown());
}

/** Model text as Markdown, loaded on demand; until the renderer arrives the text shows as plain text. */
export function LazyMarkdown({ text }: { text: string }) {
  // The operator's image allow-list; until it is known, no image loads.
  const imageHosts = useModels().data?.imageHosts;
  return (
    <Suspense fallback={<div className="markdown markdown-plain">{text}</div>}>
      <Markdown text={text} imageHosts={imageHosts} />
    </Suspense>
  );
}
