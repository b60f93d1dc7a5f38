import { z } from 'zod';
import { offlinePacingSchema, serverToolOverridesSchema } from './demo-request';

export const MAX_MESSAGES = 200;
export const MAX_PARTS_PER_MESSAGE = 400;
/** Longest text part accepted (a typed message or one streamed answer); 1 MB bounds the rest. */
export const MAX_TEXT_CHARS = 100_000;

const uiPartSchema = z
  .looseObject({ type: z.string().min(1).max(100), text: z.unknown().optional() })
  .superRefine((part, ctx) => {
    // Text parts are what reaches the model verbatim: bound them on their own.
    if (part.type !== 'text') return;
    if (typeof part.text !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'text must be a string' });
    } else if (part.text.length > MAX_TEXT_CHARS) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `text is longer than ${MAX_TEXT_CHARS} characters`,
      });
    }
  });

const uiMessageSchema = z.looseObject({
  id: z.string().min(1).max(200),
  role: z.enum(['user', 'assistant'], {
    error: 'role must be "user" or "assistant" (instructions live on the server)',
  }),
  parts: z.array(uiPartSchema).max(MAX_PARTS_PER_MESSAGE),
  metadata: z.unknown().optional(),
});

export const executionPolicies = ['parallel', 'batch', 'sequential'] as const;
export type ExecutionPolicyName = (typeof executionPolicies)[number];

/** The body `POST /api/chat` accepts: what the AI SDK chat transport sends plus Fanout's options. */
export const chatRequestSchema = z.object({
  id: z.string().min(1).max(200),
  messages: z.array(uiMessageSchema).min(1).max(MAX_MESSAGES),
  trigger: z.enum(['submit-message', 'regenerate-message']).optional(),
  messageId: z.string().max(200).optional(),
  model: z.string().min(1).max(200).optional(),
  /** Whether the model may emit several tool calls in one step (maps to each provider's switch). */
  parallelToolCalls: z.boolean().optional(),
  /** How the page runs this turn's calls; the proxy applies it to server tools too. */
  policy: z.enum(executionPolicies).optional(),
  /**
   * The page's cap on calls running at once (demo controls): the proxy holds this request's
   * server tool calls to it too, each over it waiting (queued) in arrival order.
   */
  maxConcurrency: z.number().int().min(1).max(64).optional(),
  /** Demo controls for tools the proxy runs: injected faults and simulated latency. */
  serverTools: serverToolOverridesSchema.optional(),
  /** Demo controls for the offline planner's pacing; ignored by every other model. */
  offlinePacing: offlinePacingSchema.optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;
