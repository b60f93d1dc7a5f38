import { memo, useId, useMemo, useState } from 'react';
import { useToolCatalog } from '../platform/use-tool-catalog';
import { formatManualCall } from '../shared/manual-step';
import type { CatalogTool, McpServerStatus } from '../shared/tool-catalog';
import {
  emptyValues,
  type FieldValues,
  type FormField,
  fieldsOf,
  inputFrom,
  optionValue,
} from './schema-form';
import './tools-panel.css';

export type QueuedCall = { key: number; toolName: string; input: Record<string, unknown> };

function FieldControl({
  field,
  value,
  error,
  onChange,
}: {
  field: FormField;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const described = [field.description ? hintId : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
    'aria-required': field.required || undefined,
    'data-field': field.name,
  };
  let control: React.ReactNode;
  switch (field.kind) {
    case 'boolean':
    case 'enum': {
      const options = field.kind === 'boolean' ? [true, false] : (field.options ?? []);
      control = (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{field.required ? 'Choose…' : '(not set)'}</option>
          {options.map((option) => (
            <option key={optionValue(option)} value={optionValue(option)}>
              {typeof option === 'string' ? option : JSON.stringify(option)}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'json':
      control = (
        <textarea
          {...common}
          rows={2}
          spellCheck={false}
          value={value}
          placeholder={field.placeholder ?? 'JSON'}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          inputMode={field.kind === 'string' ? undefined : 'decimal'}
          value={value}
          placeholder={field.placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
  return (
    <div className="tool-field">
      <label htmlFor={id} className="tool-field-label">
        <span className="tool-field-name">{field.name}</span>
        <span className="tool-field-kind">{field.kind}</span>
        {field.required ? (
          <span className="tool-field-required" title="Required">
            required
          </span>
        ) : null}
      </label>
      {control}
      {field.description ? (
        <span id={hintId} className="tool-field-hint">
          {field.description}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="tool-field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** One tool: what it is, where it runs, and a form generated from its input schema. */
const ToolCard = memo(function ToolCard({
  tool,
  onAdd,
}: {
  tool: CatalogTool;
  onAdd: (toolName: string, input: Record<string, unknown>) => void;
}) {
  const fields = useMemo(() => fieldsOf(tool.inputSchema), [tool.inputSchema]);
  const [values, setValues] = useState<FieldValues>(() => emptyValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = () => {
    const result = inputFrom(fields, values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onAdd(tool.name, result.input);
  };
  return (
    <li className="tool-card" data-tool-name={tool.name}>
      <details>
        <summary>
          <span className="tool-card-name">{tool.name}</span>
          <span className="tool-tags">
            <span className="tool-tag" data-kind="source">
              {tool.source}
            </span>
            <span className="tool-tag" data-kind="runs-on">
              runs on {tool.runsOn}
            </span>
            {tool.requiresApproval ? (
              <span className="tool-tag" data-kind="approval">
                needs approval
              </span>
            ) : null}
          </span>
        </summary>
        <div className="tool-card-body">
          {tool.description ? <p className="tool-card-description">{tool.description}</p> : null}
          <form
            className="tool-form"
            onSubmit={(event) => {
              event.preventDefault();
              add();
            }}
            noValidate
          >
            {fields.length === 0 ? <p className="tool-field-hint">No input.</p> : null}
            {fields.map((field) => (
              <FieldControl
                key={field.name}
                field={field}
                value={values[field.name] ?? ''}
                error={errors[field.name]}
                onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
              />
            ))}
            <button type="submit" className="button button-ghost button-small">
              Add to step
            </button>
          </form>
        </div>
      </details>
    </li>
  );
});

function ServerProblems({ servers }: { servers: McpServerStatus[] }) {
  const down = servers.filter((server) => server.status === 'error');
  if (down.length === 0) return null;
  return (
    <ul className="tool-servers" aria-label="MCP servers that are not available">
      {down.map((server) => (
        <li key={server.name} className="tool-server-error">
          <strong>mcp:{server.name}</strong> is not available
          {server.error ? `: ${server.error}` : '.'}
        </li>
      ))}
    </ul>
  );
}

/**
 * The tools panel: every tool the proxy offers (`GET /api/tools`), each with a form from its
 * schema; calls added here form one manual step, sent as `/call` lines for the offline planner.
 */
export function ToolsPanel({
  queued,
  onQueue,
}: {
  queued: QueuedCall[];
  onQueue: (queued: QueuedCall[]) => void;
}) {
  const catalog = useToolCatalog();
  const [filter, setFilter] = useState('');
  const tools = catalog.data?.tools ?? [];
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return tools;
    return tools.filter(
      (tool) =>
        tool.name.toLowerCase().includes(needle) ||
        tool.source.toLowerCase().includes(needle) ||
        tool.description.toLowerCase().includes(needle),
    );
  }, [tools, filter]);
  const add = (toolName: string, input: Record<string, unknown>) =>
    onQueue([...queued, { key: (queued.at(-1)?.key ?? 0) + 1, toolName, input }]);

  return (
    <div className="tools-panel">
      <section className="tool-step" aria-label="Calls in this step">
        <h3 className="tool-step-title">
          This step
          {queued.length > 0 ? `: ${queued.length} call${queued.length === 1 ? '' : 's'}` : ''}
        </h3>
        {queued.length === 0 ? (
          <p className="tool-field-hint">
            Open a tool below, fill its form and add it. The calls you add run at once, as one
            parallel step of the offline planner.
          </p>
        ) : (
          <ol className="tool-step-list">
            {queued.map((call) => (
              <li key={call.key}>
                <code>{formatManualCall(call)}</code>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-label={`Remove ${call.toolName}`}
                  onClick={() => onQueue(queued.filter((other) => other.key !== call.key))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
      {catalog.isPending ? <p className="side-dialog-note">Loading the tools…</p> : null}
      {catalog.isError ? (
        <p className="tool-server-error" role="alert">
          {catalog.error.message}
        </p>
      ) : null}
      {catalog.data ? <ServerProblems servers={catalog.data.servers} /> : null}
      {tools.length > 6 ? (
        <input
          type="search"
          className="tool-filter"
          placeholder="Filter tools"
          aria-label="Filter tools"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      ) : null}
      <ul className="tool-list" aria-label="Tools">
        {shown.map((tool) => (
          <ToolCard key={tool.name} tool={tool} onAdd={add} />
        ))}
      </ul>
    </div>
  );
}
