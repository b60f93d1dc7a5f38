import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { promptText } from './conversation';
import { planReply } from './planner';
import { type OfflinePacing, type OfflineReply, tokenize } from './reply';

function usageOf(options: LanguageModelV4CallOptions, outputTokens: number): LanguageModelV4Usage {
  const inputTokens = tokenize(promptText(options.prompt)).length;
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

function finishReasonOf(reply: OfflineReply): LanguageModelV4GenerateResult['finishReason'] {
  const calls = reply.parts.some((part) => part.type === 'tool-call');
  return calls ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' };
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Emits the reply's parts on a fixed schedule (first token at TTFT, then one token per
 * 1/tokensPerSecond) measured from one start time, so timer drift does not accumulate.
 */
function pacedStream(
  reply: OfflineReply,
  pacing: OfflinePacing,
  options: LanguageModelV4CallOptions,
  responseId: string,
): ReadableStream<LanguageModelV4StreamPart> {
  const signal = options.abortSignal;
  const interval = pacing.tokensPerSecond > 0 ? 1000 / pacing.tokensPerSecond : 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;

  return new ReadableStream<LanguageModelV4StreamPart>({
    async start(controller) {
      const startedAt = performance.now();
      let emittedTokens = 0;
      const waitUntil = (offsetMs: number) =>
        new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(abortError(signal));
          const delay = startedAt + offsetMs - performance.now();
          if (delay <= 0.5) return resolve();
          onAbort = () => {
            clearTimeout(timer);
            if (signal) reject(abortError(signal));
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          timer = setTimeout(() => {
            if (onAbort) signal?.removeEventListener('abort', onAbort);
            resolve();
          }, delay);
        });
      const nextToken = async () => {
        await waitUntil(pacing.timeToFirstTokenMs + emittedTokens * interval);
        emittedTokens++;
      };

      try {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        controller.enqueue({
          type: 'response-metadata',
          id: responseId,
          modelId: 'offline',
          timestamp: new Date(),
        });
        let textIndex = 0;
        for (const part of reply.parts) {
          if (part.type === 'text') {
            const id = `${responseId}-text-${textIndex++}`;
            let opened = false;
            for (const token of tokenize(part.text)) {
              await nextToken();
              if (!opened) controller.enqueue({ type: 'text-start', id });
              opened = true;
              controller.enqueue({ type: 'text-delta', id, delta: token });
            }
            if (opened) controller.enqueue({ type: 'text-end', id });
          } else {
            const json = JSON.stringify(part.input);
            await nextToken();
            controller.enqueue({
              type: 'tool-input-start',
              id: part.toolCallId,
              toolName: part.toolName,
            });
            for (const chunk of jsonChunks(json)) {
              await nextToken();
              controller.enqueue({ type: 'tool-input-delta', id: part.toolCallId, delta: chunk });
            }
            controller.enqueue({ type: 'tool-input-end', id: part.toolCallId });
            controller.enqueue({
              type: 'tool-call',
              toolCallId: part.toolCallId,
              toolName: part.toolName,
              input: json,
            });
          }
        }
        controller.enqueue({
          type: 'finish',
          usage: usageOf(options, emittedTokens),
          finishReason: finishReasonOf(reply),
        });
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    },
  });
}

/** Splits serialized tool arguments into deltas shaped like a real model's (about four characters of JSON each). */
export function jsonChunks(json: string): string[] {
  const chunks: string[] = [];
  const pieces = json.match(/"(?:[^"\\]|\\.)*"|[^"]+/g) ?? [];
  for (const piece of pieces) {
    for (let index = 0; index < piece.length; index += 12)
      chunks.push(piece.slice(index, index + 12));
  }
  return chunks;
}

let responseCounter = 0;

/** Reads the parallel switch the proxy passes as `providerOptions.fanout.parallelToolCalls`. */
function plannerOptions(options: LanguageModelV4CallOptions) {
  const fanout = options.providerOptions?.fanout;
  const parallel = fanout?.parallelToolCalls;
  return { parallelToolCalls: typeof parallel === 'boolean' ? parallel : true };
}

/** Creates the offline planner as a `LanguageModelV4`, streaming with the given pacing. */
export function createOfflineModel(pacing: OfflinePacing): LanguageModelV4 {
  return {
    specificationVersion: 'v4',
    provider: 'fanout.offline',
    modelId: 'offline',
    supportedUrls: {},
    async doGenerate(options): Promise<LanguageModelV4GenerateResult> {
      const reply = planReply(options, plannerOptions(options));
      const content: LanguageModelV4Content[] = reply.parts.map((part) =>
        part.type === 'text'
          ? { type: 'text', text: part.text }
          : {
              type: 'tool-call',
              toolCallId: part.toolCallId,
              toolName: part.toolName,
              input: JSON.stringify(part.input),
            },
      );
      const outputTokens = reply.parts.reduce(
        (sum, part) =>
          sum + tokenize(part.type === 'text' ? part.text : JSON.stringify(part.input)).length,
        0,
      );
      return {
        content,
        finishReason: finishReasonOf(reply),
        usage: usageOf(options, outputTokens),
        warnings: [],
      };
    },
    async doStream(options): Promise<LanguageModelV4StreamResult> {
      const reply = planReply(options, plannerOptions(options));
      responseCounter = (responseCounter + 1) % Number.MAX_SAFE_INTEGER;
      const responseId = `offline-${Date.now().toString(36)}-${responseCounter.toString(36)}`;
      return { stream: pacedStream(reply, pacing, options, responseId) };
    },
  };
}
