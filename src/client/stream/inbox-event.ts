import { STREAM_EVENTS } from '../../shared/constants';
import type { SseEvent } from './sse-parser';
import type { Counts, InboxChange, InboxMessage, Preferences } from '../../shared/contract';

/** Everything that changes a user's inbox while it is open, from the stream or from another tab. */
export type InboxEvent =
  | { type: 'message'; message: InboxMessage }
  | { type: 'update'; change: InboxChange }
  | { type: 'count'; counts: Counts }
  /** the stream (re)connected: what happened during a gap must be refetched */
  | { type: 'open' }
  | { type: 'preferences'; preferences: Preferences };

const parse = (data: string): any => {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
};

/** Pure: a Server-Sent Event as an inbox event, or null for an unknown name or unreadable data. */
export function fromSse(event: SseEvent): InboxEvent | null {
  const data = parse(event.data);
  if (data === null || typeof data !== 'object') return null;
  switch (event.event) {
    case STREAM_EVENTS.message:
      return typeof data.id === 'number' ? { type: 'message', message: data } : null;
    case STREAM_EVENTS.update:
      return Array.isArray(data.ids) ? { type: 'update', change: data } : null;
    case STREAM_EVENTS.count:
      return typeof data.unread === 'number' ? { type: 'count', counts: data } : null;
    default:
      return null;
  }
}
