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
  randomId,
  type ToolExchange,
} from './wire.ts';

/**
 * Anthropic Messages (`POST /v1/messages`, `stream: true`): every event has an `event:` line
 * (the SDKs drop events without one) and a `data:` line; `message_start`, then per content
 * block `content_block_start` → deltas (`text_delta` / `input_json_delta`) →
 * `content_block_stop`; `message_delta` with the stop reason and usage; `message_stop`.
 * `ping` events may appear anywhere.
 */

function hasText(content: unknown): boolean {
  if (typeof content === 'string') return true;
  return asArray(content).some((part) => isRecord(part) && part.type === 'text');
}

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  return contentText(content, ['text']);
}

function readRequest(body: unknown): RequestView {
  const raw = isRecord(body) ? body : {};
  const messages = asArray(raw.messages);
  // Tool results travel in user messages too: the question is the last user message with text.
  let lastUser = -1;
  messages.forEach((message, index) => {
    if (isRecord(message) && message.role === 'user' && hasText(message.content)) lastUser = index;
  });
  const lastUserMessage = messages[lastUser];
  const lastUserText = isRecord(lastUserMessage)
    ? contentText(lastUserMessage.content, ['text'])
    : '';

  const calls = new Map<string, { name: string; args: string }>();
  const exchanges: ToolExchange[] = [];
  for (const message of messages.slice(lastUser + 1)) {
    if (!isRecord(message)) continue;
    for (const part of asArray(message.content)) {
      if (!isRecord(part)) continue;
      if (part.type === 'tool_use') {
        calls.set(String(part.id), {
          name: String(part.name ?? ''),
          args: JSON.stringify(part.input ?? {}),
        });
      } else if (part.type === 'tool_result') {
        const callId = String(part.tool_use_id);
        const call = calls.get(callId);
        exchanges.push({
          callId,
          name: call?.name ?? '',
          args: call?.args ?? '',
          output: toolResultText(part.content),
        });
      }
    }
  }

  const toolChoice = isRecord(raw.tool_choice) ? raw.tool_choice : {};
  const system =
    typeof raw.system === 'string'
      ? raw.system
      : Array.isArray(raw.system)
        ? contentText(raw.system, ['text'])
        : undefined;
  return {
    model: String(raw.model ?? ''),
    stream: raw.stream === true,
    lastUserText,
    exchanges,
    declaredTools: asArray(raw.tools)
      .map((tool) => (isRecord(tool) ? asString(tool.name) : undefined))
      .filter((name): name is string => Boolean(name)),
    parallelToolCalls: toolChoice.disable_parallel_tool_use !== true,
    includeUsage: true,
    instructions: system,
    raw,
  };
}

function frames(plan: Plan, view: RequestView): Frame[] {
  const out: Frame[] = [];
  const inputTokens =
    estimateTokens(view.raw.messages) +
    estimateTokens(view.raw.system ?? '') +
    estimateTokens(view.raw.tools ?? '');
  let outputTokens = 0;
  out.push(
    eventFrame('message_start', {
      type: 'message_start',
      message: {
        id: `msg_01${randomId(22)}`,
        type: 'message',
        role: 'assistant',
        model: view.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
          service_tier: 'standard',
        },
      },
    }),
  );

  let index = 0;
  let pinged = false;
  const textBlock = (deltas: string[]) => {
    out.push(
      eventFrame('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '' },
      }),
    );
    if (!pinged) {
      out.push(eventFrame('ping', { type: 'ping' }));
      pinged = true;
    }
    for (const text of deltas) {
      out.push(
        eventFrame(
          'content_block_delta',
          { type: 'content_block_delta', index, delta: { type: 'text_delta', text } },
          true,
        ),
      );
    }
    outputTokens += estimateTokens(deltas.join(''));
    out.push(eventFrame('content_block_stop', { type: 'content_block_stop', index }));
    index++;
  };

  if (plan.kind === 'text') {
    textBlock(plan.deltas);
  } else {
    if (plan.preamble) textBlock([plan.preamble]);
    for (const call of plan.calls) {
      out.push(
        eventFrame(
          'content_block_start',
          {
            type: 'content_block_start',
            index,
            content_block: {
              type: 'tool_use',
              id: `toolu_01${randomId(22)}`,
              name: call.name,
              input: {},
            },
          },
          true,
        ),
      );
      for (const partial of ['', ...call.argChunks]) {
        out.push(
          eventFrame(
            'content_block_delta',
            {
              type: 'content_block_delta',
              index,
              delta: { type: 'input_json_delta', partial_json: partial },
            },
            partial !== '',
          ),
        );
      }
      out.push(eventFrame('content_block_stop', { type: 'content_block_stop', index }));
      outputTokens += estimateTokens(call.args) + 8;
      index++;
    }
  }

  out.push(
    eventFrame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: plan.kind === 'text' ? 'end_turn' : 'tool_use', stop_sequence: null },
      usage: { output_tokens: outputTokens },
    }),
  );
  out.push(eventFrame('message_stop', { type: 'message_stop' }));
  return out;
}

function streamErrorFrames(): Frame[] {
  return [
    eventFrame('error', {
      type: 'error',
      error: { type: 'overloaded_error', message: `Overloaded (${RAW_ERROR_MARKER})` },
    }),
  ];
}

function errorResponse(status: number, presentedKey: string | undefined): ErrorResponse {
  const requestId = `req_011C${randomId(20)}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'request-id': requestId,
    'x-should-retry': String(status === 429 || status >= 500),
  };
  const body = (type: string, message: string) => ({
    type: 'error',
    error: { type, message: `${message} (${RAW_ERROR_MARKER})` },
    request_id: requestId,
  });
  switch (status) {
    case 400:
      return { status, headers, body: body('invalid_request_error', 'Invalid request.') };
    case 401:
      // The real message is just "invalid x-api-key"; the fake adds the key to prove it never leaks.
      return {
        status,
        headers,
        body: body('authentication_error', `invalid x-api-key: ${presentedKey ?? '(none)'}`),
      };
    case 403:
      return {
        status,
        headers,
        body: body('permission_error', 'Your API key does not have permission to use this model.'),
      };
    case 404:
      return { status, headers, body: body('not_found_error', 'model: not found') };
    case 413:
      return {
        status,
        headers,
        body: body('request_too_large', 'Request exceeds the size limit.'),
      };
    case 429:
      return {
        status,
        headers: {
          ...headers,
          'retry-after': '1',
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '0',
        },
        body: body(
          'rate_limit_error',
          'This request would exceed the rate limit for your organization.',
        ),
      };
    case 529:
      return { status, headers, body: body('overloaded_error', 'Overloaded') };
    default:
      return status >= 500
        ? { status, headers, body: body('api_error', 'Internal server error') }
        : { status, headers, body: body('invalid_request_error', 'Invalid request.') };
  }
}

export const anthropicMessages: Protocol = {
  read: readRequest,
  frames,
  streamErrorFrames,
  error: errorResponse,
  headers: () => ({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': `req_011C${randomId(20)}`,
    'anthropic-organization-id': '00000000-0000-4000-8000-000000000000',
  }),
};
