import type { RealtimeHub } from '../realtime/realtime-hub';
import { openEventBody } from '../realtime/event-body';
import { sessionCheck } from '../realtime/stream-session';
import { InboxError } from '../services/errors';
import { checkStreamResumeId } from '../services/validation/message-refs';
import { userAction } from './handle';

/**
 * `GET myInboxMessages:stream`: the current user's Server-Sent Events. Replays from `Last-Event-ID` (or the
 * `lastEventId` query, for clients that cannot set the header) then stays open; closing it frees it.
 */
export const streamAction = (hub: RealtimeHub) =>
  userAction(async (params, userId, ctx) => {
    // NocoBase accepts `?token=` on any action; on a long-lived URL it would end up in proxy and access logs
    if (ctx.query?.token !== undefined) {
      throw new InboxError(401, 'token', 'token: send it in the Authorization header, not in the query string');
    }
    const afterId = checkStreamResumeId(ctx.get('Last-Event-ID') || params.lastEventId);
    hub.assertRoom();
    ctx.status = 200;
    ctx.set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    ctx.withoutDataWrapping = true;
    ctx.compress = false; // a compressing middleware would hold events back until its buffer fills
    // the stream writes the response itself: koa would report every closed tab as a "Premature close" error
    ctx.respond = false;
    const socket = ctx.req.socket;
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    const stream = hub.open(userId, openEventBody(ctx.res), afterId, sessionCheck(ctx.auth, ctx.getBearerToken?.()));
    ctx.res.once('close', () => hub.close(stream));
    return undefined;
  });
