import { defineCollection } from '@nocobase/database';
import { COLLECTIONS } from '../../shared/constants';

/** A user's inbox preferences; a user without a row has the defaults (toasts on, nothing muted). */
export default defineCollection({
  name: COLLECTIONS.preferences,
  dumpRules: 'required',
  migrationRules: ['overwrite', 'schema-only'],
  autoGenId: false,
  timestamps: true,
  fields: [
    { name: 'userId', type: 'bigInt', primaryKey: true, allowNull: false },
    { name: 'toasts', type: 'boolean', allowNull: false, defaultValue: true },
    { name: 'mutedChannels', type: 'json', defaultValue: [] },
    // OS notifications while the tab is hidden, their sound, and a daily quiet period { from, to } ("HH:mm")
    { name: 'desktopAlerts', type: 'boolean', allowNull: false, defaultValue: false },
    { name: 'sound', type: 'boolean', allowNull: false, defaultValue: false },
    { name: 'quietHours', type: 'json' },
    // associations last: each adds a foreign-key index, which drops declared indexes on fields not defined yet
    { name: 'user', type: 'belongsTo', target: 'users', foreignKey: 'userId', onDelete: 'CASCADE' },
  ],
});
