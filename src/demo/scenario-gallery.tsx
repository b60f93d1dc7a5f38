import { type Scenario, scenarios } from './scenarios';
import { SideDialog } from './side-dialog';

/** The scenarios as cards: title, prompt and what to watch; one click runs one. */
export function ScenarioCards({
  onPick,
  disabled = false,
}: {
  onPick: (scenario: Scenario) => void;
  disabled?: boolean;
}) {
  return (
    <ul className="scenario-grid" aria-label="Scenarios">
      {scenarios.map((scenario) => (
        <li key={scenario.id}>
          <button
            type="button"
            className="scenario-card"
            data-scenario={scenario.id}
            disabled={disabled}
            onClick={() => onPick(scenario)}
          >
            <span className="scenario-title">{scenario.title}</span>
            <span className="scenario-prompt">“{scenario.prompt}”</span>
            <span className="scenario-watch">
              <span className="scenario-watch-label">Watch: </span>
              {scenario.watch}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The gallery during a conversation: the same cards in a dialog from the header. */
export function ScenarioDialog({
  open,
  onClose,
  onPick,
  busy,
}: {
  open: boolean;
  onClose: () => void;
  onPick: (prompt: string) => void;
  busy: boolean;
}) {
  return (
    <SideDialog
      open={open}
      onClose={onClose}
      title="Scenarios"
      placement="center"
      testId="scenario-dialog"
      className="scenario-dialog"
    >
      {busy ? (
        <p className="side-dialog-note">An answer is running: stop it or wait to start another.</p>
      ) : (
        <p className="side-dialog-note">
          One click sends the prompt with the current demo controls. Each card says what to watch in
          the waterfall.
        </p>
      )}
      <ScenarioCards
        disabled={busy}
        onPick={(scenario) => {
          onClose();
          onPick(scenario.prompt);
        }}
      />
    </SideDialog>
  );
}
