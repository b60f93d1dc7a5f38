import { z } from 'zod';

export const MAX_MESSAGES = 200;
export const MAX_PARTS_PER_MESSAGE = 400;

const uiPartSchema = z.looseObject({ type: z.string().min(1).max(100) });

const uiMessageSchema = z.looseObject({
  id: z.string().min(1).max(200),
  role: z.enum(['user', 'assistant'], {
    error: 'role must be "user" or "assistant" (instructions live on the server)',
  }),
  parts: z.array(uiPartSchema).max(MAX_PARTS_PER_MESSAGE),
  metadata: z.unknown().optional(),
});

/** The body `POST /api/chat` accepts: what the AI SDK chat transport sends plus Fanout's options. */
export const chatRequestSchema = z.object({
  id: z.string().min(1).max(200),
  messages: z.array(uiMessageSchema).min(1).max(MAX_MESSAGES),
  trigger: z.enum(['submit-message', 'regenerate-message']).optional(),
  messageId: z.string().max(200).optional(),
  model: z.string().min(1).max(200).optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;
