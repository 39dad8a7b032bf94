import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';

type ShownIndex = { name: string; primary?: boolean; fields: { attribute: string }[] };

/**
 * NocoBase gives every belongsTo an index on its foreign key unless a declared index starts with it. The messages'
 * channel key (channelName) has one of its own that no read of ours uses: every read leads with userId, and a
 * retention purge walks the ids. A send writes to it once per receiver, so it goes: a channel's deletion, which
 * deletes the channel's messages (NocoBase's cascade), reads the table once instead. An install made before keeps
 * the index until the table is synced again (an upgrade), which drops it.
 */
export function withoutChannelKeyIndex(db: Database): void {
  const collection = db.getCollection(COLLECTIONS.messages);
  const model = collection.model;
  const column = model.getAttributes().channelName.field ?? 'channelName';
  // by attribute or by column: DB_UNDERSCORED apps keep the index's fields as columns
  const byKeyAlone = (fields: unknown[]) => fields.length === 1 && ['channelName', column].includes(String(fields[0]));
  const indexes = (model as unknown as { _indexes: { fields: unknown[] }[] })._indexes;
  for (const index of indexes.filter((item) => byKeyAlone(item.fields))) collection.removeIndex(index.fields as string[]);

  db.on(`${COLLECTIONS.messages}.afterSync`, async (options?: { transaction?: Transaction }) => {
    const queries = db.sequelize.getQueryInterface();
    const table = model.getTableName();
    const shown = (await queries.showIndex(table, { transaction: options?.transaction })) as ShownIndex[];
    for (const index of shown.filter((item) => !item.primary && byKeyAlone(item.fields.map((field) => field.attribute)))) {
      await queries.removeIndex(table, index.name, { transaction: options?.transaction });
    }
  });
}
