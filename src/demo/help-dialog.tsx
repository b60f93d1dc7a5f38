import { Fragment } from 'react';
import { MODIFIER_KEYS, type Shortcut, shortcuts } from './shortcuts';
import { SideDialog } from './side-dialog';

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((key, index) => (
        <Fragment key={key}>
          {index > 0 ? ' + ' : ''}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </>
  );
}

function keysOf(shortcut: Shortcut): string[] {
  return shortcut.fixed ?? (shortcut.key ? [shortcut.key] : []);
}

/** The keyboard shortcuts, opened with "?", Alt+Shift+/ or the header's help button. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <SideDialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      placement="center"
      testId="help-dialog"
      className="help-dialog"
    >
      <p className="control-hint">
        Plain keys work when the focus is not in a text field; with <Keys keys={MODIFIER_KEYS} />{' '}
        (Option + Shift on a Mac) they work anywhere, the message box included.
      </p>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Anywhere</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.label} data-shortcut={shortcut.action ?? shortcut.label}>
              <th scope="row">
                <Keys keys={keysOf(shortcut)} />
              </th>
              <td>
                {shortcut.code ? (
                  <>
                    <span className="shortcut-or">or </span>
                    <Keys keys={[...MODIFIER_KEYS, shortcut.code.label]} />
                  </>
                ) : null}
              </td>
              <td>
                {shortcut.label}
                {shortcut.where ? <span className="control-hint"> ({shortcut.where})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </SideDialog>
  );
}
