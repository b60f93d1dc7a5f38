import type {
  LanguageModelV4,
  LanguageModelV4Middleware,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { asSchema, type ToolSet, wrapLanguageModel } from 'ai';

/** Whether a tool's input schema accepts `input`; unknown tools are never accepted. */
export type ToolInputCheck = (toolName: string, input: unknown) => Promise<boolean>;

/** A check backed by the request's own tool set: the same schemas the AI SDK validates with. */
export function toolSetInputCheck(tools: ToolSet): ToolInputCheck {
  return async (toolName, input) => {
    const tool = Object.hasOwn(tools, toolName) ? tools[toolName] : undefined;
    if (!tool) return false;
    const validate = asSchema(tool.inputSchema).validate;
    // A schema without a validator (some MCP tools) accepts what the AI SDK will accept.
    if (!validate) return true;
    return (await validate(input)).success;
  };
}

type TrackedCall = {
  toolName: string;
  text: string;
  /** The provider (or the AI SDK's providerExecuted path) owns this call: never preempt it. */
  passThrough: boolean;
  /** The provider already ended the call's input itself (Responses, Anthropic, a flush). */
  ended: boolean;
  /** This wrapper emitted `tool-input-end` + `tool-call`; later parts of the call are dropped. */
  emitted: boolean;
};

/** The argument text as a JSON object, or undefined while it is not one (yet). Strict: no repair. */
function completeObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parts that say nothing about where the model is in its output: they never confirm that a
 * call's input is over. `raw` in particular is enqueued *before* its chunk's deltas.
 */
const neutralParts = new Set<LanguageModelV4StreamPart['type']>([
  'raw',
  'stream-start',
  'response-metadata',
  'ping',
  'error',
]);

/**
 * Ends each streamed tool call as soon as its input is over instead of when the response ends.
 *
 * Chat Completions (and every OpenAI-compatible server) streams a call's arguments as deltas and
 * never says that a call's arguments are done; the AI SDK's tracker therefore emits every
 * `tool-call` at the end of the stream, and nothing can start early. This transform emits
 * `tool-input-end` + `tool-call` for a call when both hold:
 *
 * 1. its argument text is a complete JSON object (strict parse, no repair: `{"a": 1` is not
 *    `{"a": 1}`) that the tool's input schema accepts, and
 * 2. the stream has moved on: a content part that is not a delta of this call arrived (the next
 *    call's start, text, the finish). Nothing but whitespace can validly follow a closed object,
 *    but a misbehaving model can append more; waiting for the next part means such text is seen
 *    before the call is emitted, and the call then ends with the stream, exactly as the model
 *    finished it (the AI SDK rejects it as invalid input). The cost is one chunk's wait.
 *
 * Later `tool-input-end` / `tool-call` parts for an emitted call (the tracker's flush) are
 * dropped, so a call is emitted once. Wire-format-agnostic: a provider that ends its calls
 * itself (Responses, Anthropic) does so right after the last delta, before anything else, so
 * its parts, metadata included, pass through untouched. Provider-executed and unknown tools are
 * never preempted.
 */
export function eagerToolCallStream(
  accepts: ToolInputCheck,
): TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart> {
  const calls = new Map<string, TrackedCall>();

  async function release(
    except: string | undefined,
    controller: TransformStreamDefaultController<LanguageModelV4StreamPart>,
  ): Promise<void> {
    for (const [id, call] of calls) {
      if (id === except || call.passThrough || call.ended || call.emitted) continue;
      const input = completeObject(call.text);
      if (input === undefined || !(await accepts(call.toolName, input))) continue;
      call.emitted = true;
      controller.enqueue({ type: 'tool-input-end', id });
      // The exact text the model streamed: the AI SDK parses and validates it as it would have.
      controller.enqueue({
        type: 'tool-call',
        toolCallId: id,
        toolName: call.toolName,
        input: call.text,
      });
    }
  }

  return new TransformStream({
    async transform(part, controller) {
      switch (part.type) {
        case 'tool-input-start': {
          await release(part.id, controller);
          calls.set(part.id, {
            toolName: part.toolName,
            text: '',
            passThrough:
              part.providerExecuted === true ||
              part.dynamic === true ||
              (part.inputEncoding ?? 'json') !== 'json',
            ended: false,
            emitted: false,
          });
          controller.enqueue(part);
          return;
        }
        case 'tool-input-delta': {
          const call = calls.get(part.id);
          // The input is final once emitted: nothing more of it may reach the page.
          if (call?.emitted) return;
          await release(part.id, controller);
          if (call) call.text += part.delta;
          controller.enqueue(part);
          return;
        }
        case 'tool-input-end': {
          const call = calls.get(part.id);
          if (call?.emitted) return;
          // The provider is ending calls itself (as it goes, or all at its flush, in the model's
          // order): releasing others here would only reorder them.
          if (call) call.ended = true;
          controller.enqueue(part);
          return;
        }
        case 'tool-call': {
          const call = calls.get(part.toolCallId);
          if (call?.emitted) return;
          if (call) call.ended = true;
          controller.enqueue(part);
          return;
        }
        default: {
          if (!neutralParts.has(part.type)) await release(undefined, controller);
          controller.enqueue(part);
        }
      }
    },
  });
}

/** The model, with each streamed call ended as soon as its input is over (see above). */
export function withEagerToolCalls(
  model: LanguageModelV4,
  accepts: ToolInputCheck,
): LanguageModelV4 {
  const middleware: LanguageModelV4Middleware = {
    specificationVersion: 'v4',
    wrapStream: async ({ doStream }) => {
      const result = await doStream();
      return { ...result, stream: result.stream.pipeThrough(eagerToolCallStream(accepts)) };
    },
  };
  return wrapLanguageModel({ model, middleware });
}
