import type { InboxMessage } from '../../shared/contract';

/** What every copy of one send shares: all but the id and the receiver. */
export type SharedFields = Omit<InboxMessage, 'id' | 'userId'>;

export type MessageRef = [id: number, userId: number];

/**
 * New messages as they cross nodes: their refs, plus the shared fields when the messages are the copies of one
 * send and those fields are small, so the other node builds the messages without reading the database.
 */
export interface CreatedPayload {
  kind: 'created';
  refs: MessageRef[];
  message?: SharedFields;
  /** the messages' snooze just ended (see `InboxMessage.wokenAt`); kept when the other node reads the rows */
  wokenAt?: string;
}

/**
 * Largest shared fields carried (JSON characters): past it the payload holds refs only and the other node
 * reads the rows, so a 64 KB markdown message does not pass through every node's pub/sub link whole.
 */
export const INLINE_LIMIT = 16 * 1024;

/** Pure: the shared fields when every message is a copy of the first (same values), else undefined. */
export function sharedFields(messages: InboxMessage[]): SharedFields | undefined {
  if (!messages.length) return undefined;
  const { id, userId, ...shared } = messages[0];
  const keys = Object.keys(shared) as (keyof SharedFields)[];
  // `options` is compared by reference: the copies of one send share the object; anything else reads the rows
  return messages.every((m) => keys.every((key) => m[key] === shared[key])) ? shared : undefined;
}

/** Pure: the payload announcing `messages` to other nodes. */
export function packCreated(messages: InboxMessage[], limit = INLINE_LIMIT): CreatedPayload {
  const refs = messages.map((m): MessageRef => [m.id, m.userId]);
  const message = sharedFields(messages);
  const woken = messages[0]?.wokenAt ? { wokenAt: messages[0].wokenAt } : {};
  return message && JSON.stringify(message).length <= limit
    ? { kind: 'created', refs, message, ...woken }
    : { kind: 'created', refs, ...woken };
}

/** Pure: the messages of `refs`, built from the shared fields a payload carried. */
export function unpackCreated(message: SharedFields, refs: MessageRef[]): InboxMessage[] {
  return refs.map(([id, userId]) => ({ id, userId, ...message }));
}
