import type { Context } from '@nocobase/actions';
import { InboxError } from '../services/errors';
import { toPositiveInt } from '../services/validation/message-refs';
import type { PageQuery } from '../services/validation/view-query';

/** An action's parameters as NocoBase parsed them (query string and body): checked by the service they reach. */
export type Params = Context['action']['params'];

/** A value given either as a top-level parameter or inside `filter`, as NocoBase clients send both. */
const pick = (params: Params, name: string): unknown => params[name] ?? params.filter?.[name];

/** A list's view and page, from the parameters NocoBase clients send (`pageSize` for `limit` too). */
export const pageParams = (params: Params): PageQuery => ({
  channelName: pick(params, 'channelName'),
  status: pick(params, 'status'),
  level: pick(params, 'level'),
  q: pick(params, 'q'),
  sort: params.sort,
  before: params.before,
  limit: params.limit ?? params.pageSize,
});

/** The channel named at the top level or in `filter`, as sent: `InboxService.markAllRead` checks it. */
export const channelNameParam = (params: Params) => pick(params, 'channelName') as string | undefined;

export function currentUserId(ctx: Context): number {
  const id = toPositiveInt(ctx.state?.currentUser?.id);
  if (id === null) throw new InboxError(401, undefined, 'sign in to read your inbox');
  return id;
}
