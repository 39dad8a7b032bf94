import type { Database } from '@nocobase/database';
import { Utils } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';

/** An index as the model keeps it: `partialOn` names the only dialects where its `where` applies (all: absent). */
type Index = { where?: Record<string, unknown>; partialOn?: string[] };
type Indexed = { _indexes?: Index[] };

/**
 * Some indexes of ours are partial: declared with a `where` in their collection file, they hold only the rows it
 * keeps (snoozed or archived messages), so a send, whose rows never are, does not write to them. An index may
 * be partial on some databases only (`partialOnlyOn`): SQLite's planner reads the other half of one too.
 * PostgreSQL and SQLite honour the condition; MySQL and MariaDB index every row. sequelize writes the condition
 * with the names as declared, attribute names, and the fields' column names may differ (`DB_UNDERSCORED`): the
 * index would name a column that does not exist and the install fail. This drops the conditions that do not apply
 * here and writes the others in column names, before the tables are synced; on an unchanged name it is a no-op.
 */
export function partialIndexesByColumn(db: Database): void {
  const dialect = db.sequelize.getDialect();
  for (const name of Object.values(COLLECTIONS)) {
    if (!db.hasCollection(name)) continue;
    const model = db.getModel(name);
    for (const index of (model as unknown as Indexed)._indexes ?? []) {
      if (index.partialOn && !index.partialOn.includes(dialect)) delete index.where;
      if (index.where) index.where = Utils.mapWhereFieldNames(index.where, model) as Record<string, unknown>;
    }
  }
}
