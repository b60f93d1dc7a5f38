import type { UIMessage } from 'ai';
import { z } from 'zod';

/**
 * A model call's token counts. `estimated` marks counts the model did not report itself (the
 * offline planner counts words): a figure built on one says so.
 */
export const tokenUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  totalTokens: z.number().int().nonnegative().optional(),
  estimated: z.boolean().optional(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

/**
 * What the proxy attaches to each assistant message: which model answered, its token usage,
 * and the proxy's own clock readings (epoch ms) so network, proxy and model time can be told apart.
 */
export const messageMetadataSchema = z.object({
  model: z.string().optional(),
  proxy: z
    .object({
      receivedAt: z.number().optional(),
      upstreamRequestAt: z.number().optional(),
      firstChunkAt: z.number().optional(),
      finishedAt: z.number().optional(),
    })
    .optional(),
  /** The usage of the message's latest model call (one step), not of the whole turn. */
  usage: tokenUsageSchema.optional(),
  finishReason: z.string().optional(),
  /**
   * Set by the page, not the proxy: the user pressed Stop while this message's turn ran (on the
   * last message of the turn, the question when no answer had begun). Saved with the message,
   * so the chat still says so after a reload.
   */
  stoppedAt: z.number().optional(),
});
export type MessageMetadata = z.infer<typeof messageMetadataSchema>;

/** A chat message as Fanout's page holds it: AI SDK UI message with the proxy's metadata. */
export type FanoutMessage = UIMessage<MessageMetadata>;
