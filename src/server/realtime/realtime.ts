import type { Logger } from '@nocobase/logger';
import type { Application } from '@nocobase/server';
import type { InboxService } from '../services/inbox-service';
import { AdmissionGate } from './admission-gate';
import { EventBus } from './event-bus';
import { RealtimeConfig, isRedisUrl } from './realtime-config';
import { RealtimeHub } from './realtime-hub';
import { RedisPubSubAdapter } from './redis-pubsub-adapter';

/** The real-time layer of one app node: its streams (`hub`) and the bus that feeds them from every node. */
export class Realtime {
  readonly hub: RealtimeHub;
  readonly bus: EventBus;
  /** Stream requests being checked and opened: a few at a time (see stream-gate.ts), no more waiting than streams fit. */
  readonly opening: AdmissionGate;
  private stopped = false;

  constructor(
    private readonly app: Application,
    inbox: InboxService,
    private readonly config: RealtimeConfig,
    private readonly log: Logger,
  ) {
    this.hub = new RealtimeHub(inbox, config, log);
    this.opening = new AdmissionGate(config.streamOpensAtOnce, config.maxStreams);
    this.bus = new EventBus(inbox.events, app.pubSubManager, this.hub, (ids) => inbox.messagesById(ids), log);
  }

  /** Call from the plugin's `load()`: before the app connects its pub/sub. */
  async start(): Promise<void> {
    this.installRedisAdapter();
    await this.bus.start();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.hub.closeAll();
    await this.bus.stop();
  }

  /** Gives the app's pub/sub a Redis adapter when it has none and a Redis URL is configured. */
  private installRedisAdapter(): void {
    const pubSub = this.app.pubSubManager as unknown as { adapter?: unknown; setAdapter(adapter: unknown): void };
    const { redisUrl } = this.config;
    if (!redisUrl || pubSub.adapter) return;
    if (!isRedisUrl(redisUrl)) {
      this.log.error('[inbox] the Redis URL (INBOX_REDIS_URL) is not a redis:// URL: events stay on this node');
      return;
    }
    pubSub.setAdapter(
      new RedisPubSubAdapter({ url: redisUrl, logger: this.log, onConnected: () => this.bus.linkRecovered() }),
    );
  }
}
