import { parseJsonEventStream } from '@ai-sdk/provider-utils';
import { type ChatTransport, DefaultChatTransport, type UIMessageChunk } from 'ai';
import type { FanoutMessage } from '../shared/message-metadata';
import { traceparentFor } from '../trace/otlp-ids';
import { chatFetch } from './chat-fetch';
import { readAhead } from './read-ahead-stream';
import type { StepTap, TurnSession } from './turn-session';
import { uiChunkSchema } from './ui-chunk-schema';

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

/** What the transport needs of the session: a tap per request and the body additions. */
type RequestTapper = Pick<TurnSession, 'beginRequest' | 'requestBody' | 'catchUp'>;

/**
 * The chat transport: the AI SDK's HTTP transport, plus a tap that tells the turn session when
 * each model request goes out, when its first byte arrives and what each chunk says — as soon
 * as each chunk is read, ahead of the chat's own processing (see readAhead).
 */
export class FanoutTransport extends DefaultChatTransport<FanoutMessage> {
  private pendingTap: StepTap | undefined;

  constructor(private readonly session: RequestTapper) {
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

  /** The SDK's parsing, with a validator that checks the common delta chunks first. */
  protected override processResponseStream(
    stream: ReadableStream<Uint8Array<ArrayBufferLike>>,
  ): ReadableStream<UIMessageChunk> {
    return parseJsonEventStream({ stream, schema: uiChunkSchema }).pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          if (!chunk.success) throw chunk.error;
          controller.enqueue(chunk.value);
        },
      }),
    );
  }

  override async sendMessages(options: SendOptions): Promise<ReadableStream<UIMessageChunk>> {
    const tap = this.session.beginRequest(options.messages);
    this.pendingTap = tap;
    try {
      return readAhead(await super.sendMessages(options), {
        observe: tap.observe,
        end: tap.end,
        describeFailure: describeStreamFailure,
        urgency: this.session.catchUp,
      });
    } catch (error) {
      tap.end(error);
      throw error;
    } finally {
      this.pendingTap = undefined;
    }
  }
}
