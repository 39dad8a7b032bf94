/**
 * The user and the channel an inbox row belongs to, deleted with either. Declared after a collection's own
 * fields: each association adds a foreign-key index, which drops declared indexes on fields not defined yet.
 * (Kept outside collections/, which NocoBase imports file by file as collections.)
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
