import type { Database } from '@nocobase/database';
import { COLLECTIONS } from '../../../shared/constants';
import { indexesDroppedOnSync } from './indexes-dropped-on-sync';

type Index = { fields: string[]; onlyOn?: string[] };

/**
 * Some indexes of ours are made on some databases only (`onlyOn` in their collection file): elsewhere another index
 * serves their reads, and a send would only pay for writing them. On the other databases they are not made, and a
 * table an earlier version made loses them at its next sync.
 */
export function indexesOfThisDialect(db: Database): void {
  const dialect = db.sequelize.getDialect();
  for (const name of Object.values(COLLECTIONS)) {
    if (!db.hasCollection(name)) continue;
    const attributes = db.getModel(name).getAttributes();
    const columns = (fields: string[]) => fields.map((field) => attributes[field]?.field ?? field).join(',');
    const declared = (db.getModel(name) as unknown as { _indexes: Index[] })._indexes;
    const elsewhere = new Set(declared.filter((index) => index.onlyOn && !index.onlyOn.includes(dialect)).map((index) => columns(index.fields)));
    if (elsewhere.size) indexesDroppedOnSync(db, name, (fields) => elsewhere.has(columns(fields)));
  }
}
