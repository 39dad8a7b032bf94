import { MockServer, createMockServer } from '@nocobase/test';
import { CHANNEL_TYPE, PLUGIN_NAME } from '../constants';
import PluginInAppMessageServer from '../server/plugin';

/** Plugins a real app needs for the inbox: users, auth, ACL, notification manager and workflow. */
export const BASE_PLUGINS = [
  'field-sort',
  'data-source-manager',
  'users',
  'auth',
  'acl',
  'notification-manager',
  'workflow',
  'workflow-notification',
];

export interface AppOptions {
  acl?: boolean;
  plugins?: any[];
  [key: string]: unknown;
}

/** Boots a real NocoBase app (install + start) with our plugin on the database the env names. */
export async function createInboxApp(options: AppOptions = {}): Promise<MockServer> {
  const { plugins = [], ...rest } = options;
  return createMockServer({
    acl: false,
    ...rest,
    plugins: [...BASE_PLUGINS, ...plugins, // no packageName: NocoBase would then import the package's built dist instead of this class
      [PluginInAppMessageServer, { name: PLUGIN_NAME }]],
  } as any);
}

export const inboxOf = (app: MockServer) => (app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer).inbox;

/** Users that can log in (created through the repository, with a role). */
export async function createUsers(app: MockServer, count: number, roles: string[] = ['member']) {
  const users = [];
  for (let i = 0; i < count; i++) {
    const n = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}${i}`;
    users.push(
      await app.db.getRepository('users').create({
        values: { nickname: `user ${n}`, username: `u${n}`, email: `u${n}@example.com`, roles },
      }),
    );
  }
  return users;
}

/** Users that only receive (no login): one multi-row insert, as a bench or a big fan-out needs. */
export async function createBystanders(app: MockServer, count: number): Promise<number[]> {
  const stamp = Date.now().toString(36);
  const rows = Array.from({ length: count }, (_, i) => ({ nickname: `b${i}`, username: `b${stamp}_${i}`, email: `b${stamp}_${i}@example.com` }));
  const created = await app.db.getModel('users').bulkCreate(rows, { hooks: false, returning: true });
  const ids = created.map((u: any) => Number(u.get('id')));
  if (ids.some((id) => !id)) {
    const found = await app.db.getModel('users').findAll({ attributes: ['id'], where: { username: rows.map((r) => r.username) }, raw: true });
    return found.map((u: any) => Number(u.id));
  }
  return ids;
}

export async function createChannel(app: MockServer, name = 'marketing', title = 'Marketing Clue', type = CHANNEL_TYPE) {
  await app.db.getRepository('notificationChannels').create({
    values: { name, title, notificationType: type, options: {}, description: '' },
  });
  return name;
}

export const userId = (user: any): number => Number(user.get ? user.get('id') : user.id);

/** An agent logged in as `user`, with the `X-Role` the user holds. */
export const loginAs = async (app: MockServer, user: any, role = 'member') => app.agent().login(user, role);
