/** The parts of Chrome's CPU profile and trace formats (CDP) that the bench's profilers read. */

export type ProfileNode = {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
};

export type Profile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime?: number;
};

export type TraceEvent = {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's own (CPU) time, µs: what the task cost, without the time the OS ran others. */
  tdur?: number;
  args?: { name?: string };
};
