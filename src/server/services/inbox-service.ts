import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { invalid } from './errors';
import { ChannelRules, withChannelDefaults } from './preferences/channel-rules';
import { InboxEvents } from './inbox-events';
import { InboxQueries } from './queries/message-reads';
import { MessageInput, checkMessage } from './validation/message-input';
import { ChannelScope, MessageStore } from './store/message-store';
import { OfficialImport } from './import/official-import';
import { PreferenceStore } from './preferences/preferences';
import { parseReceivers, resolveReceivers, roleUserIds } from './validation/receivers';
import { SettingsStore } from './preferences/settings';
import { Transactions } from './store/transactions';
import { BulkChange, TriageStore } from './store/triage-store';
import type { InboxChange, InboxMessage, Preferences, ViewFilter } from '../../shared/contract';

export interface SendReport {
  messages: InboxMessage[];
  /** receivers left out because they hold none of the channel's allowed roles */
  dropped: number;
}

export interface SendOptions {
  /** The caller's transaction: messages are written in it and announced only once it commits. */
  transaction?: Transaction;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Messages a retention transaction deletes at most: sends wait for one batch, never for the whole purge. */
const PURGE_BATCH = 250;
/** Users a wake-up round takes at most; the next round, a moment later, takes the rest. */
const WAKE_USERS = 200;

/**
 * The inbox's one entry point: the channel type, the workflow node, the actions and other plugins all
 * send and change messages through it, so validation, fan-out and announcements happen in one place.
 */
export class InboxService {
  readonly events = new InboxEvents();
  readonly store: MessageStore;
  readonly queries: InboxQueries;
  readonly preferences: PreferenceStore;
  readonly settings: SettingsStore;
  /** Our channels' admin settings (important, defaults, allowed roles). */
  readonly channels: ChannelRules;
  /** Copies the official in-app plugin's messages in (admins, from the settings page). */
  readonly officialImport: OfficialImport;

  private readonly transactions: Transactions;
  private readonly triage: TriageStore;

  constructor(private readonly db: Database) {
    this.transactions = new Transactions(db);
    this.store = new MessageStore(db);
    this.triage = new TriageStore(db, this.store.counters, (userId, ids, t) => this.store.own(userId, ids, t));
    this.queries = new InboxQueries(db);
    this.channels = new ChannelRules(db);
    this.preferences = new PreferenceStore(db, () => this.channels.importantNames());
    this.settings = new SettingsStore(db);
    this.officialImport = new OfficialImport(db, this.store.counters, this.transactions);
  }

  /** Sends one message to every resolved receiver, all or nothing. */
  async send(input: MessageInput, options: SendOptions = {}): Promise<InboxMessage[]> {
    return (await this.sendReport(input, options)).messages;
  }

  /**
   * The same, telling also how many receivers the channel's allowed roles dropped. The channel's settings apply:
   * default level and toast duration, `important`, allowed roles.
   */
  async sendReport(input: MessageInput, options: SendOptions = {}): Promise<SendReport> {
    const fields = checkMessage(input);
    const spec = parseReceivers(input.receivers);
    return this.write(options.transaction, async (transaction) => {
      const settings = await this.channels.settings(fields.channelName, transaction);
      const resolved = await resolveReceivers(this.db, spec, transaction);
      const allowed = settings.allowedRoles.length ? await this.allowedAmong(resolved, settings.allowedRoles, transaction) : resolved;
      const messages = await this.store.insert(withChannelDefaults(fields, input, settings), allowed, transaction);
      if (!messages.length) {
        throw invalid('receivers', allowed.length < resolved.length ? 'no receiver holds a role the channel allows' : 'no existing user matches the receivers');
      }
      return { messages, dropped: resolved.length - allowed.length };
    }, (report) => this.events.emit('created', report.messages));
  }

  private async allowedAmong(userIds: number[], roles: string[], transaction: Transaction): Promise<number[]> {
    const holders = new Set(await roleUserIds(this.db, roles, transaction));
    return userIds.filter((id) => holders.has(id));
  }

  async setRead(userId: number, ids: number[], read: boolean): Promise<number[]> {
    const result = await this.write(undefined, (t) => this.store.setRead(userId, ids, read, t), (r) =>
      this.announce({ userId, change: read ? 'read' : 'unread', ids: r.ids }),
    );
    return result.ids;
  }

  async markAllRead(userId: number, channelName?: string): Promise<number> {
    return this.write(undefined, (t) => this.store.markAllRead(userId, channelName, t), () =>
      this.announce({ userId, change: 'read', ids: [], all: true, ...(channelName ? { channelName } : {}) }),
    );
  }

  async destroy(userId: number, ids: number[]): Promise<number[]> {
    const result = await this.write(undefined, (t) => this.store.destroy(userId, ids, t), (r) =>
      this.announce({ userId, change: 'deleted', ids: r.ids }),
    );
    return result.ids;
  }

  /** Archives (or brings back) the user's messages; archived ones keep their read state and leave every count. */
  async archive(userId: number, ids: number[], archived: boolean): Promise<number[]> {
    const result = await this.write(undefined, (t) => this.triage.archive(userId, ids, archived, t), (r) =>
      this.announce({ userId, change: archived ? 'archived' : 'unarchived', ids: r.ids }),
    );
    return result.ids;
  }

  /** Hides the user's messages until `until` (null: shows them again now); `wakeDue` brings them back unread. */
  async snooze(userId: number, ids: number[], until: Date | null): Promise<number[]> {
    const result = await this.write(undefined, (t) => this.triage.snooze(userId, ids, until, t), (r) =>
      this.announce({ userId, change: until ? 'snoozed' : 'unsnoozed', ids: r.ids }),
    );
    return result.ids;
  }

  /** Reads, unreads, archives or deletes every message of a view in one statement; returns how many changed. */
  async bulk(userId: number, change: BulkChange, filter: ViewFilter): Promise<number> {
    return this.write(undefined, (t) => this.triage.bulk(userId, change, filter, t), (changed) => {
      if (changed) this.announce({ userId, change, ids: [], filter });
    });
  }

  /**
   * Brings back every message whose snooze has ended, unread, and announces each like a new message. Safe on every
   * app node at once: each message is claimed by one of them (see `TriageStore.wake`).
   */
  async wakeDue(now = new Date(), users = WAKE_USERS): Promise<number> {
    let woken = 0;
    for (const userId of await this.triage.dueUsers(now, users)) {
      const messages = await this.write(undefined, (t) => this.triage.wake(userId, now, t), (m) => {
        if (m.length) this.events.emit('created', m);
      });
      woken += messages.length;
    }
    return woken;
  }

  /** The user answers a message with one of its buttons; every tab hears of it (and a waiting workflow). */
  async respond(userId: number, id: number, action: string): Promise<InboxMessage> {
    const result = await this.write(undefined, (t) => this.store.respond(userId, id, action, t), (r) => {
      if (r.changed) this.announce({ userId, change: 'responded', ids: [id], response: r.message.response ?? undefined });
    });
    return result.message;
  }

  /** Changes a user's preferences; muting changes the counts, so every tab hears of it. Important channels cannot be muted. */
  async updatePreferences(userId: number, patch: Partial<Preferences>): Promise<Preferences> {
    const important = new Set(patch.mutedChannels?.length ? await this.channels.importantNames() : []);
    const refused = patch.mutedChannels?.find((name) => important.has(name));
    if (refused) throw invalid('mutedChannels', `channel "${refused}" is important and cannot be muted`);
    const preferences = await this.preferences.update(userId, patch);
    this.announce({ userId, change: 'preferences', ids: [] });
    return preferences;
  }

  /**
   * Deletes read messages older than the retention setting (nothing when it is 0); a channel with its own retention
   * days (Notification Manager → the channel) is purged by those instead.
   */
  async purgeExpired(now = new Date(), batch = PURGE_BATCH): Promise<number> {
    const { retentionDays } = await this.settings.get();
    const overrides = await this.channels.retentionOverrides();
    const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);
    let deleted = retentionDays ? await this.purgeScope(cutoff(retentionDays), batch, { notIn: [...overrides.keys()] }) : 0;
    for (const [channelName, days] of overrides) {
      if (days) deleted += await this.purgeScope(cutoff(days), batch, { in: [channelName] });
    }
    return deleted;
  }

  private async purgeScope(before: Date, batch: number, channels: ChannelScope): Promise<number> {
    let deleted = 0;
    // a transaction per batch: each holds its locks briefly, and sends to the same users go between batches
    for (let afterId = 0; ; ) {
      const done = await this.write(undefined, (t) => this.store.purgeReadBefore(before, afterId, batch, t, channels), () => undefined);
      if (!done) return deleted;
      deleted += done.deleted;
      afterId = done.lastId;
    }
  }

  private announce(change: InboxChange): void {
    this.events.emit('changed', change);
  }

  /** Runs `work` in the caller's transaction or a new one; `announce` runs only after the commit. */
  private write<T>(
    outer: Transaction | undefined,
    work: (transaction: Transaction) => Promise<T>,
    announce: (result: T) => void,
  ): Promise<T> {
    return this.transactions.write(outer, work, announce);
  }
}
