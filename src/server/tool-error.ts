import { InvalidToolInputError, NoSuchToolError } from 'ai';

/** An error a server tool raised on purpose: its message is meant for the model and the page. */
export class ServerToolError extends Error {
  override name = 'ServerToolError';
}

type Issue = { path?: PropertyKey[]; message?: string };

function issuesOf(error: unknown): Issue[] | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const issues = (current as { issues?: unknown }).issues;
    if (Array.isArray(issues)) return issues as Issue[];
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function formatIssues(issues: Issue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = (issue.path ?? []).map(String).join('.');
      return path ? `${path}: ${issue.message ?? 'invalid'}` : (issue.message ?? 'invalid');
    })
    .join('; ');
}

/**
 * The sentence for a tool call that failed before or while running, as DESIGN §4 words it
 * ("unknown tool NAME", the validation message, the tool's own error); undefined for other errors.
 */
export function describeToolError(error: unknown): string | undefined {
  if (NoSuchToolError.isInstance(error)) return `unknown tool ${error.toolName}`;
  if (InvalidToolInputError.isInstance(error)) {
    const issues = issuesOf(error);
    return `invalid input for ${error.toolName}: ${issues ? formatIssues(issues) : 'the input does not match the schema'}`;
  }
  if (error instanceof ServerToolError) return error.message;
  return undefined;
}
