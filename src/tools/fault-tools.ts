import { faultToolSpecs, HOSTILE_OUTPUT } from '../shared/tools/fault-tools';
import type { BrowserTool } from './registry';

/**
 * Handlers of the fault-injection tools (see src/shared/tools/fault-tools.ts). Imported
 * dynamically, only when the proxy runs with FANOUT_FAULT_TOOLS, so the chunk never loads in
 * a normal deployment.
 */
const handlers: Record<string, BrowserTool['handler']> = {
  fault_throw: async () => {
    throw new Error('fault_throw failed on purpose');
  },
  // Never settles and ignores the signal: only the executor's deadline can end it.
  fault_hang: () => new Promise<never>(() => undefined),
  fault_huge: async () => ({
    rows: Array.from({ length: 4000 }, (_, index) => ({
      index,
      text: `row ${index} of a deliberately huge tool output`,
    })),
  }),
  fault_html: async () => ({ ...HOSTILE_OUTPUT }),
};

export const faultTools: Readonly<Record<string, BrowserTool>> = Object.fromEntries(
  faultToolSpecs.map((spec) => {
    const handler = handlers[spec.name];
    if (!handler) throw new Error(`no handler for ${spec.name}`);
    return [spec.name, { spec, handler }];
  }),
);
