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
  /** This transform emitted `tool-input-end` + `tool-call`; later parts of the call are dropped. */
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
 *
 * What it cannot do: a provider that interleaves calls and then appends to a call it already
 * moved past has that text dropped (the call ran with the object it had closed); and metadata
 * a compatible server attaches to a call (Gemini's thought signature) reaches the SDK only on
 * the tracker's final `tool-call`, which is dropped for a call ended here.
 */
export function eagerToolCallStream(
  accepts: ToolInputCheck,
): TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart> {
  const calls = new Map<string, TrackedCall>();
  /** Calls this transform may still end: not the provider's, not ended, not emitted. */
  const open = new Set<string>();

  /** The open calls whose input is a complete object now, in the order they started. */
  function completeCalls(except: string | undefined) {
    const due: { id: string; call: TrackedCall; input: Record<string, unknown> }[] = [];
    for (const id of open) {
      const call = calls.get(id);
      const input = id === except || !call ? undefined : completeObject(call.text);
      if (call && input) due.push({ id, call, input });
    }
    return due;
  }

  async function endAccepted(
    due: ReturnType<typeof completeCalls>,
    controller: TransformStreamDefaultController<LanguageModelV4StreamPart>,
  ): Promise<void> {
    for (const { id, call, input } of due) {
      // Over either way: a rejected input is left to the provider to end, as it would have.
      open.delete(id);
      if (!(await accepts(call.toolName, input))) continue;
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

  /** Whether `part` shows the stream has moved past every call but `except` (its own). */
  function movesOn(part: LanguageModelV4StreamPart): { moves: boolean; except?: string } {
    switch (part.type) {
      case 'tool-input-start':
        return { moves: true, except: part.id };
      case 'tool-input-delta':
        return { moves: calls.get(part.id)?.emitted !== true, except: part.id };
      // The provider is ending calls itself (as it goes, or all at its flush, in the model's
      // order): ending others here would only reorder them.
      case 'tool-input-end':
      case 'tool-call':
        return { moves: false };
      default:
        return { moves: !neutralParts.has(part.type) };
    }
  }

  function pass(
    part: LanguageModelV4StreamPart,
    controller: TransformStreamDefaultController<LanguageModelV4StreamPart>,
  ): void {
    switch (part.type) {
      case 'tool-input-start': {
        const passThrough =
          part.providerExecuted === true ||
          part.dynamic === true ||
          (part.inputEncoding ?? 'json') !== 'json';
        calls.set(part.id, { toolName: part.toolName, text: '', emitted: false });
        if (!passThrough) open.add(part.id);
        break;
      }
      case 'tool-input-delta': {
        const call = calls.get(part.id);
        // The input is final once emitted: nothing more of it may reach the page.
        if (call?.emitted) return;
        if (call) call.text += part.delta;
        break;
      }
      case 'tool-input-end':
      case 'tool-call': {
        const id = part.type === 'tool-call' ? part.toolCallId : part.id;
        // The duplicate of a call this transform ended (the tracker's flush) is dropped.
        if (calls.get(id)?.emitted) return;
        open.delete(id);
        break;
      }
    }
    controller.enqueue(part);
  }

  return new TransformStream({
    // Synchronous unless a complete call needs its schema checked: most parts cost a lookup.
    transform(part, controller) {
      const { moves, except } = movesOn(part);
      const due = moves && open.size > 0 ? completeCalls(except) : [];
      if (due.length === 0) return pass(part, controller);
      return endAccepted(due, controller).then(() => pass(part, controller));
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
