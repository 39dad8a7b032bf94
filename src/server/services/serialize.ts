import type { InboxMessage } from './inbox-events';

const toIso = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

const toObject = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) ?? {};
    } catch {
      return {};
    }
  }
  return (value as Record<string, unknown>) ?? {};
};

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
  };
}
