import PluginNotificationManagerServer from '@nocobase/plugin-notification-manager';
import type { MockServer } from '@nocobase/test';
import { CHANNEL_TYPE } from '../src/shared/constants';
import { createBystanders, createChannel, createInboxApp } from '../testing/app';

/** The official plugin's channel type (its `inAppTypeName`). */
export const OFFICIAL_CHANNEL_TYPE = 'in-app-message';
export const OFFICIAL_MESSAGES = 'notificationInAppMessages';
/** notification-manager's send log, which every send through it writes, either plugin's. */
export const SEND_LOGS = 'notificationSendLogs';

export type Side = 'ours' | 'theirs';
export const SIDES: Side[] = ['ours', 'theirs'];

/** One app, one database, both plugins: every figure of a scenario comes from this same process. */
export const bootBothPlugins = (options: Record<string, unknown> = {}): Promise<MockServer> =>
  createInboxApp({ ...options, plugins: ['notification-in-app-message'] });

/** Channel names of each plugin, `count` per side, created through the channels repository. */
export async function createChannels(app: MockServer, count: number): Promise<Record<Side, string[]>> {
  const names: Record<Side, string[]> = { ours: [], theirs: [] };
  for (let i = 0; i < count; i++) {
    names.ours.push(await createChannel(app, `inbox-${i}`, `Inbox channel ${i}`, CHANNEL_TYPE));
    names.theirs.push(await createChannel(app, `official-${i}`, `Official channel ${i}`, OFFICIAL_CHANNEL_TYPE));
  }
  return names;
}

/** Receivers that only receive, inserted a few thousand at a time. */
export async function createReceivers(app: MockServer, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let left = count; left > 0; left -= 5000) ids.push(...(await createBystanders(app, Math.min(5000, left))));
  return ids;
}

/** Users that can sign in (a `member` role each), inserted in bulk: what a thousand open browsers need. */
export async function createMembers(app: MockServer, count: number): Promise<number[]> {
  const ids = await createReceivers(app, count);
  const rows = ids.map((userId) => ({ userId, roleName: 'member' }));
  await app.db.getModel('rolesUsers').bulkCreate(rows, { hooks: false });
  return ids;
}

/** The body of every benchmark send: a typical one-line notification. */
export const MESSAGE_CONTENT = 'A new lead was assigned to you: review it before the end of the day.';

/** An actionable message's buttons, as a workflow's approval node would send them (ours only: the official has none). */
export const MESSAGE_BUTTONS = [
  { key: 'approve', title: 'Approve', style: 'primary' },
  { key: 'reject', title: 'Reject', style: 'danger' },
];

/** A send as a workflow node or another plugin makes it: through notification-manager, by user ids, with `actions` if given. */
export async function sendThroughManager(app: MockServer, channelName: string, userIds: number[], title: string, actions?: unknown[]) {
  const result = await app.pm.get(PluginNotificationManagerServer).send({
    channelName,
    triggerFrom: 'bench',
    message: { title, content: MESSAGE_CONTENT, ...(actions ? { actions } : {}) },
    receivers: { type: 'userId', value: userIds },
  });
  if (result.status !== 'success') throw new Error(`send on ${channelName} failed: ${(result as any).reason}`);
}
