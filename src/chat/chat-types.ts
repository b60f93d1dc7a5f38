import type { UIMessage } from 'ai';
import type { MessageMetadata } from '../shared/message-metadata';

/** A chat message as Fanout's page holds it: AI SDK UI message with the proxy's metadata. */
export type FanoutMessage = UIMessage<MessageMetadata>;
