import { openAIError, openAIStreamHeaders } from './openai-responses.ts';
import { RAW_ERROR_MARKER } from './scenarios.ts';
import {
  asArray,
  asString,
  contentText,
  dataFrame,
  estimateTokens,
  type Frame,
  isRecord,
  type Plan,
  type Protocol,
  type RequestView,
  randomHex,
  randomId,
  type ToolExchange,
} from './wire.ts';

/**
 * OpenAI Chat Completions (`POST …/chat/completions`, `stream: true`), also spoken by
 * OpenAI-compatible servers: `data:` lines only; tool calls arrive as `delta.tool_calls[]`
 * keyed by `index` (the first delta of a call carries `id`, `type` and `function.name`);
 * `finish_reason` comes in its own chunk; with `stream_options.include_usage` a last chunk
 * has `choices: []` and the usage; then `data: [DONE]`.
 */

function readRequest(body: unknown): RequestView {
  const raw = isRecord(body) ? body : {};
  const messages = asArray(raw.messages);
  let lastUser = -1;
  messages.forEach((message, index) => {
    if (isRecord(message) && message.role === 'user') lastUser = index;
  });
  const lastUserMessage = messages[lastUser];
  const lastUserText = isRecord(lastUserMessage)
    ? contentText(lastUserMessage.content, ['text'])
    : '';

  const calls = new Map<string, { name: string; args: string }>();
  const exchanges: ToolExchange[] = [];
  for (const message of messages.slice(lastUser + 1)) {
    if (!isRecord(message)) continue;
    if (message.role === 'assistant') {
      for (const call of asArray(message.tool_calls)) {
        if (!isRecord(call) || !isRecord(call.function)) continue;
        calls.set(String(call.id), {
          name: String(call.function.name ?? ''),
          args: String(call.function.arguments ?? ''),
        });
      }
    } else if (message.role === 'tool') {
      const callId = String(message.tool_call_id);
      const call = calls.get(callId);
      exchanges.push({
        callId,
        name: call?.name ?? '',
        args: call?.args ?? '',
        output: contentText(message.content, ['text']),
      });
    }
  }

  const system = messages.filter(
    (message) => isRecord(message) && (message.role === 'system' || message.role === 'developer'),
  );
  const streamOptions = isRecord(raw.stream_options) ? raw.stream_options : {};
  return {
    model: String(raw.model ?? ''),
    stream: raw.stream === true,
    lastUserText,
    exchanges,
    declaredTools: asArray(raw.tools)
      .map((tool) =>
        isRecord(tool) && isRecord(tool.function) ? asString(tool.function.name) : undefined,
      )
      .filter((name): name is string => Boolean(name)),
    parallelToolCalls: raw.parallel_tool_calls !== false,
    includeUsage: streamOptions.include_usage === true,
    instructions:
      system.length > 0
        ? system
            .map((message) => (isRecord(message) ? contentText(message.content, ['text']) : ''))
            .join('\n')
        : undefined,
    raw,
  };
}

function frames(plan: Plan, view: RequestView): Frame[] {
  const id = `chatcmpl-${randomId(29)}`;
  const created = Math.floor(Date.now() / 1000);
  const fingerprint = `fp_${randomHex(10)}`;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: view.model,
    service_tier: 'default',
    system_fingerprint: fingerprint,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  });
  const out: Frame[] = [];
  let completionTokens = 0;

  if (plan.kind === 'text') {
    out.push(dataFrame(chunk({ role: 'assistant', content: '', refusal: null })));
    for (const delta of plan.deltas) out.push(dataFrame(chunk({ content: delta }), true));
    completionTokens += estimateTokens(plan.deltas.join(''));
    out.push(dataFrame(chunk({}, 'stop')));
  } else {
    if (plan.preamble) {
      out.push(dataFrame(chunk({ role: 'assistant', content: '', refusal: null })));
      out.push(dataFrame(chunk({ content: plan.preamble }), true));
      completionTokens += estimateTokens(plan.preamble);
    } else {
      out.push(dataFrame(chunk({ role: 'assistant', content: null, refusal: null })));
    }
    plan.calls.forEach((call, index) => {
      out.push(
        dataFrame(
          chunk({
            tool_calls: [
              {
                index,
                id: `call_${randomId(24)}`,
                type: 'function',
                function: { name: call.name, arguments: '' },
              },
            ],
          }),
          true,
        ),
      );
      for (const piece of call.argChunks) {
        out.push(
          dataFrame(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }), true),
        );
      }
      completionTokens += estimateTokens(call.args) + 8;
    });
    out.push(dataFrame(chunk({}, 'tool_calls')));
  }

  if (view.includeUsage) {
    const promptTokens = estimateTokens(view.raw.messages) + estimateTokens(view.raw.tools ?? '');
    out.push(
      dataFrame({
        id,
        object: 'chat.completion.chunk',
        created,
        model: view.model,
        service_tier: 'default',
        system_fingerprint: fingerprint,
        choices: [],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
      }),
    );
  }
  out.push(dataFrame('[DONE]'));
  return out;
}

function streamErrorFrames(): Frame[] {
  return [
    dataFrame({
      error: {
        message: `The server had an error while processing your request. (${RAW_ERROR_MARKER})`,
        type: 'server_error',
        param: null,
        code: null,
      },
    }),
  ];
}

export const openAIChat: Protocol = {
  read: readRequest,
  frames,
  streamErrorFrames,
  error: openAIError,
  headers: openAIStreamHeaders,
};
