import type { Database } from '@nocobase/database';
import { randomUUID } from 'crypto';
import type { Transaction } from 'sequelize';
import { CHANNEL_TYPE } from '../../shared/constants';

/** notification-manager's log collection: its Logs page lists every send, whichever node made it. */
const SEND_LOGS = 'notificationSendLogs';

export interface SendLogEntry {
  channelName: unknown;
  /** The message as resolved (or the node's config when resolving it failed). */
  message: object;
  receiversCount: number;
  status: 'success' | 'failure';
  reason?: string;
}

/**
 * Writes one row of Notification Manager → Logs for a send of our workflow node, as the stock notification
 * node's sends get. In the send's transaction: a send rolled back leaves no "success" behind.
 */
export async function writeSendLog(db: Database, entry: SendLogEntry, transaction?: Transaction): Promise<void> {
  if (!db.hasCollection(SEND_LOGS)) return;
  const channelName = typeof entry.channelName === 'string' ? entry.channelName : '';
  const channel = channelName
    ? ((await db.getModel('notificationChannels').findOne({ attributes: ['title'], where: { name: channelName }, raw: true, transaction })) as { title?: string } | null)
    : null;
  await db.getModel(SEND_LOGS).create(
    {
      id: randomUUID(),
      channelName,
      channelTitle: channel?.title ?? '',
      triggerFrom: 'workflow',
      notificationType: CHANNEL_TYPE,
      status: entry.status,
      message: { ...entry.message, receiversCount: entry.receiversCount },
      reason: entry.reason ?? null,
    },
    { hooks: false, transaction },
  );
}
