import type { Database } from '@nocobase/database';
import { performance } from 'perf_hooks';
import { setTimeout as sleep } from 'timers/promises';
import type { Transaction } from 'sequelize';
import type { ImportResult, ImportValues, OfficialStatus } from '../../shared/official-import';
import type {
  ChannelSummary,
  Counts,
  InboxChange,
  InboxMessage,
  InboxSettings,
  Preferences,
} from '../../shared/contract';
import { countsWithoutMuted } from '../../shared/contract';
import { invalid } from './errors';
import { InboxEventSource, InboxEvents } from './inbox-events';
import { OfficialImport, checkImportRequest } from './import/official-import';
import { ChannelRules, withChannelDefaults } from './preferences/channel-rules';
import { PreferenceStore, checkPreferencesPatch } from './preferences/preferences';
import { SettingsStore, checkSettingsPatch } from './preferences/settings';
import { MessageReads } from './queries/message-reads';
import { CountFolds } from './store/count-folds';
import { ChannelScope, MessageStore } from './store/message-store';
import { nextPurgeBatch, purgeBatchBounds, restAfterPurgeBatch } from './store/purge-batch';
import { Transactions } from './store/transactions';
import { BulkChange, TriageStore } from './store/triage-store';
import { MessageInput, checkMessage } from './validation/message-input';
import {
  MessageIds,
  checkActionKey,
  checkIds,
  checkMessageId,
  checkSnoozeUntil,
} from './validation/message-refs';
import { parseReceivers, resolveReceivers } from './validation/receivers';
import {
  PageOf,
  PageQuery,
  ViewQuery,
  checkBulkView,
  checkChannelName,
  checkPage,
  checkUnarchiveView,
  pageOf,
} from './validation/view-query';

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
/** Users a wake-up round takes at most; the next round, a moment later, takes the rest. */
const WAKE_USERS = 200;
/**
 * Users whose counts one statement reads at most: their ids are one bound value, but all their counter rows come
 * back at once (a few channels each), so the batch stays a few thousand rows.
 */
export const COUNTS_PER_READ = 500;

/**
 * The inbox's one door: the actions, the channel type, the workflow node, the jobs, the real-time layer and other
 * plugins all read and change the inbox through it. Every value a caller gives is checked here (a bad one is an
 * `InboxError` naming it, answered 4xx over HTTP), so another plugin gets the checks an HTTP caller gets; fan-out,
 * counters and announcements happen here too. Stores and reads stay private.
 */
export class InboxService {
  private readonly announcements = new InboxEvents();
  private readonly transactions: Transactions;
  private readonly reads: MessageReads;
  private readonly store: MessageStore;
  private readonly triage: TriageStore;
  /** Our channels' admin settings (important, defaults, allowed roles, retention). */
  private readonly channels: ChannelRules;
  private readonly preferenceStore: PreferenceStore;
  private readonly settingsStore: SettingsStore;
  /** Copies the official in-app plugin's messages in (admins, from the settings page). */
  private readonly officialImport: OfficialImport;
  private readonly folds: CountFolds;

  constructor(private readonly db: Database) {
    this.transactions = new Transactions(db);
    this.reads = new MessageReads(db);
    this.store = new MessageStore(db, this.reads);
    this.triage = new TriageStore(db, this.store.counters, this.reads);
    this.channels = new ChannelRules(db);
    this.preferenceStore = new PreferenceStore(db, () => this.channels.importantNames());
    this.settingsStore = new SettingsStore(db);
    this.officialImport = new OfficialImport(db, this.store.counters, this.transactions);
    this.folds = new CountFolds(this.store.counters, this.transactions, db.logger);
  }

  /** Committed writes, to listen to (the real-time layer, waiting workflow jobs); only the service announces. */
  get events(): InboxEventSource {
    return this.announcements;
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
    const outer = options.transaction;
    const settings = await this.channels.settings(fields.channelName, outer);
    const receivers = await resolveReceivers(this.db, spec, outer);
    const message = withChannelDefaults(fields, input, settings);
    const { allowedRoles } = settings;
    const work = async (transaction?: Transaction): Promise<SendReport> => {
      const messages = await this.store.insert(message, receivers, allowedRoles, transaction, !outer);
      if (!messages.length) {
        throw invalid('receivers', allowedRoles.length ? 'no receiver holds a role the channel allows' : 'no existing user matches the receivers');
      }
      if (transaction) await this.reads.search.appendRun(messages[0].id, messages[messages.length - 1].id, transaction);
      // ids without a user count as dropped too when roles are checked: they hold none
      return { messages, dropped: allowedRoles.length ? receivers.length - messages.length : 0 };
    };
    const announce = (report: SendReport) => {
      this.announcements.emit('created', report.messages);
      this.folds.kick();
    };
    if (!outer && this.store.isOneStatement(receivers.length)) return this.transactions.autocommit(work, announce);
    return this.write(outer, work, announce);
  }

  /**
   * Adds every pending send to the counters (the counts are exact either way; this keeps their reads short); answers
   * how many sends it folded. The periodic round after a crash; sends start their own fold.
   */
  foldPendingCounts(): Promise<number> {
    return this.folds.foldAll();
  }

  /** Resolves once the folds the sends started are done: before the database closes, or a bench's next turn. */
  countsSettled(): Promise<void> {
    return this.folds.settled();
  }

  /** A page of the user's messages in a view, newest (or unread) first. */
  async list(userId: number, query: PageQuery): Promise<PageOf<InboxMessage>> {
    const page = checkPage(query);
    const rows = await this.reads.messages(userId, page);
    return pageOf(rows, page, (m) => ({ id: m.id, unread: m.readAt === null }));
  }

  /** The channels the user has messages in, newest activity first; a view's every filter applies but its channel. */
  async channelList(userId: number, query: PageQuery): Promise<PageOf<ChannelSummary>> {
    const page = checkPage(query);
    const rows = await this.reads.channels(userId, { ...page, filter: { ...page.filter, channelName: undefined } });
    return pageOf(rows, page, (c) => ({ id: c.latestMessage?.id ?? 0, unread: c.unreadCount > 0 }));
  }

  /** Unread and total per channel; the user's muted channels are listed but left out of the totals. */
  async counts(userId: number): Promise<Counts> {
    return (await this.countsOf([userId])).get(userId) as Counts;
  }

  /**
   * The same for many users (the streams a send reached), one statement per COUNTS_PER_READ users instead of one
   * per user.
   */
  async countsOf(userIds: number[]): Promise<Map<number, Counts>> {
    const counts = new Map<number, Counts>();
    for (let i = 0; i < userIds.length; i += COUNTS_PER_READ) {
      const counters = [...(await this.reads.counters(userIds.slice(i, i + COUNTS_PER_READ)))];
      const muted = await this.preferenceStore.mutedOfAll(counters.map(([, user]) => user.muted));
      counters.forEach(([userId, { channels }], j) => counts.set(userId, countsWithoutMuted(channels, muted[j])));
    }
    return counts;
  }

  async setRead(userId: number, ids: MessageIds, read: boolean): Promise<number[]> {
    const checked = checkIds(ids);
    const result = await this.write(undefined, (t) => this.store.setRead(userId, checked, read, t), (r) =>
      this.announce({ userId, change: read ? 'read' : 'unread', ids: r.ids }),
    );
    return result.ids;
  }

  /** Marks every unread message of the user read, or of one channel; returns how many changed. */
  async markAllRead(userId: number, channelName?: string): Promise<number> {
    const channel = checkChannelName(channelName);
    return this.write(undefined, (t) => this.store.markAllRead(userId, channel, t), () =>
      this.announce({ userId, change: 'read', ids: [], all: true, ...(channel ? { channelName: channel } : {}) }),
    );
  }

  async destroy(userId: number, ids: MessageIds): Promise<number[]> {
    const checked = checkIds(ids);
    const result = await this.write(undefined, (t) => this.store.destroy(userId, checked, t), (r) =>
      this.announce({ userId, change: 'deleted', ids: r.ids }),
    );
    return result.ids;
  }

  /** Archives (or brings back) the user's messages; archived ones keep their read state and leave every count. */
  async archive(userId: number, ids: MessageIds, archived: boolean): Promise<number[]> {
    const checked = checkIds(ids);
    const result = await this.write(undefined, (t) => this.triage.archive(userId, checked, archived, t), (r) =>
      this.announce({ userId, change: archived ? 'archived' : 'unarchived', ids: r.ids }),
    );
    return result.ids;
  }

  /** Hides the user's messages until `until` (a date, or an ISO text; future, at most a year ahead). */
  async snooze(userId: number, ids: MessageIds, until: Date | string): Promise<number[]> {
    return this.setSnooze(userId, checkIds(ids), checkSnoozeUntil(until));
  }

  /** Shows snoozed messages again now, their read state kept (`wakeDue` brings due ones back unread). */
  async unsnooze(userId: number, ids: MessageIds): Promise<number[]> {
    return this.setSnooze(userId, checkIds(ids), null);
  }

  private async setSnooze(userId: number, ids: number[], until: Date | null): Promise<number[]> {
    const result = await this.write(undefined, (t) => this.triage.snooze(userId, ids, until, t), (r) =>
      this.announce({ userId, change: until ? 'snoozed' : 'unsnoozed', ids: r.ids }),
    );
    return result.ids;
  }

  /**
   * Reads, unreads, archives, unarchives or deletes every message of a view (`{ channelName?, status?, level?, q? }`;
   * an unarchive's view is the archive) in one statement; returns how many changed.
   */
  async bulk(userId: number, change: BulkChange, view: ViewQuery): Promise<number> {
    const filter = change === 'unarchived' ? checkUnarchiveView(view) : checkBulkView(view);
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
    for (const userId of await this.reads.dueUsers(now, users)) {
      const messages = await this.write(undefined, (t) => this.triage.wake(userId, now, t), (m) => {
        if (m.length) this.announcements.emit('created', m);
      });
      woken += messages.length;
    }
    return woken;
  }

  /** The user answers a message with one of its buttons; every tab hears of it (and a waiting workflow). */
  async respond(userId: number, id: number | string, action: string): Promise<InboxMessage> {
    const [messageId, key] = [checkMessageId(id), checkActionKey(action)];
    const result = await this.write(undefined, (t) => this.store.respond(userId, messageId, key, t), (r) => {
      if (r.changed) this.announce({ userId, change: 'responded', ids: [messageId], response: r.message.response ?? undefined });
    });
    return result.message;
  }

  /**
   * A user's preferences (defaults until changed), with the important channels, which no one can mute: never among
   * the muted ones.
   */
  async preferences(userId: number): Promise<Preferences> {
    return { ...(await this.preferenceStore.get(userId)), importantChannels: await this.channels.importantNames() };
  }

  /** Changes a user's preferences; muting changes the counts, so every tab hears of it. Important channels cannot be muted. */
  async updatePreferences(userId: number, patch: Partial<Preferences>): Promise<Preferences> {
    const checked = checkPreferencesPatch(patch);
    const importantChannels = await this.channels.importantNames();
    const important = new Set(importantChannels);
    const refused = checked.mutedChannels?.find((name) => important.has(name));
    if (refused) throw invalid('mutedChannels', `channel "${refused}" is important and cannot be muted`);
    const preferences = await this.preferenceStore.update(userId, checked);
    this.announce({ userId, change: 'preferences', ids: [] });
    return { ...preferences, importantChannels };
  }

  /** The app-wide settings (retention). */
  settings(): Promise<InboxSettings> {
    return this.settingsStore.get();
  }

  async updateSettings(patch: Partial<InboxSettings>): Promise<InboxSettings> {
    return this.settingsStore.update(checkSettingsPatch(patch));
  }

  /** What the official in-app plugin holds, to import. */
  officialStatus(): Promise<OfficialStatus> {
    return this.officialImport.status();
  }

  /** Copies the official plugin's messages in: all, or `maxRows` of them from `after` on; run again, it copies only what is new. */
  importOfficial(values?: ImportValues): Promise<ImportResult> {
    return this.officialImport.run(checkImportRequest(values));
  }

  /** Messages by id, oldest first (a stream's catch-up, an event another node announced by id). */
  messagesById(ids: number[]): Promise<InboxMessage[]> {
    return this.reads.byIds(ids);
  }

  /** The user's newest message id, 0 without any. */
  latestMessageId(userId: number): Promise<number> {
    return this.reads.latestId(userId);
  }

  /** Ids of the user's messages after `afterId`, ascending, at most `limit`. */
  messageIdsAfter(userId: number, afterId: number, limit: number): Promise<number[]> {
    return this.reads.idsAfter(userId, afterId, limit);
  }

  /**
   * Indexes the messages written since the last call for search (SQLite with FTS5; nothing elsewhere), in at most
   * `chunks` short transactions (Infinity: all); answers how many it took. The search-index job's round.
   */
  indexForSearch(chunks?: number): Promise<number> {
    return this.reads.search.catchUp(chunks);
  }

  /**
   * Deletes read messages older than the retention setting (nothing when it is 0); a channel with its own retention
   * days (Notification Manager → the channel) is purged by those instead.
   */
  async purgeExpired(now = new Date(), batch?: number): Promise<number> {
    const { retentionDays } = await this.settingsStore.get();
    const overrides = await this.channels.retentionOverrides();
    const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);
    // a message written after this has not been read for days: the walk stops here, not at the sends made meanwhile
    const upTo = await this.store.newestId();
    let deleted = retentionDays ? await this.purgeScope(cutoff(retentionDays), upTo, batch, { notIn: [...overrides.keys()] }) : 0;
    for (const [channelName, days] of overrides) {
      if (days) deleted += await this.purgeScope(cutoff(days), upTo, batch, { in: [channelName] });
    }
    return deleted;
  }

  /**
   * A transaction per batch: each holds its locks briefly, and sends to the same users go between batches. Without a
   * fixed `batch`, each batch is sized from the last one's time (nextPurgeBatch), so a send never waits long for one;
   * after each, the purge rests (restAfterPurgeBatch), so the sends beside it keep most of the database.
   */
  private async purgeScope(before: Date, upTo: number, batch: number | undefined, channels: ChannelScope): Promise<number> {
    let deleted = 0;
    const bounds = purgeBatchBounds(this.store.oneWriter);
    let rows = batch ?? bounds.min;
    for (let afterId = 0; ; ) {
      let took = 0;
      // the batch's own work, not its wait for the writers ahead of it
      const purge = async (t: Transaction) => {
        const started = performance.now();
        const result = await this.store.purgeReadBefore(before, { after: afterId, upTo }, rows, t, channels);
        took = performance.now() - started;
        return result;
      };
      const done = await this.transactions.write(undefined, purge, () => undefined, { readCommitted: true });
      if (!done) return deleted;
      deleted += done.deleted;
      afterId = done.lastId;
      if (batch === undefined) rows = nextPurgeBatch(rows, took, bounds);
      await sleep(restAfterPurgeBatch(took));
    }
  }

  private announce(change: InboxChange): void {
    this.announcements.emit('changed', change);
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
