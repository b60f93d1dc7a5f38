/** One example prompt on the first screen: what to ask, and what to watch for. */
export type ExamplePrompt = { id: string; title: string; prompt: string; watch: string };

/** The first screen: what Fanout is and the scenario gallery (prompt and what to watch). */
export function EmptyState({
  examples,
  onPick,
  modelLabel,
}: {
  examples: readonly ExamplePrompt[];
  onPick: (prompt: string) => void;
  modelLabel?: string;
}) {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <div className="empty-mark" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <h1 id="empty-title">Watch tool calls run in parallel</h1>
      <p className="empty-lead">
        Ask for several independent things at once. The model calls its tools in one response, your
        browser runs them at the same time, and you see what that saved.
      </p>
      {modelLabel ? <p className="empty-model">Answering with: {modelLabel}</p> : null}
      <ul className="example-grid" aria-label="Example prompts">
        {examples.map((scenario) => (
          <li key={scenario.id}>
            <button
              type="button"
              className="example"
              data-scenario={scenario.id}
              onClick={() => onPick(scenario.prompt)}
            >
              <span className="example-title">{scenario.title}</span>
              <span className="example-prompt">“{scenario.prompt}”</span>
              <span className="example-watch">
                <span className="example-watch-label">Watch: </span>
                {scenario.watch}
              </span>
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="example" onClick={() => onPick('What can you do?')}>
            <span className="example-title">What can the offline planner do?</span>
            <span className="example-prompt">“What can you do?”</span>
          </button>
        </li>
      </ul>
    </section>
  );
}
