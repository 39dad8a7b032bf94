import { InboxError, invalid } from '../services/errors';
import { LIMITS } from '../../shared/contract';

export type Params = Record<string, any>;

const MAX_IDS = 1000;

const toPositiveInt = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** A value given either as a top-level parameter or inside `filter`, as NocoBase clients send both. */
export const pick = (params: Params, name: string): unknown => params[name] ?? params.filter?.[name];

export function limitParam(params: Params): number {
  const value = params.limit ?? params.pageSize;
  if (value === undefined || value === '') return LIMITS.pageSize;
  const limit = toPositiveInt(value);
  if (limit === null || limit > LIMITS.maxPageSize) throw invalid('limit', `must be a whole number from 1 to ${LIMITS.maxPageSize}`);
  return limit;
}

export function cursorParam(params: Params, name = 'before'): number | undefined {
  const value = params[name];
  if (value === undefined || value === '' || value === null) return undefined;
  const cursor = toPositiveInt(value);
  if (cursor === null) throw invalid(name, 'must be a message id');
  return cursor;
}

export function channelNameParam(params: Params): string | undefined {
  const value = pick(params, 'channelName');
  if (value === undefined || value === '' || value === null) return undefined;
  if (typeof value !== 'string' || value.length > 255) throw invalid('channelName', 'must be a channel name');
  return value;
}

export function idsParam(params: Params): number[] {
  const raw = params.filterByTk;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' && raw.includes(',') ? raw.split(',') : [raw];
  const ids = list.map(toPositiveInt);
  if (!list.length || list.length > MAX_IDS || ids.some((id) => id === null)) {
    throw invalid('filterByTk', `must be a message id or a list of at most ${MAX_IDS} ids`);
  }
  return [...new Set(ids as number[])];
}

/** Exactly one message id. */
export function messageIdParam(params: Params): number {
  const id = toPositiveInt(params.filterByTk);
  if (id === null) throw invalid('filterByTk', 'must be one message id');
  return id;
}

/** The key of the button a user clicked: `values: { action }`. */
export function actionKeyParam(params: Params): string {
  const value = params.values?.action;
  if (typeof value !== 'string' || value === '' || value.length > 50) throw invalid('action', 'must be a button key');
  return value;
}

export function currentUserId(ctx: any): number {
  const id = toPositiveInt(ctx.state?.currentUser?.id);
  if (id === null) throw new InboxError(401, undefined, 'sign in to read your inbox');
  return id;
}

/** `{ rows, nextCursor }`: NocoBase's data wrapping turns it into `{ data: rows, meta: { nextCursor } }`. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => number | string) {
  return { rows, nextCursor: rows.length === limit ? cursorOf(rows[rows.length - 1]) : null };
}
