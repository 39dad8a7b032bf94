import type { Database } from '@nocobase/database';
import type { Transaction } from 'sequelize';
import { COLLECTIONS } from '../../../shared/constants';

type Destroyed = { get(attribute: string): unknown };

/**
 * Deletes a deleted user's (or channel's) counters once more at the end of its deletion, in its transaction.
 * NocoBase's cascade deletes the counters before the messages: a send or a fold committing between the two (it
 * counted messages that were still there; the fold's share locks make the messages' delete wait for it) would leave
 * counter rows behind whose owner is gone. Here, every row such a writer committed is visible and goes too.
 */
export function dropCountersWithOwners(db: Database): void {
  const counters = () => db.getModel(COLLECTIONS.counters);
  const drop = (where: Record<string, unknown>, transaction?: Transaction) => counters().destroy({ where, transaction, hooks: false });
  db.on('users.afterDestroy', (user: Destroyed, options: { transaction?: Transaction }) =>
    drop({ userId: user.get('id') }, options.transaction),
  );
  db.on('notificationChannels.afterDestroy', (channel: Destroyed, options: { transaction?: Transaction }) =>
    drop({ channelName: channel.get('name') }, options.transaction),
  );
}
