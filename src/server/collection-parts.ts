/**
 * Pieces shared by the collection files (kept outside collections/, which NocoBase imports file by file).
 */
import type { IndexesOptions } from 'sequelize';

/** `index` with its `where` applied on these dialects only; elsewhere it holds every row (partial-indexes.ts). */
export const partialOnlyOn = (dialects: string[], index: IndexesOptions): IndexesOptions =>
  ({ ...index, partialOn: dialects }) as IndexesOptions;

/** `index` made on these dialects only; elsewhere another index serves its reads (dialect-indexes.ts). */
export const onlyOn = (dialects: string[], index: IndexesOptions): IndexesOptions => ({ ...index, onlyOn: dialects }) as IndexesOptions;

/** Rows written once and kept as history: backed up with logs, schema only when migrating, created time only. */
export const historyCollectionOptions = {
  dumpRules: { group: 'log' as const },
  migrationRules: ['schema-only'],
  autoGenId: false,
  timestamps: true,
  updatedAt: false,
};

/**
 * The user and the channel an inbox row belongs to, deleted with either. Declared after a collection's own
 * fields: each association adds a foreign-key index, which drops declared indexes on fields not defined yet.
 */
export const userAndChannelAssociations = () => [
  { name: 'user', type: 'belongsTo', target: 'users', foreignKey: 'userId', onDelete: 'CASCADE' },
  {
    name: 'channel',
    type: 'belongsTo',
    target: 'notificationChannels',
    foreignKey: 'channelName',
    targetKey: 'name',
    onDelete: 'CASCADE',
  },
];
