import { RAW_ERROR_MARKER } from './scenarios.ts';
import {
  asArray,
  asString,
  contentText,
  type ErrorResponse,
  estimateTokens,
  eventFrame,
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
 * OpenAI Responses API (`POST /v1/responses`, `stream: true`): every event has an `event:` line
 * and a `data:` line carrying `type` and `sequence_number`; a function call is
 * `output_item.added` → `function_call_arguments.delta`… → `.done` → `output_item.done`
 * (the AI SDK builds the call from `output_item.done`); the stream ends at
 * `response.completed`, with no `[DONE]`.
 */

function readRequest(body: unknown): RequestView {
  const raw = isRecord(body) ? body : {};
  const input = Array.isArray(raw.input)
    ? raw.input
    : typeof raw.input === 'string'
      ? [{ role: 'user', content: raw.input }]
      : [];
  let lastUser = -1;
  input.forEach((item, index) => {
    if (isRecord(item) && item.role === 'user') lastUser = index;
  });
  const lastUserItem = input[lastUser];
  const lastUserText = isRecord(lastUserItem)
    ? contentText(lastUserItem.content, ['input_text'])
    : '';

  const calls = new Map<string, { name: string; args: string }>();
  const exchanges: ToolExchange[] = [];
  for (const item of input.slice(lastUser + 1)) {
    if (!isRecord(item)) continue;
    if (item.type === 'function_call') {
      calls.set(String(item.call_id), {
        name: String(item.name ?? ''),
        args: String(item.arguments ?? ''),
      });
    } else if (item.type === 'function_call_output') {
      const callId = String(item.call_id);
      const call = calls.get(callId);
      const output = typeof item.output === 'string' ? item.output : JSON.stringify(item.output);
      exchanges.push({ callId, name: call?.name ?? '', args: call?.args ?? '', output });
    }
  }

  const systemItems = input.filter(
    (item) => isRecord(item) && (item.role === 'system' || item.role === 'developer'),
  );
  const instructions =
    asString(raw.instructions) ??
    (systemItems.length > 0
      ? systemItems
          .map((item) => (isRecord(item) ? contentText(item.content, ['input_text']) : ''))
          .join('\n')
      : undefined);

  return {
    model: String(raw.model ?? ''),
    stream: raw.stream === true,
    lastUserText,
    exchanges,
    declaredTools: asArray(raw.tools)
      .map((tool) => (isRecord(tool) && tool.type === 'function' ? asString(tool.name) : undefined))
      .filter((name): name is string => Boolean(name)),
    parallelToolCalls: raw.parallel_tool_calls !== false,
    includeUsage: true,
    instructions,
    raw,
  };
}

function responseObject(
  id: string,
  createdAt: number,
  view: RequestView,
  status: 'in_progress' | 'completed' | 'failed',
  output: unknown[],
  usage: unknown,
) {
  const raw = view.raw;
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: raw.instructions ?? null,
    max_output_tokens: raw.max_output_tokens ?? null,
    max_tool_calls: null,
    model: view.model,
    output,
    parallel_tool_calls: view.parallelToolCalls,
    previous_response_id: raw.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: raw.store ?? true,
    temperature: raw.temperature ?? 1.0,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: raw.tool_choice ?? 'auto',
    tools: asArray(raw.tools).map((tool) => (isRecord(tool) ? { strict: false, ...tool } : tool)),
    top_p: raw.top_p ?? 1.0,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: {},
  };
}

function frames(plan: Plan, view: RequestView): Frame[] {
  const id = `resp_${randomHex(48)}`;
  const createdAt = Math.floor(Date.now() / 1000);
  let sequence = 0;
  const out: Frame[] = [];
  const emit = (type: string, fields: Record<string, unknown>, paced = false) => {
    out.push(eventFrame(type, { type, sequence_number: sequence++, ...fields }, paced));
  };
  const outputItems: unknown[] = [];
  let outputTokens = 0;

  emit('response.created', {
    response: responseObject(id, createdAt, view, 'in_progress', [], null),
  });
  emit('response.in_progress', {
    response: responseObject(id, createdAt, view, 'in_progress', [], null),
  });

  const writeMessage = (deltas: string[]) => {
    const itemId = `msg_${randomHex(48)}`;
    const outputIndex = outputItems.length;
    emit('response.output_item.added', {
      output_index: outputIndex,
      item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    });
    emit('response.content_part.added', {
      item_id: itemId,
      output_index: outputIndex,
      content_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
    });
    for (const delta of deltas) {
      emit(
        'response.output_text.delta',
        { item_id: itemId, output_index: outputIndex, content_index: 0, delta, logprobs: [] },
        true,
      );
    }
    const text = deltas.join('');
    outputTokens += estimateTokens(text);
    emit('response.output_text.done', {
      item_id: itemId,
      output_index: outputIndex,
      content_index: 0,
      text,
      logprobs: [],
    });
    const part = { type: 'output_text', annotations: [], logprobs: [], text };
    emit('response.content_part.done', {
      item_id: itemId,
      output_index: outputIndex,
      content_index: 0,
      part,
    });
    const item = {
      id: itemId,
      type: 'message',
      status: 'completed',
      content: [part],
      role: 'assistant',
    };
    emit('response.output_item.done', { output_index: outputIndex, item });
    outputItems.push(item);
  };

  if (plan.kind === 'text') {
    writeMessage(plan.deltas);
  } else {
    if (plan.preamble) writeMessage([plan.preamble]);
    for (const call of plan.calls) {
      const itemId = `fc_${randomHex(48)}`;
      const callId = `call_${randomId(24)}`;
      const outputIndex = outputItems.length;
      emit('response.output_item.added', {
        output_index: outputIndex,
        item: {
          id: itemId,
          type: 'function_call',
          status: 'in_progress',
          arguments: '',
          call_id: callId,
          name: call.name,
        },
      });
      for (const delta of call.argChunks) {
        emit(
          'response.function_call_arguments.delta',
          { item_id: itemId, output_index: outputIndex, delta },
          true,
        );
      }
      emit('response.function_call_arguments.done', {
        item_id: itemId,
        output_index: outputIndex,
        arguments: call.args,
      });
      const item = {
        id: itemId,
        type: 'function_call',
        status: 'completed',
        arguments: call.args,
        call_id: callId,
        name: call.name,
      };
      emit('response.output_item.done', { output_index: outputIndex, item });
      outputItems.push(item);
      outputTokens += estimateTokens(call.args) + 8;
    }
  }

  const inputTokens = estimateTokens(view.raw.input) + estimateTokens(view.raw.tools ?? '');
  emit('response.completed', {
    response: responseObject(id, createdAt, view, 'completed', outputItems, {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    }),
  });
  return out;
}

function streamErrorFrames(): Frame[] {
  return [
    eventFrame('error', {
      type: 'error',
      code: 'server_error',
      message: `The server had an error while processing your request. (${RAW_ERROR_MARKER})`,
      param: null,
      sequence_number: 999,
    }),
  ];
}

export function openAIError(status: number, presentedKey: string | undefined): ErrorResponse {
  const requestId = `req_${randomHex(32)}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': requestId,
  };
  const error = (message: string, type: string, code: string | null) => ({
    error: { message: `${message} (${RAW_ERROR_MARKER})`, type, param: null, code },
  });
  switch (status) {
    case 401:
      return {
        status,
        headers,
        // The real service masks most of the key; the fake echoes it whole so tests can prove
        // the page never shows an upstream body.
        body: error(
          `Incorrect API key provided: ${presentedKey ?? '(none)'}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      };
    case 403:
      return {
        status,
        headers,
        body: error('You are not allowed to access this model.', 'invalid_request_error', null),
      };
    case 404:
      return {
        status,
        headers,
        body: error(
          'The model does not exist or you do not have access to it.',
          'invalid_request_error',
          'model_not_found',
        ),
      };
    case 429:
      return {
        status,
        headers: {
          ...headers,
          'retry-after': '1',
          'x-ratelimit-limit-requests': '500',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '1s',
        },
        body: error(
          'Rate limit reached for requests. Please try again in 1s.',
          'requests',
          'rate_limit_exceeded',
        ),
      };
    default:
      if (status >= 500) {
        return {
          status,
          headers,
          body: error(
            'The server had an error while processing your request. Sorry about that!',
            'server_error',
            null,
          ),
        };
      }
      return {
        status,
        headers,
        body: error('Invalid request.', 'invalid_request_error', null),
      };
  }
}

export function openAIStreamHeaders(): Record<string, string> {
  return {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-request-id': `req_${randomHex(32)}`,
    'openai-processing-ms': '42',
    'openai-version': '2020-10-01',
  };
}

export const openAIResponses: Protocol = {
  read: readRequest,
  frames,
  streamErrorFrames,
  error: openAIError,
  headers: openAIStreamHeaders,
};
