import { EventEmitter } from 'events';
import type { InboxChange, InboxMessage } from '../../shared/contract';

interface EventMap {
  created: [InboxMessage[]];
  changed: [InboxChange];
}

/** The listening side of the announcements: what the service hands out, so no one else can announce. */
export type InboxEventSource = Pick<InboxEvents, 'on'>;

/**
 * The one in-process announcement of committed inbox writes; the real-time layer listens here.
 * Emitted only after the writing transaction commits, so no listener ever sees a rolled-back row.
 */
export class InboxEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  on<K extends keyof EventMap>(event: K, listener: (...args: EventMap[K]) => void): () => void {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return () => this.emitter.off(event, listener as (...args: unknown[]) => void);
  }

  emit<K extends keyof EventMap>(event: K, ...args: EventMap[K]): void {
    this.emitter.emit(event, ...args);
  }
}
