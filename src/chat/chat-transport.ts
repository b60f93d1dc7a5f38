import { type ChatTransport, DefaultChatTransport, type UIMessageChunk } from 'ai';
import { traceparentFor } from '../trace/otlp-ids';
import { chatFetch } from './chat-fetch';
import type { FanoutMessage } from './chat-types';
import type { StepTap, ToolSession } from './tool-session';

type SendOptions = Parameters<ChatTransport<FanoutMessage>['sendMessages']>[0];

/** What the page says when the proxy goes away in the middle of an answer. */
export const CONNECTION_LOST =
  'The connection to the Fanout server was lost in the middle of the answer. What arrived is kept; retry when the server is back.';

/**
 * A stream that breaks because the server went away surfaces as a bare `TypeError: network
 * error`; turn that into a sentence a person can act on. Stop (AbortError) passes unchanged.
 */
export function describeStreamFailure(error: unknown): unknown {
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  if (error instanceof TypeError) return new Error(CONNECTION_LOST);
  return error;
}

/** Passes chunks through unchanged while the tap reads each one as it arrives. */
function tapStream(
  stream: ReadableStream<UIMessageChunk>,
  tap: StepTap,
): ReadableStream<UIMessageChunk> {
  const reader = stream.getReader();
  return new ReadableStream<UIMessageChunk>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          tap.end();
          controller.close();
          return;
        }
        tap.observe(value);
        controller.enqueue(value);
      } catch (error) {
        const failure = describeStreamFailure(error);
        tap.end(failure);
        controller.error(failure);
      }
    },
    cancel(reason) {
      tap.end(reason);
      return reader.cancel(reason);
    },
  });
}

/**
 * The chat transport: the AI SDK's HTTP transport, plus a tap that tells the tool session when
 * each model request goes out, when its first byte arrives and what each chunk says.
 */
export class FanoutTransport extends DefaultChatTransport<FanoutMessage> {
  private pendingTap: StepTap | undefined;

  constructor(private readonly session: ToolSession) {
    super({
      api: '/api/chat',
      fetch: async (input, init) => {
        const tap = this.pendingTap;
        // Joins the proxy's model-call spans to this run's trace in an OTLP collector.
        const headers = new Headers(init?.headers);
        if (tap) headers.set('traceparent', traceparentFor(tap.runId, tap.stepId));
        const response = await chatFetch(input, { ...init, headers });
        tap?.firstByte();
        return response;
      },
      prepareSendMessagesRequest: ({ id, messages, body, trigger, messageId }) => ({
        body: { ...body, id, messages, trigger, messageId, ...session.requestBody() },
      }),
    });
  }

  override async sendMessages(options: SendOptions): Promise<ReadableStream<UIMessageChunk>> {
    const tap = this.session.beginRequest(options.messages);
    this.pendingTap = tap;
    try {
      return tapStream(await super.sendMessages(options), tap);
    } catch (error) {
      tap.end(error);
      throw error;
    } finally {
      this.pendingTap = undefined;
    }
  }
}
