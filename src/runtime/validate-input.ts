import type { ToolSpec } from '../shared/tools/tool-spec';

type Issue = { path: readonly PropertyKey[]; message: string };

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}

/** One readable sentence per issue, prefixed by the field it concerns. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const path = formatPath(issue.path);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The outcome of checking a call's input against its tool's schema. */
export type InputCheck = { ok: true; data: unknown } | { ok: false; errorText: string };

/** Checks input against spec.input; the handler receives `data` (defaults applied). */
export function validateInput(spec: ToolSpec, input: unknown): InputCheck {
  try {
    const result = spec.input.safeParse(input);
    if (result.success) return { ok: true, data: result.data };
    return {
      ok: false,
      errorText: `Invalid input for ${spec.name}: ${formatIssues(result.error.issues)}`,
    };
  } catch (error) {
    // safeParse throws on async refinements; a schema the page cannot check is still a bad input.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errorText: `Invalid input for ${spec.name}: ${reason}` };
  }
}
