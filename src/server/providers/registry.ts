import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { OfflinePacingRequest } from '../../shared/demo-request';
import {
  type ModelInfo,
  OFFLINE_MODEL_ID,
  OFFLINE_MODEL_LABEL,
  type ParsedModelId,
  parseModelId,
} from '../../shared/model-id';
import type { ServerConfig } from '../config';
import { createOfflineModel } from '../offline/offline-model';
import { createUpstreamFetch } from '../upstream-fetch';
import { type ToolInputCheck, withEagerToolCalls } from './eager-tool-calls';

type RemoteKind = Exclude<ParsedModelId['kind'], 'offline'>;

function isConfigured(kind: RemoteKind, config: ServerConfig): boolean {
  switch (kind) {
    case 'openai':
    case 'openai-chat':
      return Boolean(config.OPENAI_API_KEY);
    case 'anthropic':
      return Boolean(config.ANTHROPIC_API_KEY);
    case 'compatible':
      return Boolean(config.OPENAI_COMPATIBLE_BASE_URL);
  }
}

function allowedNames(kind: RemoteKind, config: ServerConfig): string[] {
  const names =
    kind === 'anthropic'
      ? config.ANTHROPIC_MODELS
      : kind === 'compatible'
        ? config.OPENAI_COMPATIBLE_MODELS
        : config.OPENAI_MODELS;
  const preferred = config.FANOUT_MODEL ? parseModelId(config.FANOUT_MODEL) : null;
  if (preferred && preferred.kind === kind && !names.includes(preferred.model)) {
    return [preferred.model, ...names];
  }
  return names;
}

function modelInfo(kind: RemoteKind, model: string): ModelInfo {
  const id = `${kind}:${model}`;
  switch (kind) {
    case 'openai':
      return { id, provider: kind, label: `OpenAI ${model}`, description: 'OpenAI Responses API' };
    case 'openai-chat':
      return {
        id,
        provider: kind,
        label: `OpenAI ${model} (Chat Completions)`,
        description: 'OpenAI Chat Completions API',
      };
    case 'anthropic':
      return {
        id,
        provider: kind,
        label: `Anthropic ${model}`,
        description: 'Anthropic Messages API',
      };
    case 'compatible':
      // A label, never the address: the server is often on an internal network.
      return {
        id,
        provider: kind,
        label: `${model} (OpenAI-compatible)`,
        description: 'OpenAI-compatible server',
      };
  }
}

const offlineInfo: ModelInfo = {
  id: OFFLINE_MODEL_ID,
  provider: 'offline',
  label: OFFLINE_MODEL_LABEL,
  description: 'Deterministic and local: plans tool calls by rules, needs no key or network.',
};

const remoteKinds: RemoteKind[] = ['openai', 'openai-chat', 'anthropic', 'compatible'];

/** Every model this proxy can serve with its current configuration, the offline planner first. */
export function listModels(config: ServerConfig): ModelInfo[] {
  const models = [offlineInfo];
  for (const kind of remoteKinds) {
    if (!isConfigured(kind, config)) continue;
    for (const name of allowedNames(kind, config)) models.push(modelInfo(kind, name));
  }
  return models;
}

/** The model used when a request names none: `FANOUT_MODEL` when it is servable, else offline. */
export function defaultModelId(config: ServerConfig): string {
  const preferred = config.FANOUT_MODEL;
  if (preferred && listModels(config).some((model) => model.id === preferred)) return preferred;
  return OFFLINE_MODEL_ID;
}

export type ModelResolution =
  | { ok: true; info: ModelInfo; model: LanguageModelV4 }
  | { ok: false; code: 'unknown_model' | 'model_not_configured'; message: string };

/** Per-request choices the demo controls make; each applies to the models it names only. */
export type ResolveOptions = {
  /** The offline planner's pacing, over the environment's defaults (other models ignore it). */
  offlinePacing?: OfflinePacingRequest;
  /** Learns the status of each upstream response (remote models only). */
  onUpstreamResponse?: (status: number) => void;
  /**
   * The request's tool schemas. With it, Chat Completions models (OpenAI's and compatible
   * servers') end each streamed call as soon as its input is complete, as Responses and
   * Anthropic already do, instead of all at the end of the response.
   */
  toolInput?: ToolInputCheck;
};

/** Turns a model id into a provider instance built from the configuration read for this request. */
export function resolveModel(
  id: string,
  config: ServerConfig,
  options: ResolveOptions = {},
): ModelResolution {
  const parsed = parseModelId(id);
  if (!parsed) {
    return {
      ok: false,
      code: 'unknown_model',
      message: `Unknown model "${id.slice(0, 80)}". Use "offline" or provider:model with provider one of ${remoteKinds.join(', ')}.`,
    };
  }
  if (parsed.kind === 'offline') {
    return {
      ok: true,
      info: offlineInfo,
      model: createOfflineModel({
        timeToFirstTokenMs:
          options.offlinePacing?.timeToFirstTokenMs ?? config.FANOUT_OFFLINE_TTFT_MS,
        tokensPerSecond:
          options.offlinePacing?.tokensPerSecond ?? config.FANOUT_OFFLINE_TOKENS_PER_SECOND,
      }),
    };
  }
  if (!isConfigured(parsed.kind, config)) {
    const needs =
      parsed.kind === 'anthropic'
        ? 'ANTHROPIC_API_KEY'
        : parsed.kind === 'compatible'
          ? 'OPENAI_COMPATIBLE_BASE_URL'
          : 'OPENAI_API_KEY';
    return {
      ok: false,
      code: 'model_not_configured',
      message: `Model "${id}" is not configured on this server: set ${needs}.`,
    };
  }
  if (!allowedNames(parsed.kind, config).includes(parsed.model)) {
    return {
      ok: false,
      code: 'model_not_configured',
      message: `Model "${id}" is not in this server's allow-list.`,
    };
  }
  return {
    ok: true,
    info: modelInfo(parsed.kind, parsed.model),
    model: buildRemote(parsed),
  };

  function buildRemote(target: { kind: RemoteKind; model: string }): LanguageModelV4 {
    // Base URLs come from the configuration only: nothing in the request can name a host.
    const fetch = createUpstreamFetch(
      {
        firstByteMs: config.FANOUT_UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
        idleMs: config.FANOUT_UPSTREAM_IDLE_TIMEOUT_MS,
      },
      options.onUpstreamResponse,
    );
    const eager = (model: LanguageModelV4) =>
      options.toolInput ? withEagerToolCalls(model, options.toolInput) : model;
    switch (target.kind) {
      case 'openai':
        return createOpenAI({
          apiKey: config.OPENAI_API_KEY,
          baseURL: config.OPENAI_BASE_URL,
          fetch,
        })(target.model);
      // Only the Chat Completions models need it: the others end each call themselves, and a
      // stream they do not need would add to the proxy's time on their every chunk.
      case 'openai-chat':
        return eager(
          createOpenAI({
            apiKey: config.OPENAI_API_KEY,
            baseURL: config.OPENAI_BASE_URL,
            fetch,
          }).chat(target.model),
        );
      case 'anthropic':
        return createAnthropic({
          apiKey: config.ANTHROPIC_API_KEY,
          baseURL: config.ANTHROPIC_BASE_URL,
          fetch,
        })(target.model);
      case 'compatible':
        return eager(
          createOpenAICompatible({
            name: 'compatible',
            baseURL: config.OPENAI_COMPATIBLE_BASE_URL ?? '',
            apiKey: config.OPENAI_COMPATIBLE_API_KEY,
            includeUsage: true,
            fetch,
          }).chatModel(target.model),
        );
    }
  }
}
