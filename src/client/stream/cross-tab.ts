import type { InboxEvent } from './inbox-event';

interface ChannelLike {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

/** The browser APIs one-stream-per-browser needs; either missing means one stream per tab. */
export interface CrossTabEnv {
  locks?: Pick<LockManager, 'request'>;
  BroadcastChannel?: new (name: string) => ChannelLike;
}

export function browserCrossTabEnv(): CrossTabEnv {
  return {
    locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    BroadcastChannel: typeof BroadcastChannel !== 'undefined' ? BroadcastChannel : undefined,
  };
}

/** Opens the server stream in the leader tab; returns how to close it. */
export type StartLeader = (emit: (event: InboxEvent) => void, lastEventId: string | null) => () => void;

export interface InboxHub {
  /** True in the one tab that holds the server stream (every tab, when the browser cannot share one). */
  readonly isLeader: boolean;
  /** Delivers an event in this tab and in every other tab of the same user. */
  publish(event: InboxEvent): void;
  stop(): void;
}

const laterId = (current: string | null, id: number) => (current !== null && Number(current) >= id ? current : String(id));

/**
 * One server stream per browser and user: tabs compete for a Web Lock; the holder opens the stream and
 * re-broadcasts every event over a BroadcastChannel. When the leader tab closes, the lock passes to another
 * tab, which resumes from the last message id it saw (or the stream's `start` id, before any message).
 */
export function createInboxHub(options: {
  name: string;
  env: CrossTabEnv;
  startLeader: StartLeader;
  onEvent: (event: InboxEvent) => void;
}): InboxHub {
  const { name, env, startLeader, onEvent } = options;
  const Channel = env.locks ? env.BroadcastChannel : undefined;
  const channel = Channel ? new Channel(`${name}:events`) : null;
  const abort = new AbortController();
  let leader = false;
  let stopped = false;
  let lastEventId: string | null = null;
  let closeStream: (() => void) | null = null;
  let releaseLock: (() => void) | null = null;

  const deliver = (event: InboxEvent) => {
    if (stopped) return;
    if (event.type === 'message') lastEventId = laterId(lastEventId, event.message.id);
    if (event.type === 'start') lastEventId = laterId(lastEventId, event.after);
    onEvent(event);
  };
  const publish = (event: InboxEvent) => {
    deliver(event);
    if (!stopped) channel?.postMessage(event);
  };
  const lead = () => {
    leader = true;
    closeStream = startLeader(publish, lastEventId);
  };

  if (channel && env.locks) {
    channel.onmessage = (message) => deliver(message.data as InboxEvent);
    env.locks
      .request(`${name}:leader`, { signal: abort.signal }, () => {
        if (stopped) return undefined;
        lead();
        return new Promise<void>((resolve) => (releaseLock = resolve));
      })
      .catch(() => undefined); // AbortError: stopped while waiting for the lock
  } else {
    lead();
  }

  return {
    get isLeader() {
      return leader;
    },
    publish,
    stop() {
      stopped = true;
      closeStream?.();
      releaseLock?.();
      abort.abort();
      channel?.close();
    },
  };
}
