/** What the offline planner decides to say in one step, before pacing turns it into a stream. */
export type OfflineReplyPart =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown };

export type OfflineReply = {
  parts: OfflineReplyPart[];
};

export type OfflinePacing = {
  /** Delay before the first streamed part. */
  timeToFirstTokenMs: number;
  /** Streaming rate for text and tool-argument deltas; 0 streams without delay. */
  tokensPerSecond: number;
};

const tokenPattern = /\s*\S+\s*|\s+/g;

/** Splits text into word-sized tokens the way the offline planner streams and counts them. */
export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}
