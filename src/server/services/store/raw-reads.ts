import type { Database } from '@nocobase/database';

/** The find options of a read whose rows we take raw: `raw: true`, marked for `skipColumnTypesOfRawReads`. */
export const RAW_READ = { raw: true, inboxRawRead: true } as const;

type QueryOptions = { inboxRawRead?: boolean; tableNames?: string[] };

/**
 * sequelize's SQLite driver runs `PRAGMA table_info` on the model's table before every find, one more statement
 * through the thread pool (0.25–0.4 ms at 1,000,000 messages), to learn column types it only uses to convert model
 * instances. A read with RAW_READ takes its rows raw, so it is spared that statement: an empty list of tables
 * tells the driver there is none to look up. `Model.findAll` sets that list itself, hence the hook rather than an
 * option; raw SQL (`TableSql.rows`) takes the same mark. Other reads, NocoBase's included, are left as they are;
 * other dialects never look.
 */
export function skipColumnTypesOfRawReads(db: Database): void {
  if (db.sequelize.getDialect() !== 'sqlite') return;
  type Hook = (options: QueryOptions, query: { options: QueryOptions }) => void;
  type Hooked = { addHook(name: 'beforeQuery', key: string, hook: Hook): void; removeHook(name: 'beforeQuery', key: string): void };
  const sequelize = db.sequelize as unknown as Hooked;
  // once however often the plugin loads on this database
  sequelize.removeHook('beforeQuery', 'inboxRawReads');
  sequelize.addHook('beforeQuery', 'inboxRawReads', (options, query) => {
    if (options.inboxRawRead) query.options.tableNames = [];
  });
}
