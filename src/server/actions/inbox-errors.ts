import type { Application } from '@nocobase/server';
import type { Context } from '@nocobase/actions';
import type PluginErrorHandlerServer from '@nocobase/plugin-error-handler';
import { InboxError } from '../services/errors';

/**
 * The one place an InboxError becomes an answer, `{ errors: [{ message, field }] }` with its 4xx (or 503): through the
 * app's error handler, as plugin-workflow answers its validation errors. Every NocoBase app has that plugin (the main
 * data source needs it); it catches errors of every action and middleware, ours and NocoBase's.
 */
export function answerInboxErrors(app: Application): void {
  const plugin = app.pm.get('error-handler') as PluginErrorHandlerServer | undefined;
  plugin?.errorHandler.register(
    (error: unknown) => error instanceof InboxError,
    (error: InboxError, ctx: Context) => {
      ctx.status = error.status;
      ctx.body = { errors: [{ message: error.message, field: error.field }] };
    },
  );
}
