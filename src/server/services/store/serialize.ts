import type { MessageAction, MessageResponse } from '../../../shared/message-actions';
import type { InboxMessage } from '../../../shared/contract';

const toIso = (value: unknown): string | null => {
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

/** Pure: one stored row (any dialect's types) to the shape the API returns. */
export function toMessage(row: Record<string, any>): InboxMessage {
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
