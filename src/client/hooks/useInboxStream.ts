import { useEffect, useRef, useState } from 'react';
import { PACKAGE_NAME } from '../../shared/constants';
import { browserCrossTabEnv, createInboxHub, CrossTabEnv, InboxHub, StartLeader } from '../stream/cross-tab';
import { HubShelf } from '../stream/hub-shelf';
import { fromSse, InboxEvent } from '../stream/inbox-event';
import { StreamClient, StreamClientOptions } from '../stream/stream-client';

/** Where and how the live stream is opened; null (signed out, tests) means no live updates. */
export interface StreamSource {
  /** one stream per browser and per scope (the signed-in user) */
  scope: string;
  url: string;
  getHeaders: () => Record<string, string>;
  crossTab?: CrossTabEnv;
  fetch?: StreamClientOptions['fetch'];
  /** How long the page keeps the stream once its inbox unmounts, for an inbox mounted again to take over (none: 0). */
  lingerMs?: number;
}

/** The hubs of this page's inboxes that unmounted a moment ago. */
const shelf = new HubShelf();

const streamStarter =
  (source: StreamSource): StartLeader =>
  (emit, lastEventId) => {
    const client = new StreamClient({
      url: source.url,
      getHeaders: source.getHeaders,
      fetch: source.fetch,
      lastEventId,
      onOpen: () => emit({ type: 'open' }),
      onEvent: (event) => {
        const inboxEvent = fromSse(event);
        if (inboxEvent) emit(inboxEvent);
      },
    });
    client.start();
    return () => client.stop();
  };

/** The tab's end of the shared stream: `onEvent` sees every inbox event, whichever tab holds the connection. */
export function useInboxStream(source: StreamSource | null, onEvent: (event: InboxEvent) => void): InboxHub | null {
  const [hub, setHub] = useState<InboxHub | null>(null);
  const listener = useRef(onEvent);
  listener.current = onEvent;
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const scope = source ? `${source.url}|${source.scope}` : null;

  useEffect(() => {
    const current = sourceRef.current;
    if (!current) return undefined;
    const name = `${PACKAGE_NAME}:${current.scope}`;
    const create = (onEvent: (event: InboxEvent) => void) =>
      createInboxHub({
        name,
        env: current.crossTab ?? browserCrossTabEnv(),
        startLeader: streamStarter({ ...current, getHeaders: () => (sourceRef.current ?? current).getHeaders() }),
        onEvent,
      });
    const lease = shelf.lease(`${name}|${current.url}`, current.lingerMs ?? 0, create, (event) => listener.current(event));
    setHub(lease.hub);
    return () => {
      lease.release();
      setHub(null);
    };
  }, [scope]);

  return hub;
}
