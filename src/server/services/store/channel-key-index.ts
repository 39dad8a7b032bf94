import type { Database } from '@nocobase/database';
import { COLLECTIONS } from '../../../shared/constants';
import { indexesDroppedOnSync } from './indexes-dropped-on-sync';

/**
 * NocoBase gives every belongsTo an index on its foreign key unless a declared index starts with it. The messages'
 * channel key (channelName) has one of its own that no read of ours uses: every read leads with userId, and a
 * retention purge walks the ids. A send writes to it once per receiver, so it goes: a channel's deletion, which
 * deletes the channel's messages (NocoBase's cascade), reads the table once instead. An install made before keeps
 * the index until the table is synced again (an upgrade), which drops it.
 */
export function withoutChannelKeyIndex(db: Database): void {
  const column = db.getModel(COLLECTIONS.messages).getAttributes().channelName.field ?? 'channelName';
  // by attribute or by column: DB_UNDERSCORED apps keep the index's fields as columns
  indexesDroppedOnSync(db, COLLECTIONS.messages, (fields) => fields.length === 1 && ['channelName', column].includes(fields[0]));
}
