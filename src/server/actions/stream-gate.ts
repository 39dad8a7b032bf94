import type { Context, Next } from '@nocobase/actions';
import { RESOURCES } from '../../shared/constants';
import type { AdmissionGate } from '../realtime/admission-gate';
import { InboxError } from '../services/errors';

const STREAM_PATH = `/${RESOURCES.myMessages}:stream`;

/**
 * Stream requests go through NocoBase's request handling (the sign-in check included) and their opening a few at a
 * time, ahead of all of it (`gate`): after a deploy or a network blip every open tab of every user reconnects at
 * once, and thousands of them handled side by side would hold every other request back. Matched by path: the action
 * is not parsed yet here. A request whose client left while it waited is dropped unopened.
 */
export const streamGate = (gate: AdmissionGate) => async (ctx: Context, next: Next) => {
  if (ctx.method !== 'GET' || !ctx.path.endsWith(STREAM_PATH)) return next();
  if (!(await gate.enter())) {
    throw new InboxError(503, undefined, 'too many live streams are opening on this server: retry later');
  }
  try {
    if (ctx.req.socket?.destroyed) return;
    await next();
  } finally {
    gate.leave();
  }
};
