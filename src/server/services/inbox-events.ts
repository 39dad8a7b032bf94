import { EventEmitter } from 'events';
import type { Level } from '../../constants';
import type { MessageAction, MessageResponse } from '../../shared/message-actions';
import type { ViewFilter } from './view-filter';

/** A message as the API and the real-time stream show it. */
export interface InboxMessage {
  id: number;
  userId: number;
  channelName: string;
  title: string;
  content: string;
  level: Level;
  url: string | null;
  readAt: string | null;
  createdAt: string;
  options: Record<string, unknown>;
  actions: MessageAction[];
  response: MessageResponse | null;
  /** set only while the message is archived / snoozed */
  archivedAt?: string | null;
  snoozedUntil?: string | null;
}

/**
 * Messages of one user whose state changed; `all` stands for every message (of `channelName` if set).
 * `preferences`: the user's toasts or muted channels changed (no ids), so other tabs reload them and the count.
 * `responded`: the user clicked one of the message's buttons (`response` says which); it is read too.
 * `archived`/`snoozed`: put aside, out of the lists and counts; `unarchived`/`unsnoozed`: back in them.
 * `filter`: a bulk action changed every message of that view (`ids` is then empty): tabs reload.
 */
export interface InboxChange {
  userId: number;
  change: 'read' | 'unread' | 'deleted' | 'preferences' | 'responded' | 'archived' | 'unarchived' | 'snoozed' | 'unsnoozed';
  ids: number[];
  all?: boolean;
  channelName?: string;
  response?: MessageResponse;
  filter?: ViewFilter;
}

interface EventMap {
  created: [InboxMessage[]];
  changed: [InboxChange];
}

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
