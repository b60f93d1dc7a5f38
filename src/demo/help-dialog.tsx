import { shortcutList } from './shortcuts';
import { SideDialog } from './side-dialog';

/** The keyboard shortcuts, opened with "?" or the header's help button. */
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
      <table className="shortcut-table">
        <tbody>
          {shortcutList.map((shortcut) => (
            <tr key={shortcut.label}>
              <th scope="row">
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? ' + ' : ''}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{shortcut.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="control-hint">Letter keys work when the focus is not in a text field.</p>
    </SideDialog>
  );
}
