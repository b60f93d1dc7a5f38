import type { UIMessage } from 'ai';
import { z } from 'zod';

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
  usage: z
    .object({
      inputTokens: z.number().optional(),
      outputTokens: z.number().optional(),
      totalTokens: z.number().optional(),
    })
    .optional(),
  finishReason: z.string().optional(),
});
export type MessageMetadata = z.infer<typeof messageMetadataSchema>;

/** A chat message as Fanout's page holds it: AI SDK UI message with the proxy's metadata. */
export type FanoutMessage = UIMessage<MessageMetadata>;
