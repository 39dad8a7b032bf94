import type { Database } from '@nocobase/database';
import { Op, Transaction, WhereOptions } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';
import type { Counters } from './counters';
import type { MessageReads, OwnMessages } from '../queries/message-reads';
import { toMessage } from './serialize';
import { viewWhere } from '../queries/view-filter';
import type { InboxMessage, ViewFilter } from '../../../shared/contract';

/** What a bulk action does to every message of a view. */
export type BulkChange = 'read' | 'unread' | 'archived' | 'unarchived' | 'deleted';

/** Pure: the values a bulk change writes, and the rows it leaves alone because they are that way already. */
function bulkUpdate(change: Exclude<BulkChange, 'deleted'>, now: Date): { values: object; unchanged: WhereOptions } {
  switch (change) {
    case 'read':
      return { values: { readAt: now }, unchanged: { readAt: null } };
    case 'unread':
      return { values: { readAt: null }, unchanged: { readAt: { [Op.ne]: null } } };
    case 'unarchived':
      return { values: { archivedAt: null }, unchanged: { archivedAt: { [Op.ne]: null } } };
    default:
      return { values: { archivedAt: now, snoozedUntil: null }, unchanged: { archivedAt: null } };
  }
}

/**
 * Putting messages aside (archive, snooze), bulk changes of a whole view, and the snooze wake-up. Like every change
 * that is not a send, each locks the user's counters first and recounts the touched channels after.
 */
export class TriageStore {
  constructor(
    private readonly db: Database,
    private readonly counters: Counters,
    private readonly reads: MessageReads,
  ) {}

  private get model() {
    return this.db.getModel(COLLECTIONS.messages);
  }

  /** Archives (or brings back) the user's messages among `ids`; archiving ends a snooze. Unknown ids: 404, nothing written. */
  async archive(userId: number, ids: number[], archived: boolean, transaction: Transaction): Promise<OwnMessages> {
    const values = archived ? { archivedAt: new Date(), snoozedUntil: null } : { archivedAt: null };
    return this.change(userId, ids, values, { archivedAt: archived ? null : { [Op.ne]: null } }, transaction);
  }

  /** Snoozes the user's messages among `ids` until `until` (null: wakes them now, read state kept); takes them out of the archive. */
  async snooze(userId: number, ids: number[], until: Date | null, transaction: Transaction): Promise<OwnMessages> {
    const values = until ? { snoozedUntil: until, archivedAt: null } : { snoozedUntil: null };
    return this.change(userId, ids, values, until ? {} : { snoozedUntil: { [Op.ne]: null } }, transaction);
  }

  private async change(userId: number, ids: number[], values: object, where: WhereOptions, transaction: Transaction) {
    await this.counters.lock(userId, transaction);
    const target = await this.reads.own(userId, ids, transaction);
    const [changed] = await this.model.update(values, {
      where: { [Op.and]: [{ userId, id: { [Op.in]: target.ids } }, where] },
      transaction,
      hooks: false,
    });
    if (changed) await this.counters.recount(userId, target.channelNames, transaction);
    return target;
  }

  /** One statement over every message the view shows; returns how many changed. */
  async bulk(userId: number, change: BulkChange, filter: ViewFilter, transaction: Transaction): Promise<number> {
    await this.counters.lock(userId, transaction);
    const where = viewWhere(this.db, userId, filter);
    let changed: number;
    if (change === 'deleted') {
      changed = await this.model.destroy({ where, transaction, hooks: false });
    } else {
      const { values, unchanged } = bulkUpdate(change, new Date());
      [changed] = await this.model.update(values, { where: { [Op.and]: [where, unchanged] }, transaction, hooks: false });
    }
    if (changed) await this.counters.recount(userId, filter.channelName ? [filter.channelName] : undefined, transaction);
    return changed;
  }

  /**
   * Wakes the user's messages whose snooze ended by `now`: unread again and back in the counts. The user's counters are
   * locked first and the due rows read after, so of several app nodes waking the same user only the first finds them:
   * each message is woken, and announced, exactly once.
   */
  async wake(userId: number, now: Date, transaction: Transaction): Promise<InboxMessage[]> {
    await this.counters.lock(userId, transaction);
    const due = { userId, snoozedUntil: { [Op.lte]: now } };
    const rows = await this.model.findAll({ where: due, order: [['id', 'ASC']], transaction, lock: transaction.LOCK.UPDATE });
    if (!rows.length) return [];
    const ids = rows.map((row) => Number(row.get('id')));
    await this.model.update(
      { snoozedUntil: null, readAt: null },
      { where: { ...due, id: { [Op.in]: ids } }, transaction, hooks: false },
    );
    const wokenAt = now.toISOString();
    const messages = rows.map((row) => ({ ...toMessage(row.get({ plain: true })), readAt: null, snoozedUntil: null, wokenAt }));
    await this.counters.recount(userId, new Set(messages.map((m) => m.channelName)), transaction);
    return messages;
  }
}
