import { RESOURCES } from '../../shared/constants';

const SINGLETONS: string[] = [RESOURCES.myPreferences, RESOURCES.settings];

/**
 * NocoBase refuses `update`/`destroy` without a filter before any action runs (a plain Error, so a 500).
 * Our singletons (a user's preferences, the app settings) have no key to filter by, and a destroy of our
 * messages without an id is the caller's mistake: answer that with a 400 naming the field instead.
 */
export async function singletonParams(ctx: any, next: () => Promise<void>) {
  const params = ctx.action?.params;
  const resource = ctx.action?.resourceName;
  if (params && SINGLETONS.includes(resource) && ctx.action.actionName === 'update') {
    params.forceUpdate = true;
  }
  const destroy = params && resource === RESOURCES.myMessages && ctx.action.actionName === 'destroy';
  if (destroy && params.values?.filter !== undefined) {
    // a bulk delete of a view (`values.filter`, checked by the action itself): NocoBase's guard lets a destroy flagged
    // `truncate` through; our action never truncates anything, it deletes the current user's matching messages
    params.truncate = true;
  } else if (destroy && !params.filterByTk) {
    ctx.status = 400;
    ctx.body = { errors: [{ message: 'filterByTk: a message id or a list of ids is required', field: 'filterByTk' }] };
    ctx.withoutDataWrapping = true;
    return;
  }
  await next();
}
