import type { Database } from '@nocobase/database';
import { Op } from 'sequelize';
import { COLLECTIONS } from '../../shared/constants';
import { toMessage } from '../services/store/serialize';
import type { InboxMessage } from '../../shared/contract';

const CHUNK = 1000;

/** Messages by id, oldest first: what another node announced, read here for the users streaming here. */
export async function loadMessages(db: Database, ids: number[]): Promise<InboxMessage[]> {
  const model = db.getModel(COLLECTIONS.messages);
  const messages: InboxMessage[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await model.findAll({ where: { id: { [Op.in]: ids.slice(i, i + CHUNK) } }, order: [['id', 'ASC']] });
    messages.push(...rows.map((row) => toMessage(row.get({ plain: true }))));
  }
  return messages;
}

/** The user's newest message id (0 without any): where a stream opened without `Last-Event-ID` stands. */
export async function latestMessageId(db: Database, userId: number): Promise<number> {
  const latest = await db.getModel(COLLECTIONS.messages).max('id', { where: { userId } });
  return Number(latest) || 0;
}

/** Ids of the user's messages after `afterId`, ascending, at most `limit`: what a catch-up compares with what it wrote. */
export async function messageIdsAfter(db: Database, userId: number, afterId: number, limit: number): Promise<number[]> {
  const rows = await db.getModel(COLLECTIONS.messages).findAll({
    attributes: ['id'],
    where: { userId, id: { [Op.gt]: afterId } },
    order: [['id', 'ASC']],
    limit,
    raw: true,
  });
  return rows.map((row: any) => Number(row.id));
}
