import { defineCollection } from '@nocobase/database';
import { COLLECTIONS } from '../../shared/constants';

/** App-wide inbox settings, one row (id 1), edited by admins. */
export default defineCollection({
  name: COLLECTIONS.settings,
  dumpRules: 'required',
  migrationRules: ['overwrite', 'schema-only'],
  autoGenId: false,
  timestamps: true,
  fields: [
    { name: 'id', type: 'integer', primaryKey: true, allowNull: false },
    // read messages older than this many days are deleted by the daily job; 0 keeps them forever
    { name: 'retentionDays', type: 'integer', allowNull: false, defaultValue: 0 },
    // failure alert { roleName, channelName } of every workflow that has none of its own; null: none
    { name: 'defaultAlert', type: 'json' },
  ],
});
