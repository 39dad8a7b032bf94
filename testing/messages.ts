// The one message factory of the suites: a message as the wire carries it, without a database behind it.
import type { InboxMessage } from '../src/shared/contract';

let nextId = 1;

/** A whole unread `info` message; `fields` override any of it (ids count up from 1 when not given). */
export function makeMessage(fields: Partial<InboxMessage> = {}): InboxMessage {
  const id = fields.id ?? nextId++;
  return {
    id,
    userId: 1,
    channelName: 'sales',
    title: `Message ${id}`,
    content: '',
    level: 'info',
    url: null,
    readAt: null,
    createdAt: new Date().toISOString(),
    options: {},
    actions: [],
    response: null,
    ...fields,
  };
}
