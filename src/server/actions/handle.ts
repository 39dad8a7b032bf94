import { InboxError } from '../services/errors';
import { Params, currentUserId } from './params';

type Handler = (params: Params, userId: number, ctx: any) => Promise<unknown>;

/**
 * Wraps an action of the current user's inbox: resolves the user (401 without one) and turns an InboxError
 * into its 4xx answer `{ errors: [{ message, field }] }`; anything else is left to NocoBase's error handling.
 */
export const userAction = (handler: Handler) => async (ctx: any, next: () => Promise<void>) => {
  try {
    const result = await handler(ctx.action?.params ?? {}, currentUserId(ctx), ctx);
    if (result !== undefined) ctx.body = result;
  } catch (error) {
    if (!(error instanceof InboxError)) throw error;
    ctx.status = error.status;
    ctx.body = { errors: [{ message: error.message, field: error.field }] };
    ctx.withoutDataWrapping = true;
    return;
  }
  await next();
};
