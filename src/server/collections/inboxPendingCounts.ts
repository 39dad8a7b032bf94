import { defineCollection } from '@nocobase/database';
import { COLLECTIONS } from '../../shared/constants';

/**
 * Sends not yet added to inboxCounters: each row is one send's new message ids, from firstId to lastId with no other
 * message between. A send writes this one row instead of a counter upsert per receiver; right after it commits, the
 * fold adds the range to the counters and deletes the row (pending-counts.ts). Every count reads the counters plus the
 * visible messages still in a range, so it is exact at every moment. Backed up with the messages it describes.
 */
export default defineCollection({
  name: COLLECTIONS.pendingCounts,
  dumpRules: { group: 'log' },
  migrationRules: ['schema-only'],
  autoGenId: false,
  timestamps: false,
  fields: [
    { name: 'id', type: 'bigInt', primaryKey: true, autoIncrement: true, allowNull: false },
    { name: 'firstId', type: 'bigInt', allowNull: false },
    { name: 'lastId', type: 'bigInt', allowNull: false },
  ],
});
