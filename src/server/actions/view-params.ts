import { LEVELS, Level, SORTS, Sort, VIEW_STATUSES, ViewStatus } from '../../shared/constants';
import { invalid } from '../services/errors';
import type { Cursor } from '../services/queries/message-reads';
import { Params, channelNameParam, cursorParam, pick } from './params';
import { LIMITS } from '../../shared/contract';
import type { ViewFilter } from '../../shared/contract';

const blank = (value: unknown) => value === undefined || value === null || value === '';

function viewStatusParam(params: Params): ViewStatus {
  const value = pick(params, 'status');
  if (blank(value)) return 'all';
  if (!VIEW_STATUSES.includes(value as ViewStatus)) throw invalid('status', `must be one of ${VIEW_STATUSES.join(', ')}`);
  return value as ViewStatus;
}

/** One level or several, as a list or a comma list; any unknown level is refused. */
function levelsParam(params: Params): Level[] | undefined {
  const value = pick(params, 'level');
  if (blank(value)) return undefined;
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  const unknown = list.find((level) => !LEVELS.includes(level as Level));
  if (unknown !== undefined) throw invalid('level', `must be one or more of ${LEVELS.join(', ')}`);
  return [...new Set(list as Level[])];
}

function queryParam(params: Params): string | undefined {
  const value = pick(params, 'q');
  if (blank(value)) return undefined;
  if (typeof value !== 'string' || value.length > LIMITS.queryChars) {
    throw invalid('q', `must be a text of at most ${LIMITS.queryChars} characters`);
  }
  return value.trim() || undefined;
}

/** The view a list or a bulk action is about: status, channel, levels, search text. */
export function viewFilterParam(params: Params): ViewFilter {
  const filter: ViewFilter = { status: viewStatusParam(params) };
  const channelName = channelNameParam(params);
  const levels = levelsParam(params);
  const q = queryParam(params);
  if (channelName) filter.channelName = channelName;
  if (levels) filter.levels = levels;
  if (q) filter.q = q;
  return filter;
}

export function sortParam(params: Params): Sort {
  const value = params.sort;
  if (blank(value)) return 'newest';
  if (!SORTS.includes(value as Sort)) throw invalid('sort', `must be one of ${SORTS.join(', ')}`);
  return value as Sort;
}

/**
 * The page cursor: a message id, or with `sort=unread` the part it is in too ("unread:123", "read:123"), as the
 * previous page's `nextCursor` gave it.
 */
export function viewCursorParam(params: Params, sort: Sort): Cursor | undefined {
  const value = params.before;
  const match = sort === 'unread' && typeof value === 'string' ? /^(unread|read):(\d{1,16})$/.exec(value) : null;
  if (match && Number(match[2]) > 0) return { id: Number(match[2]), unread: match[1] === 'unread' };
  const id = cursorParam(params);
  return id === undefined ? undefined : { id };
}

/** The next page's cursor as `viewCursorParam` reads it back. */
export const nextCursor = (sort: Sort, id: number, unread: boolean): string | number =>
  sort === 'unread' ? `${unread ? 'unread' : 'read'}:${id}` : id;

/** `values: { until }`: an ISO time in the future, at most a year ahead. */
export function snoozeUntilParam(params: Params, now = new Date()): Date {
  const value = params.values?.until;
  const until = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  if (!until || Number.isNaN(until.getTime()) || until <= now || until > latest) {
    throw invalid('until', 'must be an ISO date-time in the future, at most one year ahead');
  }
  return until;
}

/** A bulk action's target: `filterByTk` ids, or `values: { filter }` for everything the view shows. */
export function bulkFilterParam(params: Params): ViewFilter | undefined {
  const filter = params.values?.filter;
  if (filter === undefined || filter === null) return undefined;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw invalid('filter', 'must be an object');
  const unknown = Object.keys(filter).find((key) => !['channelName', 'status', 'level', 'q'].includes(key));
  if (unknown) throw invalid(`filter.${unknown}`, 'is not a filter of the inbox');
  return viewFilterParam(filter);
}
