import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';

type ShownIndex = { name: string; primary?: boolean; fields: { attribute: string }[] };

/**
 * Takes the indexes `unwanted` picks (by their fields, attributes or columns as the model keeps them) out of the
 * collection `name` before its table is synced, and out of the table itself after each sync: an install an earlier
 * version made keeps such an index until then (an upgrade syncs).
 */
export function indexesDroppedOnSync(db: Database, name: string, unwanted: (fields: string[]) => boolean): void {
  const collection = db.getCollection(name);
  const model = collection.model;
  const declared = (model as unknown as { _indexes: { fields: unknown[] }[] })._indexes;
  for (const index of declared.filter((item) => unwanted(item.fields.map(String)))) collection.removeIndex(index.fields as string[]);
  const options = model.options as { indexes?: { fields?: unknown[] }[] };
  options.indexes = options.indexes?.filter((index) => !unwanted((index.fields ?? []).map(String)));

  db.on(`${name}.afterSync`, async (syncOptions?: { transaction?: Transaction }) => {
    const queries = db.sequelize.getQueryInterface();
    const table = model.getTableName();
    const shown = (await queries.showIndex(table, { transaction: syncOptions?.transaction })) as ShownIndex[];
    for (const index of shown.filter((item) => !item.primary && unwanted(item.fields.map((field) => field.attribute)))) {
      await queries.removeIndex(table, index.name, { transaction: syncOptions?.transaction });
    }
  });
}
