import { STREAM_EVENTS } from '../../shared/constants';
import { sharedFields } from './created-payload';
import { formatJsonEvent } from './sse';
import type { InboxMessage } from '../../shared/contract';

/** One event as a stream writes it. */
export interface Outgoing {
  chunk: string;
  /** Set on `message` events: the id written at most once per stream. */
  messageId?: number;
}

/**
 * Pure: the `message` event of `json` (the message serialized). A woken message is written again though the stream
 * wrote it before, and without an `id:`, which would move the client's `Last-Event-ID` back to an old message.
 */
function eventOf(message: InboxMessage, json: string): Outgoing {
  return message.wokenAt
    ? { chunk: formatJsonEvent(STREAM_EVENTS.message, json) }
    : { chunk: formatJsonEvent(STREAM_EVENTS.message, json, message.id), messageId: message.id };
}

/** Pure: one message's event. */
export const messageEvent = (message: InboxMessage): Outgoing => eventOf(message, JSON.stringify(message));

/**
 * Pure: the events of a batch of new messages, by message. The copies of one send share every field but the id
 * and the receiver: those fields are serialized once and each copy's JSON is spliced from them, so a send to
 * 10,000 streaming users costs one `JSON.stringify`, not 10,000.
 */
export function messageEvents(messages: InboxMessage[]): (message: InboxMessage) => Outgoing {
  const shared = messages.length > 1 ? sharedFields(messages) : undefined;
  if (!shared) return messageEvent;
  // `{"channelName":…}` → `,"channelName":…}`: the copy's JSON is its id and receiver, then these (empty: just `}`)
  const rest = JSON.stringify(shared).slice(1);
  const tail = rest === '}' ? rest : `,${rest}`;
  return (message) => eventOf(message, `{"id":${JSON.stringify(message.id)},"userId":${JSON.stringify(message.userId)}${tail}`);
}
