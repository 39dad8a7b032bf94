import type { MessageAction, MessageResponse } from '../../../shared/message-actions';
import type { Level } from '../../../shared/constants';
import type { InboxMessage } from '../../../shared/contract';

/** A date column as read raw on any dialect (a Date, or text), as an ISO time; null for none. */
export const toIso = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** A json column as stored: parsed already, or text on dialects that keep it so. */
export const fromJson = <T>(value: unknown, fallback: T): T => {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) ?? fallback;
    } catch {
      return fallback;
    }
  }
  return (value as T) ?? fallback;
};

const toObject = (value: unknown): Record<string, unknown> => fromJson(value, {});

/** A message row as any dialect reads it back: ids as numbers or text, times as dates or text, JSON parsed or text. */
export interface StoredMessage {
  id: unknown;
  userId: unknown;
  channelName: string;
  title: string;
  content?: string | null;
  level: Level;
  url?: string | null;
  readAt?: unknown;
  createdAt?: unknown;
  options?: unknown;
  actions?: unknown;
  response?: unknown;
  archivedAt?: unknown;
  snoozedUntil?: unknown;
}

/** Pure: one stored row to the shape the API returns. */
export function toMessage(row: StoredMessage): InboxMessage {
  return {
    id: Number(row.id),
    userId: Number(row.userId),
    channelName: row.channelName,
    title: row.title,
    content: row.content ?? '',
    level: row.level,
    url: row.url ?? null,
    readAt: toIso(row.readAt),
    createdAt: toIso(row.createdAt) as string,
    options: toObject(row.options),
    actions: fromJson<MessageAction[]>(row.actions, []),
    response: fromJson<MessageResponse | null>(row.response, null),
    // only on messages put aside, so every other message keeps the shape it always had
    ...(row.archivedAt ? { archivedAt: toIso(row.archivedAt) } : {}),
    ...(row.snoozedUntil ? { snoozedUntil: toIso(row.snoozedUntil) } : {}),
  };
}
