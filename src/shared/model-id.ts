import { z } from 'zod';

/** Every way Fanout can reach a model; the prefix of a model id names one. */
export const providerKinds = [
  'offline',
  'openai',
  'openai-chat',
  'anthropic',
  'compatible',
] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const OFFLINE_MODEL_ID = 'offline';
export const OFFLINE_MODEL_LABEL = 'Offline planner — rule-based, no LLM';

export type ParsedModelId =
  | { kind: 'offline' }
  | { kind: Exclude<ProviderKind, 'offline'>; model: string };

const modelNamePattern = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;

/** Splits `provider:model` into its parts; returns null for anything Fanout cannot route. */
export function parseModelId(id: string): ParsedModelId | null {
  if (id === OFFLINE_MODEL_ID) return { kind: 'offline' };
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const kind = id.slice(0, colon);
  const model = id.slice(colon + 1);
  if (kind === 'offline' || !providerKinds.includes(kind as ProviderKind)) return null;
  if (!modelNamePattern.test(model)) return null;
  return { kind: kind as Exclude<ProviderKind, 'offline'>, model };
}

export const modelInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  provider: z.enum(providerKinds),
  description: z.string(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const modelsResponseSchema = z.object({
  defaultModel: z.string(),
  models: z.array(modelInfoSchema),
  /** Hosts markdown images may load from (FANOUT_IMAGE_HOSTS); none when absent. */
  imageHosts: z.array(z.string()).optional(),
  /** The server declares the fault-injection tools (FANOUT_FAULT_TOOLS, e2e only). */
  faultTools: z.boolean().optional(),
});
export type ModelsResponse = z.infer<typeof modelsResponseSchema>;
