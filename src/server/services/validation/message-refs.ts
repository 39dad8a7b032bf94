import { invalid } from '../errors';

/** Ids one request may name at most. */
const MAX_IDS = 1000;

/** One message id or many, as NocoBase's `filterByTk` carries them: numbers, numeric strings, or a comma list. */
export type MessageIds = number | string | (number | string)[];

/** Pure: a positive safe integer, from a number or a string of digits; null for anything else. */
export const toPositiveInt = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
};

const blank = (value: unknown) => value === undefined || value === null || value === '';

/** Pure: a message id a page or a stream starts after (none when blank), refused under the caller's `field`. */
export function checkCursorId(field: string, value: unknown): number | undefined {
  if (blank(value)) return undefined;
  const cursor = toPositiveInt(value);
  if (cursor === null) throw invalid(field, 'must be a message id');
  return cursor;
}

/** Pure: the message id a stream resumes after, or 0 (a `start` event's id for a user who had none yet). */
export function checkStreamResumeId(value: unknown): number | undefined {
  return value === '0' || value === 0 ? 0 : checkCursorId('lastEventId', value);
}

/** Pure: the messages a change is about, deduplicated. */
export function checkIds(value: unknown): number[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' && value.includes(',') ? value.split(',') : [value];
  const ids = list.map(toPositiveInt);
  if (!list.length || list.length > MAX_IDS || ids.some((id) => id === null)) {
    throw invalid('filterByTk', `must be a message id or a list of at most ${MAX_IDS} ids`);
  }
  return [...new Set(ids as number[])];
}

/** Pure: exactly one message id. */
export function checkMessageId(value: unknown): number {
  const id = toPositiveInt(value);
  if (id === null) throw invalid('filterByTk', 'must be one message id');
  return id;
}

/** Pure: the key of the button a user clicked. */
export function checkActionKey(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > 50) throw invalid('action', 'must be a button key');
  return value;
}

/** Pure: when a snooze ends: a date or an ISO date-time text, in the future, at most a year ahead. */
export function checkSnoozeUntil(value: unknown, now = new Date()): Date {
  const until =
    value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  if (!until || Number.isNaN(until.getTime()) || until <= now || until > latest) {
    throw invalid('until', 'must be an ISO date-time in the future, at most one year ahead');
  }
  return until;
}
