import { useQuery } from '@tanstack/react-query';
import { type ModelsResponse, modelsResponseSchema } from '../shared/model-id';
import { readErrorResponse } from '../turn/chat-fetch';

export async function fetchModels(): Promise<ModelsResponse> {
  const response = await fetch('/api/models');
  if (!response.ok) throw new Error(await readErrorResponse(response));
  return modelsResponseSchema.parse(await response.json());
}

/** The models this server can serve, from `GET /api/models`. */
export function useModels() {
  return useQuery({ queryKey: ['models'], queryFn: fetchModels, staleTime: 60_000 });
}
