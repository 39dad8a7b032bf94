import { defineCollection } from '@nocobase/database';
import { COLLECTIONS } from '../../shared/constants';
import { userAndChannelAssociations } from '../collection-parts';

/**
 * Per user and channel: unread and total counts and the latest message id, kept in the same transaction as
 * every write to inboxMessages. The bell's count and the channel list read these few rows instead of
 * aggregating a user's whole history.
 */
export default defineCollection({
  name: COLLECTIONS.counters,
  dumpRules: { group: 'log' },
  migrationRules: ['schema-only'],
  autoGenId: false,
  timestamps: false,
  fields: [
    { name: 'userId', type: 'bigInt', primaryKey: true, allowNull: false },
    { name: 'channelName', type: 'string', primaryKey: true, allowNull: false },
    { name: 'unreadCount', type: 'integer', allowNull: false, defaultValue: 0 },
    { name: 'totalCount', type: 'integer', allowNull: false, defaultValue: 0 },
    { name: 'lastMessageId', type: 'bigInt', allowNull: false, defaultValue: 0 },
    ...userAndChannelAssociations(),
  ],
  // No index on (userId, lastMessageId): the primary key already finds a user's few rows (one per channel) and
  // sorting those is free, while that index cost every fan-out a delete + insert per receiver (−40% counter time).
});
