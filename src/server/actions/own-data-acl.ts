import type { Context, Next } from '@nocobase/actions';

/**
 * ACL middleware for the `my*` resources. They are not collections: every action scopes itself to the current
 * user in code. Roles' data scopes (a member's `view:own` adds a `createdById` filter) do not apply to them and
 * would make NocoBase answer 403, so for a signed-in user the role's parameters are dropped here.
 */
export const ownDataAcl = (resources: string[]) => async (ctx: Context, next: Next) => {
  if (resources.includes(ctx.permission?.resourceName) && ctx.state?.currentUser) {
    ctx.permission.can = null;
    ctx.permission.skip = true;
  }
  await next();
};
