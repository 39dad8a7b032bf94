import { LEVELS, Level, SORTS, Sort, VIEW_STATUSES, ViewStatus } from '../../../shared/constants';
import { LIMITS } from '../../../shared/contract';
import type { ViewFilter } from '../../../shared/contract';
import { invalid } from '../errors';
import { checkCursorId, toPositiveInt } from './message-refs';

/**
 * A view of a user's inbox as a caller asks for it (an HTTP request's parameters, another plugin's call), each
 * value unchecked: `checkView` and `checkPage` read it.
 */
export interface ViewQuery {
  channelName?: unknown;
  /** all | unread | read | archived | snoozed */
  status?: unknown;
  /** one level, a list, or a comma list */
  level?: unknown;
  /** text in the title or the content */
  q?: unknown;
}

/** The same with a page: its order, where it starts (a previous page's `nextCursor`) and its size. */
export interface PageQuery extends ViewQuery {
  /** newest | unread */
  sort?: unknown;
  before?: unknown;
  limit?: unknown;
}

/** Where a page starts: below this message id; with `sort: 'unread'` also in which part (unread, then read). */
export interface Cursor {
  id: number;
  unread?: boolean;
}

export interface Page {
  filter: ViewFilter;
  sort: Sort;
  before?: Cursor;
  limit: number;
}

/** `{ rows, nextCursor }`: NocoBase's data wrapping answers it as `{ data: rows, meta: { nextCursor } }`. */
export interface PageOf<T> {
  rows: T[];
  nextCursor: number | string | null;
}

const blank = (value: unknown) => value === undefined || value === null || value === '';

function checkStatus(value: unknown): ViewStatus {
  if (blank(value)) return 'all';
  if (!VIEW_STATUSES.includes(value as ViewStatus)) throw invalid('status', `must be one of ${VIEW_STATUSES.join(', ')}`);
  return value as ViewStatus;
}

/** Pure: a channel name, or undefined when none is given. */
export function checkChannelName(value: unknown): string | undefined {
  if (blank(value)) return undefined;
  if (typeof value !== 'string' || value.length > 255) throw invalid('channelName', 'must be a channel name');
  return value;
}

/** One level or several, as a list or a comma list; any unknown level is refused. */
function checkLevels(value: unknown): Level[] | undefined {
  if (blank(value)) return undefined;
  const list: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  const unknown = list.find((level) => !LEVELS.includes(level as Level));
  if (unknown !== undefined) throw invalid('level', `must be one or more of ${LEVELS.join(', ')}`);
  return [...new Set(list as Level[])];
}

function checkSearch(value: unknown): string | undefined {
  if (blank(value)) return undefined;
  if (typeof value !== 'string' || value.length > LIMITS.queryChars) {
    throw invalid('q', `must be a text of at most ${LIMITS.queryChars} characters`);
  }
  return value.trim() || undefined;
}

/** Pure: the view a list or a bulk action is about: status, channel, levels, search text. */
export function checkView(query: ViewQuery): ViewFilter {
  const filter: ViewFilter = { status: checkStatus(query.status) };
  const channelName = checkChannelName(query.channelName);
  const levels = checkLevels(query.level);
  const q = checkSearch(query.q);
  if (channelName) filter.channelName = channelName;
  if (levels) filter.levels = levels;
  if (q) filter.q = q;
  return filter;
}

/** Pure: a bulk action's view, `{ channelName?, status?, level?, q? }` and nothing else. */
export function checkBulkView(value: unknown): ViewFilter {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('filter', 'must be an object');
  const unknown = Object.keys(value).find((key) => !['channelName', 'status', 'level', 'q'].includes(key));
  if (unknown) throw invalid(`filter.${unknown}`, 'is not a filter of the inbox');
  return checkView(value);
}

/**
 * Pure: an unarchive's view. Only archived messages can come back, so its status is `archived`, the one the archive
 * lists, or left out; any other is a 400 (it would match nothing and look like it worked).
 */
export function checkUnarchiveView(value: unknown): ViewFilter {
  const filter = checkBulkView(value);
  const { status } = value as ViewQuery;
  if (!blank(status) && status !== 'archived') throw invalid('status', 'must be archived: only archived messages can be unarchived');
  return { ...filter, status: 'archived' };
}

function checkLimit(value: unknown): number {
  if (value === undefined || value === '') return LIMITS.pageSize;
  const limit = toPositiveInt(value);
  if (limit === null || limit > LIMITS.maxPageSize) throw invalid('limit', `must be a whole number from 1 to ${LIMITS.maxPageSize}`);
  return limit;
}

function checkSort(value: unknown): Sort {
  if (blank(value)) return 'newest';
  if (!SORTS.includes(value as Sort)) throw invalid('sort', `must be one of ${SORTS.join(', ')}`);
  return value as Sort;
}

/**
 * The page cursor: a message id, or with `sort=unread` the part it is in too ("unread:123", "read:123"), as the
 * previous page's `nextCursor` gave it.
 */
function checkCursor(value: unknown, sort: Sort): Cursor | undefined {
  const match = sort === 'unread' && typeof value === 'string' ? /^(unread|read):(\d{1,16})$/.exec(value) : null;
  if (match && Number(match[2]) > 0) return { id: Number(match[2]), unread: match[1] === 'unread' };
  const id = checkCursorId('before', value);
  return id === undefined ? undefined : { id };
}

/** Pure: a checked page of a view; a bad value is a 400 naming it (the size first, then the order, the view, the cursor). */
export function checkPage(query: PageQuery): Page {
  const limit = checkLimit(query.limit);
  const sort = checkSort(query.sort);
  const filter = checkView(query);
  return { filter, sort, before: checkCursor(query.before, sort), limit };
}

/** Pure: the rows of a page and the cursor of the next one (none after a short page), as `checkPage` reads it back. */
export function pageOf<T>(rows: T[], page: Page, cursorOf: (row: T) => { id: number; unread: boolean }): PageOf<T> {
  if (rows.length !== page.limit) return { rows, nextCursor: null };
  const last = cursorOf(rows[rows.length - 1]);
  return { rows, nextCursor: page.sort === 'unread' ? `${last.unread ? 'unread' : 'read'}:${last.id}` : last.id };
}
