import type { Context, Next } from '@nocobase/actions';
import { RESOURCES } from '../../shared/constants';
import { invalid } from '../services/errors';

/**
 * NocoBase refuses a `destroy` without a filter before any action runs (a plain Error, so a 500). A destroy of our
 * messages without an id is the caller's mistake: answered as a 400 naming the field instead.
 */
export async function destroyParams(ctx: Context, next: Next) {
  const params = ctx.action?.params;
  const destroy = params && ctx.action.resourceName === RESOURCES.myMessages && ctx.action.actionName === 'destroy';
  if (destroy && params.values?.filter !== undefined) {
    // a bulk delete of a view (`values.filter`, checked by the action itself): NocoBase's guard lets a destroy flagged
    // `truncate` through; our action never truncates anything, it deletes the current user's matching messages
    params.truncate = true;
  } else if (destroy && !params.filterByTk) {
    throw invalid('filterByTk', 'a message id or a list of ids is required');
  }
  await next();
}
