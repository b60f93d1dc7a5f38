import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preloadMarkdown } from '../chat/lazy-markdown';
import { preloadHeaderDialogs } from '../demo/lazy-parts';
import { openSharedRun } from '../demo/shared-run';
import { initHistory } from '../persistence/history-store';
import { initTheme } from '../platform/theme';
import { preloadPriceTable } from '../platform/use-price-table';
import { whenIdle } from '../platform/when-idle';
import { preloadCalculator } from '../tools/calculate';
import { preloadKnowledgeSearch } from '../tools/search-knowledge-base';
import { handlerClock } from '../trace/handler-clock';
import { useTraceStore } from '../trace/trace-store';
import { App } from './app';
import '../styles/tokens.css';
import '../styles/status.css';
import './styles.css';

initTheme();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// A share link (`#run=…`) opens its run read-only in the replay screen; pasting another link
// into the same tab changes only the fragment, so that opens too.
void openSharedRun(window.location.hash);
window.addEventListener('hashchange', () => void openSharedRun(window.location.hash));
preloadMarkdown();
preloadCalculator();
preloadKnowledgeSearch();
preloadPriceTable();
// Not on the first screen, but one click away: fetched while the page is idle.
whenIdle(preloadHeaderDialogs);
void initHistory();
// Scripts, benchmarks and tests read the measured trace from here (read-only by convention).
Object.assign(window, { __fanoutTrace: useTraceStore });
// With ?clock=1 the tool handlers' own clock readings too (timing-fidelity benchmark).
if (handlerClock.enabled) Object.assign(window, { __fanoutHandlerClock: handlerClock.entries });
