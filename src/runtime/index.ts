export { canonicalJson } from '../shared/canonical-json';
export { createEventRecorder, type EventRecorder } from './event-recorder';
export {
  createExecutor,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_OUTPUT_CAP_BYTES,
  DEFAULT_STOP_REASON,
} from './executor';
export {
  type CappedOutput,
  capOutput,
  outputByteLength,
  type TruncatedOutput,
  utf8ByteLength,
} from './output-cap';
export { type RunnableTool, type ToolRegistry, wrapTools } from './tool-registry';
export type * from './types';
export { formatIssues, validateInput } from './validate-input';
