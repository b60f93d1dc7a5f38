import type { AppMode } from '../platform/app-mode-store';
import { type LazyPart, lazyPart, PartFailed, PartLoading } from '../platform/lazy-part';
import { SideDialog } from './side-dialog';

type DialogProps = { open: boolean; onClose: () => void };

/**
 * A dialog the first screen does not draw, loaded when first opened (or before: idle time, hover
 * and focus of its button call `preload`). While its chunk downloads, or when it fails, the same
 * modal dialog opens with a loading line or the failure and a retry.
 */
function lazyDialog<P extends DialogProps>(
  load: () => Promise<React.ComponentType<P>>,
  shell: { title: string; what: string; placement?: 'right' | 'center' },
) {
  return lazyPart(load, {
    wanted: (props) => props.open,
    loading: (props) => (
      <SideDialog
        open={props.open}
        onClose={props.onClose}
        title={shell.title}
        placement={shell.placement}
        testId="dialog-loading"
      >
        <PartLoading what={shell.what} />
      </SideDialog>
    ),
    failed: (props, failure) => (
      <SideDialog
        open={props.open}
        onClose={props.onClose}
        title={shell.title}
        placement={shell.placement}
        testId="dialog-failed"
      >
        <PartFailed what={shell.what} failure={failure} />
      </SideDialog>
    ),
  });
}

export const ToolsDialog = lazyDialog(
  () => import('./tools-dialog').then((module) => module.ToolsDialog),
  { title: 'Tools', what: 'tools panel' },
);

export const DemoControls = lazyDialog(
  () => import('./demo-controls').then((module) => module.DemoControls),
  { title: 'Demo controls', what: 'demo controls' },
);

export const HelpDialog = lazyDialog(
  () => import('./help-dialog').then((module) => module.HelpDialog),
  { title: 'Keyboard shortcuts', what: 'shortcut list', placement: 'center' },
);

/** The header's dialogs by name, for its buttons' hover and focus. */
export const headerDialogs = { tools: ToolsDialog, controls: DemoControls, help: HelpDialog };

/** Fetches every header dialog while the page is idle, so opening one never waits. */
export function preloadHeaderDialogs(): void {
  for (const dialog of Object.values(headerDialogs)) void dialog.preload();
}

/** A full screen over the chat (race, replay, compare), loaded when first opened. */
function lazyScreen(load: () => Promise<React.ComponentType<object>>, what: string) {
  return lazyPart(load, {
    loading: () => <PartLoading what={what} />,
    failed: (_props, failure) => <PartFailed what={what} failure={failure} />,
  });
}

export const screens = {
  // The race brings a second and third chat engine.
  race: lazyScreen(() => import('./race-view').then((module) => module.RaceView), 'race'),
  // Replay and compare bring the run chooser, the replay clock and the diff of two runs.
  replay: lazyScreen(
    () => import('./replay-screen').then((module) => module.ReplayScreen),
    'replay',
  ),
  compare: lazyScreen(
    () => import('./compare-view').then((module) => module.CompareView),
    'comparison',
  ),
} satisfies Record<Exclude<AppMode, 'chat'>, LazyPart<object>>;
