import { defineCollection } from '@nocobase/database';
import { COLLECTIONS } from '../../shared/constants';

/**
 * The ids of the official plugin's messages already copied into ours: what makes the import idempotent and
 * resumable. Kept apart from inboxMessages so a message its user deleted stays deleted on the next import.
 */
export default defineCollection({
  name: COLLECTIONS.importedMessages,
  dumpRules: { group: 'log' },
  migrationRules: ['schema-only'],
  autoGenId: false,
  timestamps: false,
  fields: [{ name: 'sourceId', type: 'string', length: 64, primaryKey: true, allowNull: false }],
});
