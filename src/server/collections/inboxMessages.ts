import { defineCollection } from '@nocobase/database';
import { Op } from 'sequelize';
import { COLLECTIONS } from '../../shared/constants';
import { historyCollectionOptions, onlyOn, partialOnlyOn, userAndChannelAssociations } from '../collection-parts';

/**
 * One row per receiver. The integer id is monotonic: it orders every list and is the real-time event id
 * a reconnecting browser replays from. Indexes lead with userId so no query reads another user's rows.
 */
export default defineCollection({
  name: COLLECTIONS.messages,
  ...historyCollectionOptions,
  fields: [
    { name: 'id', type: 'bigInt', primaryKey: true, autoIncrement: true, allowNull: false },
    { name: 'userId', type: 'bigInt', allowNull: false },
    { name: 'channelName', type: 'string', allowNull: false },
    { name: 'title', type: 'string', length: 255, allowNull: false },
    // 64 KB of markdown does not fit MySQL/MariaDB's TEXT (65,535 bytes)
    { name: 'content', type: 'text', length: 'medium' },
    { name: 'level', type: 'string', length: 16, allowNull: false, defaultValue: 'info' },
    { name: 'url', type: 'text' },
    { name: 'readAt', type: 'date' },
    { name: 'createdAt', type: 'date', allowNull: false },
    { name: 'options', type: 'json', defaultValue: {} },
    // buttons [{ key, title, style?, url? }] and the receiver's first answer { action, at }
    // no defaultValue: with `[]` here SQLite ended up without any of the indexes below (inbox-indexes.test.ts), so
    // reads scanned everyone's rows; a missing value reads as [] (serialize.ts), and every send writes its own
    { name: 'actions', type: 'json' },
    { name: 'response', type: 'json' },
    // put aside by the user: out of the lists and every count until unarchived / until the snooze ends
    { name: 'archivedAt', type: 'date' },
    { name: 'snoozedUntil', type: 'date' },
    ...userAndChannelAssociations(),
  ],
  indexes: [
    // a channel's messages newest first, by cursor; also the latest message of a channel
    { fields: ['userId', 'channelName', 'id'] },
    // all of a user's messages newest first, by cursor. Not on MySQL/MariaDB: InnoDB ends every index with the primary
    // key, so (userId, archivedAt) below holds a user's shown rows (archivedAt NULL) in id order, and a send's rows,
    // written into each index at a place of their user's, cost 14% less without this one (bench/results)
    onlyOn(['sqlite', 'postgres'], { fields: ['userId', 'id'] }),
    // a level filter newest first, by cursor
    { fields: ['userId', 'level', 'id'] },
    // the archived view: only the user's archived rows are read. Partial on PostgreSQL only (see partial-indexes.ts):
    // a send's rows are never archived; SQLite reads its NULL half for the other views (userId, archivedAt IS NULL, in
    // rowid order), and without it they scan more
    partialOnlyOn(['postgres'], { fields: ['userId', 'archivedAt'], where: { archivedAt: { [Op.ne]: null } } }),
    // the snooze wake-up: due rows of every user, earliest first. Partial (see partial-indexes.ts): only snoozed rows,
    // so a send, whose rows are never snoozed, does not write to it; no list reads it
    { fields: ['snoozedUntil'], where: { snoozedUntil: { [Op.ne]: null } } },
  ],
});
