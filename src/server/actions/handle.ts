import type { Context, Next } from '@nocobase/actions';
import { Params, currentUserId } from './params';

type Handler = (params: Params, userId: number, ctx: Context) => Promise<unknown>;

/**
 * Wraps an action of the current user's inbox: resolves the user (401 without one) and answers what the handler
 * returns. An InboxError it throws reaches the app's error handler, which answers it (see inbox-errors.ts).
 */
export const userAction = (handler: Handler) => async (ctx: Context, next: Next) => {
  const result = await handler(ctx.action?.params ?? {}, currentUserId(ctx), ctx);
  if (result !== undefined) ctx.body = result;
  await next();
};
