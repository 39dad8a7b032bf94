import { STREAM_EVENTS } from '../../shared/constants';
import type { Counts, InboxChange, InboxMessage, Preferences, StreamEventData } from '../../shared/contract';
import type { SseEvent } from './stream-client';

/** Everything that changes a user's inbox while it is open, from the stream or from another tab. */
export type InboxEvent =
  | { type: 'message'; message: InboxMessage }
  | { type: 'update'; change: InboxChange }
  | { type: 'count'; counts: Counts }
  /** the stream (re)connected: what happened during a gap must be refetched */
  | { type: 'open' }
  /** the stream begins after message `after`: where it resumes when it drops before any message came */
  | { type: 'start'; after: number }
  | { type: 'preferences'; preferences: Preferences };

/** Pure: the event's data as an object, or null when it is not JSON of one. */
const parse = (data: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Pure: a Server-Sent Event as an inbox event, or null for an unknown name or unreadable data. */
export function fromSse(event: SseEvent): InboxEvent | null {
  const data = parse(event.data);
  if (data === null) return null;
  // the server writes these shapes (StreamEventData); the one field checked tells a stray payload apart
  switch (event.event) {
    case STREAM_EVENTS.message:
      return typeof data.id === 'number' ? { type: 'message', message: data as unknown as StreamEventData['message'] } : null;
    case STREAM_EVENTS.update:
      return Array.isArray(data.ids) ? { type: 'update', change: data as unknown as StreamEventData['update'] } : null;
    case STREAM_EVENTS.start:
      return typeof data.after === 'number' ? { type: 'start', after: data.after } : null;
    case STREAM_EVENTS.count:
      return typeof data.unread === 'number' ? { type: 'count', counts: data as unknown as StreamEventData['count'] } : null;
    default:
      return null;
  }
}
