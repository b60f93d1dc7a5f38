import { useEffect, useRef } from 'react';
import { useTimelineStore } from '../timeline/timeline-store';
import { WIDE_QUERY } from '../timeline/use-media-query';
import { useTraceStore } from '../trace/trace-store';
import { type ShortcutAction, shortcutFor, stepRun } from './shortcuts';

type ShortcutHandlers = {
  busy: boolean;
  stop: () => void;
  openScenarios: () => void;
  openControls: () => void;
  openHelp: () => void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function toggleTimeline() {
  const timeline = useTimelineStore.getState();
  if (window.matchMedia(WIDE_QUERY).matches) timeline.setPanelHidden(!timeline.panelHidden);
  else timeline.setSheetOpen(!timeline.sheetOpen);
}

function showRun(direction: 1 | -1) {
  const { runOrder, runs } = useTraceStore.getState();
  const timeline = useTimelineStore.getState();
  const picked = timeline.selectedRunId;
  const shown = picked && runs[picked] ? picked : undefined;
  timeline.selectRun(stepRun(runOrder, shown, direction));
}

/** The page's keyboard shortcuts (listed in the help dialog). Handlers may change every render. */
export function useShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutFor({
        key: event.key,
        code: event.code,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        typing: isTyping(event.target),
        dialogOpen:
          document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]') !== null,
        busy: latest.current.busy,
      });
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    const run = (action: ShortcutAction) => {
      const current = latest.current;
      switch (action) {
        case 'stop':
          current.stop();
          break;
        case 'toggle-timeline':
          toggleTimeline();
          break;
        case 'previous-run':
          showRun(-1);
          break;
        case 'next-run':
          showRun(1);
          break;
        case 'scenarios':
          current.openScenarios();
          break;
        case 'controls':
          current.openControls();
          break;
        case 'focus-composer':
          document.getElementById('composer-input')?.focus();
          break;
        case 'help':
          current.openHelp();
          break;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
