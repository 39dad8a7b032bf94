import type { InboxHub } from './cross-tab';
import type { InboxEvent } from './inbox-event';

type Listener = (event: InboxEvent) => void;

/** A hub as one inbox holds it: `release` stops it, or shelves it for a while when asked to linger. */
export interface HubLease {
  hub: InboxHub;
  release(): void;
}

/** A hub and where its events go: to the inbox holding it, or kept while it sits on the shelf. */
interface Held {
  hub: InboxHub;
  listener: Listener | null;
  missed: InboxEvent[];
}

/**
 * Hubs released in the last `lingerMs` of this page, by key. A host may unmount the inbox and mount it again at
 * once (NocoBase remounts its whole layout after signing in): the new inbox takes the released hub, its stream
 * still open, with the events of the gap, instead of dropping the stream and opening another.
 */
export class HubShelf {
  private readonly shelved = new Map<string, { held: Held; timer: ReturnType<typeof setTimeout> }>();

  /** The key's shelved hub, or a new one from `create`; its events go to `listener` until it is released. */
  lease(key: string, lingerMs: number, create: (onEvent: Listener) => InboxHub, listener: Listener): HubLease {
    const held = this.take(key) ?? this.hold(create);
    held.listener = listener;
    held.missed.splice(0).forEach(listener);
    return { hub: held.hub, release: () => this.put(key, lingerMs, held) };
  }

  private hold(create: (onEvent: Listener) => InboxHub): Held {
    const held: Held = { hub: null as unknown as InboxHub, listener: null, missed: [] };
    held.hub = create((event) => (held.listener ? held.listener(event) : held.missed.push(event)));
    return held;
  }

  private take(key: string): Held | undefined {
    const found = this.shelved.get(key);
    if (!found) return undefined;
    this.shelved.delete(key);
    clearTimeout(found.timer);
    return found.held;
  }

  private put(key: string, lingerMs: number, held: Held): void {
    held.listener = null;
    if (lingerMs <= 0 || this.shelved.has(key)) {
      held.hub.stop();
      return;
    }
    const timer = setTimeout(() => {
      this.shelved.delete(key);
      held.hub.stop();
    }, lingerMs);
    this.shelved.set(key, { held, timer });
  }
}
