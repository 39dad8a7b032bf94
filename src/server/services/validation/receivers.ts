import type { Database, Filter, Model } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { Op } from 'sequelize';
import { invalid } from '../errors';
import { uniqueAscending } from '../store/id-order';

/** Receivers sorted by kind, before any lookup. */
export interface ReceiverSpec {
  userIds: number[];
  roles: string[];
  filters: Record<string, unknown>[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const toUserId = (value: unknown): number | null => {
  const id = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
};

/** An empty filter would select every user: that takes an explicit `{ all: true }`. */
function checkFilter(filter: unknown): Record<string, unknown> {
  if (!isObject(filter)) throw invalid('receivers', 'a filter must be an object');
  if (!Object.keys(filter).length) throw invalid('receivers', 'an empty filter selects every user: send to { all: true } for that');
  return filter;
}

function addItem(spec: ReceiverSpec, item: unknown): void {
  if (item === null || item === undefined || item === '') return;
  if (Array.isArray(item)) {
    item.forEach((inner) => addItem(spec, inner));
    return;
  }
  const id = toUserId(item);
  if (id !== null) {
    spec.userIds.push(id);
    return;
  }
  if (isObject(item)) {
    if (item.type === 'userId') return addItem(spec, item.value);
    // a record with an id is that user, whatever other fields it has (a custom `role` or `filter` field included)
    if (toUserId(item.id) !== null) return void spec.userIds.push(toUserId(item.id) as number);
    if (item.all === true) return void spec.filters.push({});
    if ('filter' in item) return void spec.filters.push(checkFilter(item.filter));
    if (typeof item.role === 'string' && item.role) return void spec.roles.push(item.role);
    if (Array.isArray(item.roles)) return item.roles.forEach((role: unknown) => addItem(spec, { role }));
    if (Array.isArray(item.users)) return addItem(spec, item.users);
  }
  throw invalid('receivers', `cannot read receiver ${JSON.stringify(item).slice(0, 80)}`);
}

/**
 * Pure: accepts user ids (numbers or numeric strings), user records (anything with an `id`), non-empty
 * `{ filter }` user selections, `{ role }` / `{ roles }` role names, `{ all: true }` for every user,
 * notification-manager's `{ type: 'userId', value }`, nested arrays.
 */
export function parseReceivers(input: unknown): ReceiverSpec {
  const spec: ReceiverSpec = { userIds: [], roles: [], filters: [] };
  addItem(spec, input);
  if (!spec.userIds.length && !spec.roles.length && !spec.filters.length) {
    throw invalid('receivers', 'at least one receiver is required');
  }
  return spec;
}

/** Users holding any of `roles`. */
export async function roleUserIds(db: Database, roles: string[], transaction?: Transaction): Promise<number[]> {
  if (!roles.length) return [];
  const rows = (await db.getModel('rolesUsers').findAll({
    attributes: ['userId'],
    where: { roleName: { [Op.in]: [...new Set(roles)] } },
    raw: true,
    transaction,
  })) as unknown as { userId: number }[];
  return rows.map((row) => Number(row.userId));
}

/**
 * Runs outside the caller's transaction on purpose: a filter naming an unknown field fails in the database,
 * and on PostgreSQL that would abort the whole caller's transaction (a workflow's, say), not just this send.
 */
async function filterUserIds(db: Database, filters: Record<string, unknown>[]) {
  const ids: number[] = [];
  for (const filter of filters) {
    try {
      const users: Model[] = await db.getRepository('users').find({ filter: filter as Filter, fields: ['id'] });
      users.forEach((user) => ids.push(Number(user.get('id'))));
    } catch (error) {
      throw invalid('receivers', `invalid user filter (${(error as Error).message})`);
    }
  }
  return ids;
}

/**
 * Resolves receivers to user ids, deduplicated, ascending. Ids given directly are not looked up here: the fan-out
 * insert selects the receivers' rows from `users`, so an id without a user gets no message, at no extra query.
 */
export async function resolveReceivers(db: Database, spec: ReceiverSpec, transaction?: Transaction): Promise<number[]> {
  const [direct, byRole, byFilter] = [
    spec.userIds,
    await roleUserIds(db, spec.roles, transaction),
    await filterUserIds(db, spec.filters),
  ];
  return uniqueAscending([...direct, ...byRole, ...byFilter]);
}
