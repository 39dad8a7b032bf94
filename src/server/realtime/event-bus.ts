import type { Logger } from '@nocobase/logger';
import type { PubSubManager } from '@nocobase/server';
import { PUBSUB_CHANNEL } from '../../shared/constants';
import type { InboxEventSource } from '../services/inbox-events';
import { CreatedPayload, packCreated, unpackCreated } from './created-payload';
import type { InboxChange, InboxMessage } from '../../shared/contract';

/** What crosses nodes: new messages (carried when small, else as refs read where a stream needs them), changes. */
export type BusPayload =
  | CreatedPayload
  | { kind: 'changed'; change: InboxChange }
  /** "Events were lost on the way": every node catches its streams up from the database. */
  | { kind: 'resync' };

/** Local delivery: to the streams this node holds. */
export interface DeliveryTarget {
  wants(userId: number): boolean;
  messages(messages: InboxMessage[]): void;
  change(change: InboxChange): void;
  resync(): void;
}

/**
 * Carries committed inbox events to every node's streams, each exactly once per node: this node's
 * events are delivered here directly and published with `skipSelf` (pub/sub does not echo them back);
 * other nodes' events come from pub/sub, in arrival order. Without a connected pub/sub, delivery stays
 * local and the loss is remembered: once the link is back, every node catches up from the database.
 */
export class EventBus {
  private unlisten: (() => void)[] = [];
  private lostPublish = false;
  private remoteQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: InboxEventSource,
    private readonly pubSub: PubSubManager,
    private readonly target: DeliveryTarget,
    private readonly loadMessages: (ids: number[]) => Promise<InboxMessage[]>,
    private readonly log: Pick<Logger, 'warn' | 'error'>,
  ) {}

  /** Subscribes before the app connects its pub/sub: a subscription made while it is down would never reach the adapter. */
  async start(): Promise<void> {
    this.unlisten = [
      this.events.on('created', (messages) => this.relay(() => packCreated(messages), () => this.target.messages(messages))),
      this.events.on('changed', (change) => this.relay(() => ({ kind: 'changed', change }), () => this.target.change(change))),
    ];
    await this.pubSub.subscribe(PUBSUB_CHANNEL, this.onRemote);
  }

  async stop(): Promise<void> {
    this.unlisten.splice(0).forEach((off) => off());
    await this.pubSub.unsubscribe(PUBSUB_CHANNEL, this.onRemote);
    await this.remoteQueue;
  }

  /** The pub/sub link is up again: catch up this node's streams, and tell the others if this node's events were lost. */
  linkRecovered(): void {
    this.target.resync();
    if (!this.lostPublish) return;
    this.lostPublish = false;
    void this.publish({ kind: 'resync' });
  }

  private readonly onRemote = (payload: BusPayload): Promise<void> => {
    this.remoteQueue = this.remoteQueue
      .then(() => this.deliverRemote(payload))
      .catch((error) => {
        this.log.error('[inbox] could not deliver an event from another node', { error });
      });
    return this.remoteQueue;
  };

  private async deliverRemote(payload: BusPayload): Promise<void> {
    if (payload.kind === 'changed') {
      if (this.target.wants(payload.change.userId)) this.target.change(payload.change);
    } else if (payload.kind === 'created') {
      const refs = payload.refs.filter(([, userId]) => this.target.wants(userId));
      if (!refs.length) return;
      const messages = payload.message ? unpackCreated(payload.message, refs) : await this.loadMessages(refs.map(([id]) => id));
      const { wokenAt } = payload;
      this.target.messages(wokenAt ? messages.map((message) => ({ ...message, wokenAt })) : messages);
    } else if (payload.kind === 'resync') {
      this.target.resync();
    }
  }

  /**
   * On the next turn, in order: a 10,000-receiver send returns to its caller (a request, a workflow) without
   * waiting for the streams and the pub/sub message it feeds. Published first, delivered here on the turn after:
   * the publish reaches the wire (its link check is one microtask) before this node's stream writes, which
   * flush on their own ticks, so other nodes' streams fill while this node writes to its own.
   */
  private relay(payload: () => BusPayload, deliver: () => void): void {
    setImmediate(() => {
      void this.publish(payload);
      setImmediate(deliver);
    });
  }

  /** `payload` is built only once the link is known to be up: a node without pub/sub never packs a send's 10,000 refs. */
  private async publish(payload: BusPayload | (() => BusPayload)): Promise<void> {
    if (!(await this.pubSub.isConnected())) {
      this.lostPublish = true;
      return;
    }
    try {
      await this.pubSub.publish(PUBSUB_CHANNEL, typeof payload === 'function' ? payload() : payload, { skipSelf: true });
    } catch (error) {
      this.lostPublish = true;
      this.log.warn('[inbox] could not publish an event to other nodes; they catch up when the link is back', { error });
    }
  }
}
