import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { COUNTERS_FILLFACTOR } from '../server/services/store/room-for-updates';
import { createInboxApp } from './test-utils';

const dialect = process.env.DB_DIALECT || 'sqlite';
const onPostgres = dialect === 'postgres';
/** Where an index may hold only some rows; MySQL and MariaDB index every row. */
const partialIndexes = onPostgres || dialect === 'sqlite';
const mysqlFamily = ['mysql', 'mariadb'].includes(dialect);

/**
 * Whether the messages table has an index on `attributes` holding only the rows where `kept` has a value, read from
 * the index's own SQL as the database keeps it, in the columns the model stores the attributes in.
 */
async function partialIndexOn(app: MockServer, attributes: string[], kept: string): Promise<boolean> {
  const model = app.db.getModel(COLLECTIONS.messages);
  const column = (attribute: string) => (model.getAttributes()[attribute].field as string).toLowerCase();
  const read = onPostgres
    ? 'SELECT indexdef AS def FROM pg_indexes WHERE tablename = :table'
    : "SELECT sql AS def FROM sqlite_master WHERE type = 'index' AND tbl_name = :table AND sql IS NOT NULL";
  const rows = (await app.db.sequelize.query(read, { replacements: { table: model.getTableName() }, type: 'SELECT' })) as { def: string }[];
  // quotes and parentheses dropped: PostgreSQL writes `WHERE ("c" IS NOT NULL)`, SQLite `WHERE `c` IS NOT NULL`
  const wanted = `${attributes.map(column).join(', ')} where ${column(kept)} is not null`;
  return rows.some(({ def }) => def.replace(/["`()]/g, '').toLowerCase().includes(wanted));
}

/** The indexes of `collection`'s table as the database shows them; `has` tells one on exactly these attributes. */
async function indexedColumnsOf(app: MockServer, collection: string) {
  const model = app.db.getModel(collection);
  const indexes = (await app.db.sequelize.getQueryInterface().showIndex(model.getTableName() as any)) as any[];
  const field = (name: string) => model.getAttributes()[name].field;
  return {
    has: (names: string[]) =>
      indexes.some((index) => JSON.stringify(index.fields.map((f: any) => f.attribute)) === JSON.stringify(names.map(field))),
  };
}

/** The read paths lean on these; a lost index would turn a user's query into a scan of everyone's rows. */
describe('indexes declared in the collection files exist in the database', () => {
  let app: MockServer;
  beforeAll(async () => {
    app = await createInboxApp();
  });
  afterAll(async () => app?.destroy());

  const indexedColumns = (collection: string) => indexedColumnsOf(app, collection);

  it.each([
    [COLLECTIONS.messages, ['userId', 'channelName', 'id']],
    // a level filter, the archived view and the snooze wake-up
    [COLLECTIONS.messages, ['userId', 'level', 'id']],
    [COLLECTIONS.messages, ['userId', 'archivedAt']],
    [COLLECTIONS.messages, ['snoozedUntil']],
    // a user's counters (the channel list, the count) through the primary key
    [COLLECTIONS.counters, ['userId', 'channelName']],
  ])('%s has an index on %j', async (collection, columns) => {
    expect((await indexedColumns(collection)).has(columns)).toBe(true);
  });

  (mysqlFamily ? it.skip : it)('has an index on a user\'s messages in id order', async () => {
    expect((await indexedColumns(COLLECTIONS.messages)).has(['userId', 'id'])).toBe(true);
  });

  // InnoDB ends (userId, archivedAt) with the primary key: it holds a user's shown rows in id order, and a send pays
  // for each index its rows go into; an earlier install made (userId, id) there, which the upgrade's sync drops
  (mysqlFamily ? it : it.skip)('keeps no (userId, id) index on MySQL/MariaDB, and drops the one an earlier install made', async () => {
    expect((await indexedColumns(COLLECTIONS.messages)).has(['userId', 'id'])).toBe(false);
    const collection = app.db.getCollection(COLLECTIONS.messages);
    const columns = ['userId', 'id'].map((name) => collection.model.getAttributes()[name].field as string);
    await app.db.sequelize.getQueryInterface().addIndex(collection.model.getTableName(), columns, { name: 'inbox_messages_user_id_id' });
    expect((await indexedColumns(COLLECTIONS.messages)).has(['userId', 'id'])).toBe(true);
    await collection.sync();
    expect((await indexedColumns(COLLECTIONS.messages)).has(['userId', 'id'])).toBe(false);
  });

  // NocoBase indexes a belongsTo's key; no read of ours uses this one, and a send would write it once per receiver
  it('keeps no index on the channel key alone', async () => {
    expect((await indexedColumns(COLLECTIONS.messages)).has(['channelName'])).toBe(false);
  });

  // an install from before had it: the upgrade's sync drops it
  it('drops the channel key index an earlier install made when the table is synced', async () => {
    const collection = app.db.getCollection(COLLECTIONS.messages);
    const column = collection.model.getAttributes().channelName.field as string;
    await app.db.sequelize.getQueryInterface().addIndex(collection.model.getTableName(), [column], { name: 'inbox_messages_channel_key' });
    expect((await indexedColumns(COLLECTIONS.messages)).has(['channelName'])).toBe(true);
    await collection.sync();
    expect((await indexedColumns(COLLECTIONS.messages)).has(['channelName'])).toBe(false);
  });

  // a send's rows are never snoozed: it writes nothing to an index of snoozed rows only
  (partialIndexes ? it : it.skip)('keeps only snoozed rows in the wake-up index', async () => {
    expect(await partialIndexOn(app, ['snoozedUntil'], 'snoozedUntil')).toBe(true);
  });

  // a send's rows are never archived either; SQLite reads the index's other half for the inbox's own views
  (partialIndexes ? it : it.skip)("keeps only archived rows in the archived view's index on PostgreSQL, every row on SQLite", async () => {
    expect(await partialIndexOn(app, ['userId', 'archivedAt'], 'archivedAt')).toBe(onPostgres);
  });

  // a send rewrites its receivers' counter rows: with room left in each page PostgreSQL does it without the indexes
  (onPostgres ? it : it.skip)('leaves room for in-place updates in the counters table (PostgreSQL)', async () => {
    const table = app.db.getModel(COLLECTIONS.counters).getTableName() as unknown as string;
    const [row] = (await app.db.sequelize.query('SELECT reloptions FROM pg_class WHERE relname = :table', {
      replacements: { table },
      type: 'SELECT',
    })) as { reloptions: string[] | null }[];
    expect(row.reloptions).toContain(`fillfactor=${COUNTERS_FILLFACTOR}`);
  });
});

// DB_UNDERSCORED stores every attribute in a snake_case column: the partial indexes' conditions must name those
(dialect === 'sqlite' ? describe : describe.skip)('partial indexes with underscored column names', () => {
  let app: MockServer;
  beforeAll(async () => {
    const before = process.env.DB_UNDERSCORED;
    process.env.DB_UNDERSCORED = 'true';
    try {
      app = await createInboxApp();
    } finally {
      process.env.DB_UNDERSCORED = before;
    }
  });
  afterAll(async () => app?.destroy());

  it('installs, its partial index naming the snake_case column', async () => {
    expect(app.db.getModel(COLLECTIONS.messages).getAttributes().snoozedUntil.field).toBe('snoozed_until');
    expect(await partialIndexOn(app, ['snoozedUntil'], 'snoozedUntil')).toBe(true);
  });
});
