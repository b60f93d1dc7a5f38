import { randomUUID } from 'node:crypto';
import {
  convertToModelMessages,
  generateId,
  streamText,
  toUIMessageStream,
  type UIMessage,
} from 'ai';
import { Hono } from 'hono';
import { chatRequestSchema } from '../../shared/chat-request';
import type { MessageMetadata } from '../../shared/message-metadata';
import { bodyLimit } from '../body-limit';
import { type EnvSource, readConfig } from '../config';
import { conversationProblem } from '../conversation-check';
import type { Guards } from '../guards';
import { jsonError } from '../http-error';
import { InFlightCalls } from '../in-flight-calls';
import { INSTRUCTIONS } from '../instructions';
import { FifoLimiter } from '../mcp/fifo-limiter';
import type { McpHub } from '../mcp/hub';
import { mcpToolSet } from '../mcp/mcp-tool-set';
import { toolSetInputCheck } from '../providers/eager-tool-calls';
import { defaultModelId, resolveModel } from '../providers/registry';
import { ServerToolTimings } from '../server-tool-timings';
import { modelCallTelemetry } from '../telemetry/model-telemetry';
import { describeToolError } from '../tool-error';
import { buildToolSet } from '../tool-set';
import { describeAnswerLimit, uiMessageSseResponse } from '../ui-message-sse';
import { classifyUpstreamError } from '../upstream-error';

export const MAX_BODY_BYTES = 1024 * 1024;

const contentChunkTypes = new Set([
  'text-delta',
  'reasoning-delta',
  'tool-input-start',
  'tool-call',
  'source',
  'file',
]);

function formatIssue(issue: { path: PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** `POST /api/chat`: validates the request, streams the chosen model's answer as a UI message stream. */
export function chatRoute(
  env: () => EnvSource,
  guards: Guards,
  mcp: () => McpHub | undefined = () => undefined,
) {
  const route = new Hono();
  route.post(
    '/',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        return jsonError(
          c,
          413,
          'body_too_large',
          `Request body is larger than ${MAX_BODY_BYTES} bytes.`,
        );
      },
    }),
    async (c) => {
      const receivedAt = Date.now();
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        return jsonError(c, 400, 'invalid_json', 'Request body is not valid JSON.');
      }
      const parsed = chatRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 3).map(formatIssue).join('; ');
        return jsonError(c, 400, 'invalid_request', `Invalid chat request: ${issues}`);
      }
      const request = parsed.data;
      const config = readConfig(env());
      const modelId = request.model ?? defaultModelId(config);
      // Server tool calls record here when they ran, on the proxy's clock, and run within the
      // page's cap on calls at once (one limiter for built-in and MCP tools alike).
      const timings = new ServerToolTimings();
      const limiter = request.maxConcurrency ? new FifoLimiter(request.maxConcurrency) : undefined;
      const hub = mcp();
      const tools = {
        ...buildToolSet({
          overrides: request.serverTools,
          faultTools: config.FANOUT_FAULT_TOOLS,
          timings,
          limiter,
        }),
        // MCP tools run here too, beside the built-in server tools (names never collide).
        ...(hub ? mcpToolSet(hub, { timings, inFlight: new InFlightCalls(), limiter }) : {}),
      };
      let upstreamStatus: number | undefined;
      const resolution = resolveModel(modelId, config, {
        offlinePacing: request.offlinePacing,
        toolInput: toolSetInputCheck(tools),
        onUpstreamResponse: (status) => {
          upstreamStatus = status;
        },
      });
      if (!resolution.ok) return jsonError(c, 400, resolution.code, resolution.message);

      const problem = conversationProblem(request.messages, tools);
      if (problem)
        return jsonError(c, 400, 'invalid_request', `Impossible conversation: ${problem}.`);

      const messages = request.messages as unknown as UIMessage[];
      let modelMessages: Awaited<ReturnType<typeof convertToModelMessages>>;
      try {
        modelMessages = await convertToModelMessages(messages);
      } catch (error) {
        const reason = error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
        return jsonError(c, 400, 'invalid_request', `Messages could not be read: ${reason}`);
      }

      const provider = resolution.info.provider;
      const requestId = randomUUID();
      const logged = new WeakSet<object>();
      const describeError = (error: unknown): string => {
        const toolSentence = describeToolError(error);
        if (toolSentence !== undefined) return toolSentence;
        const failure = classifyUpstreamError(error, provider, upstreamStatus);
        // One line per failure (the SDK reports some twice), with its class, status and this
        // request's id: never the upstream's text, which can quote anything, keys included.
        const seen = typeof error === 'object' && error !== null;
        if (!seen || !logged.has(error)) {
          if (seen) logged.add(error);
          console.warn(
            `[fanout] upstream failure request=${requestId} model=${modelId} class=${failure.class} status=${failure.status ?? '-'}`,
          );
        }
        return failure.message;
      };
      let firstChunkAt: number | undefined;
      let upstreamRequestAt: number | undefined;

      const parallel = request.parallelToolCalls ?? true;
      // OpenTelemetry spans for this call when a collector is configured, parented under the
      // page's W3C traceparent so browser tool spans and these model spans form one trace.
      const telemetry = await modelCallTelemetry(config, c.req.header('traceparent'));
      // Take a stream slot only for a request that will stream; it is given back when the
      // response body ends, fails or is cancelled by the browser.
      const slot = guards.acquireStream(c, config);
      if (!slot.ok) return slot.response;

      // Ends the upstream call: the browser leaving, or an answer limit cutting the answer. One
      // controller the request's signal forwards to, not `AbortSignal.any`: in CPU profiles of
      // figure 4 that call alone took 1–2.5 ms of each request (Node's WeakRef bookkeeping
      // for its sources), before the upstream request could leave.
      const cut = new AbortController();
      const browser = c.req.raw.signal;
      if (browser.aborted) cut.abort(browser.reason);
      else browser.addEventListener('abort', () => cut.abort(browser.reason), { once: true });
      const result = streamText({
        model: resolution.model,
        instructions: INSTRUCTIONS,
        messages: modelMessages,
        tools,
        // Never fetch a URL named in a request (file parts are data: URLs, checked above).
        experimental_download: async (requests) => requests.map(() => null),
        // Server tools honour the turn's policy too: one at a time when sequential.
        toolCallConcurrency: request.policy === 'sequential' ? 1 : undefined,
        providerOptions: {
          fanout: { parallelToolCalls: parallel },
          openai: { parallelToolCalls: parallel },
          anthropic: { disableParallelToolUse: !parallel },
        },
        abortSignal: cut.signal,
        // The server's cap; the request schema has no field that could raise it.
        maxOutputTokens: config.FANOUT_MAX_OUTPUT_TOKENS || undefined,
        maxRetries: config.FANOUT_MAX_RETRIES,
        telemetry,
        onLanguageModelCallStart: () => {
          upstreamRequestAt ??= Date.now();
        },
        onError: ({ error }) => {
          describeError(error);
        },
        onChunk: ({ chunk }) => {
          // Only content counts as the first chunk; stream-start and metadata arrive immediately.
          if (firstChunkAt === undefined && contentChunkTypes.has(chunk.type))
            firstChunkAt = Date.now();
        },
      });

      const uiStream = timings.annotate(
        toUIMessageStream({
          stream: result.stream,
          originalMessages: messages,
          // The id the SDK's createUIMessageStream used to add: the last message's when it is the
          // assistant's (a continuation), else a fresh one.
          generateMessageId: generateId,
          onError: describeError,
          messageMetadata: ({ part }): MessageMetadata | undefined => {
            if (part.type === 'start') {
              return { model: resolution.info.id, proxy: { receivedAt } };
            }
            if (part.type === 'finish') {
              return {
                model: resolution.info.id,
                proxy: { receivedAt, upstreamRequestAt, firstChunkAt, finishedAt: Date.now() },
                usage: {
                  inputTokens: part.totalUsage.inputTokens,
                  outputTokens: part.totalUsage.outputTokens,
                  totalTokens: part.totalUsage.totalTokens,
                  // The offline planner counts words; no tokenizer was asked.
                  ...(provider === 'offline' ? { estimated: true } : {}),
                },
                finishReason: part.finishReason,
              };
            }
            return undefined;
          },
        }),
      );
      // A provider stream that breaks after the first byte (connection reset) throws instead of
      // emitting an error part; the response body turns that into an error chunk with a
      // readable sentence. The stream slot is given back when the body ends, fails or is
      // cancelled by the browser, or when the request is aborted, whichever comes first.
      c.req.raw.signal.addEventListener('abort', slot.release, { once: true });
      return uiMessageSseResponse(uiStream, {
        onError: describeError,
        onSettled: slot.release,
        headers: { 'x-request-id': requestId },
        limits: {
          maxBytes: config.FANOUT_MAX_ANSWER_BYTES,
          maxMs: config.FANOUT_MAX_ANSWER_MS,
          onCut: (limit) => {
            cut.abort();
            console.warn(
              `[fanout] answer cut request=${requestId} model=${modelId} limit=${limit.name}=${limit.value}`,
            );
            return describeAnswerLimit(limit);
          },
        },
      });
    },
  );
  return route;
}
