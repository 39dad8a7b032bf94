import type { InboxHub } from './cross-tab';
import type { InboxEvent } from './inbox-event';

type Listener = (event: InboxEvent) => void;

/** A hub as one inbox holds it: `release` stops it, or shelves it for a while when asked to linger. */
export interface HubLease {
  hub: InboxHub;
  release(): void;
}

/** A hub and where its events go: to the inbox holding it, or kept while it sits on the shelf. */
class HeldHub {
  readonly hub: InboxHub;
  private listener: Listener | null = null;
  private missed: InboxEvent[] = [];

  constructor(create: (onEvent: Listener) => InboxHub) {
    this.hub = create((event) => (this.listener ? this.listener(event) : this.missed.push(event)));
  }

  attach(listener: Listener): void {
    this.listener = listener;
    this.missed.splice(0).forEach(listener);
  }

  detach(): void {
    this.listener = null;
  }
}

/**
 * Hubs released in the last `lingerMs` of this page, by key. A host may unmount the inbox and mount it again at
 * once (NocoBase remounts its whole layout after signing in): the new inbox takes the released hub, its stream
 * still open, with the events of the gap, instead of dropping the stream and opening another.
 */
export class HubShelf {
  private readonly shelved = new Map<string, { held: HeldHub; timer: ReturnType<typeof setTimeout> }>();

  /** The key's shelved hub, or a new one from `create`; its events go to `listener` until it is released. */
  lease(key: string, lingerMs: number, create: (onEvent: Listener) => InboxHub, listener: Listener): HubLease {
    const held = this.take(key) ?? new HeldHub(create);
    held.attach(listener);
    return { hub: held.hub, release: () => this.put(key, lingerMs, held) };
  }

  private take(key: string): HeldHub | undefined {
    const found = this.shelved.get(key);
    if (!found) return undefined;
    this.shelved.delete(key);
    clearTimeout(found.timer);
    return found.held;
  }

  private put(key: string, lingerMs: number, held: HeldHub): void {
    held.detach();
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
