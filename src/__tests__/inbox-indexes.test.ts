import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { createInboxApp } from './test-utils';

/** The read paths lean on these; a lost index would turn a user's query into a scan of everyone's rows. */
describe('indexes declared in the collection files exist in the database', () => {
  let app: MockServer;
  beforeAll(async () => {
    app = await createInboxApp();
  });
  afterAll(async () => app?.destroy());

  const indexedColumns = async (collection: string) => {
    const model = app.db.getModel(collection);
    const indexes = (await app.db.sequelize.getQueryInterface().showIndex(model.getTableName() as any)) as any[];
    const field = (name: string) => model.getAttributes()[name].field;
    return {
      has: (names: string[]) =>
        indexes.some((index) => JSON.stringify(index.fields.map((f: any) => f.attribute)) === JSON.stringify(names.map(field))),
    };
  };

  it.each([
    [COLLECTIONS.messages, ['userId', 'channelName', 'id']],
    [COLLECTIONS.messages, ['userId', 'id']],
    // a level filter, the archived view and the snooze wake-up
    [COLLECTIONS.messages, ['userId', 'level', 'id']],
    [COLLECTIONS.messages, ['userId', 'archivedAt']],
    [COLLECTIONS.messages, ['snoozedUntil']],
    // a user's counters (the channel list, the count) through the primary key
    [COLLECTIONS.counters, ['userId', 'channelName']],
  ])('%s has an index on %j', async (collection, columns) => {
    expect((await indexedColumns(collection)).has(columns)).toBe(true);
  });
});
