import type { Database } from '@nocobase/database';
import { Op, WhereOptions, col, fn, where as sqlWhere } from 'sequelize';
import { COLLECTIONS, ViewStatus } from '../../../shared/constants';
import type { ViewFilter } from '../../../shared/contract';

/** Pure: where each status looks. Archived rows keep their read state; the read states show only rows not put aside. */
const statusWhere = (status: ViewStatus): WhereOptions => {
  const shown = { archivedAt: null, snoozedUntil: null };
  switch (status) {
    case 'archived':
      return { archivedAt: { [Op.ne]: null } };
    case 'snoozed':
      return { archivedAt: null, snoozedUntil: { [Op.ne]: null } };
    case 'unread':
      return { ...shown, readAt: null };
    case 'read':
      return { ...shown, readAt: { [Op.ne]: null } };
    default:
      return shown;
  }
};

/**
 * The rows of `userId` a view shows, as a sequelize where. The search is a substring position (instr/strpos) of the
 * lower-cased text, not LIKE: `%` and `_` in what the user typed are then plain characters on every database.
 */
export function viewWhere(db: Database, userId: number, filter: ViewFilter): WhereOptions {
  const conditions: WhereOptions[] = [{ userId }, statusWhere(filter.status)];
  if (filter.channelName) conditions.push({ channelName: filter.channelName });
  if (filter.levels?.length) conditions.push({ level: { [Op.in]: filter.levels } });
  if (filter.q) conditions.push(searchWhere(db, filter.q));
  return { [Op.and]: conditions };
}

/**
 * Pure: whether `dialect` keeps a user's rows in id order only apart, the shown ones and the archived ones. MySQL and
 * MariaDB have no (userId, id): their (userId, archivedAt) ends with the primary key, so its archivedAt NULL part is
 * the shown rows in id order (inboxMessages.ts).
 */
export const userRowsApart = (dialect: string): boolean => ['mysql', 'mariadb'].includes(dialect);

/** Pure: the index that holds a user's shown rows in id order on `dialect`. */
export const userIndex = (dialect: string): string[] => (userRowsApart(dialect) ? ['userId', 'archivedAt'] : ['userId', 'id']);

/**
 * Pure: the index a view's page walks newest first on `dialect`: its channel's, its one level's, the archived rows',
 * else the user's. Only MySQL and MariaDB are told (TableSql.useIndex); the other planners find it by themselves.
 */
export function viewIndex(filter: ViewFilter, dialect: string): string[] {
  if (filter.channelName) return ['userId', 'channelName', 'id'];
  if (filter.levels?.length === 1) return ['userId', 'level', 'id'];
  if (filter.status === 'archived') return ['userId', 'archivedAt'];
  return userIndex(dialect);
}

function searchWhere(db: Database, q: string): WhereOptions {
  const position = db.sequelize.getDialect() === 'postgres' ? 'strpos' : 'instr';
  const attributes = db.getModel(COLLECTIONS.messages).getAttributes();
  const contains = (attribute: string) =>
    sqlWhere(fn(position, fn('lower', col(attributes[attribute].field ?? attribute)), q.toLowerCase()), Op.gt, 0);
  return { [Op.or]: [contains('title'), contains('content')] };
}
