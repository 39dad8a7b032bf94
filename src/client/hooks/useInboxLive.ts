import { useMemo, useRef } from 'react';
import type { InboxEvent } from '../stream/inbox-event';
import type { InboxLive } from './inbox-hook-types';
import { StreamSource, useInboxStream } from './useInboxStream';

/**
 * Live events, whichever tab holds the stream: `onEvent` sees each one, and `publish` hands one to this tab and
 * every other (without a stream, to this tab only).
 */
export function useInboxLive(stream: StreamSource | null, onEvent: (event: InboxEvent) => void): InboxLive {
  const listener = useRef(onEvent);
  listener.current = onEvent;
  const hub = useRef<ReturnType<typeof useInboxStream>>(null);
  hub.current = useInboxStream(stream, (event) => listener.current(event));
  return useMemo(
    () => ({
      publish: (event) => (hub.current ? hub.current.publish(event) : listener.current(event)),
      isLeader: () => hub.current?.isLeader ?? true,
    }),
    [],
  );
}
