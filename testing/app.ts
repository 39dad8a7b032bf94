// A real NocoBase app with the inbox plugin, its users and their sessions: what the server suites and the bench
// boot and talk to (the browser suite starts the demo with `npm start`'s launcher instead).
import http from 'http';
import type { AddressInfo } from 'net';
import { MockServer, createMockServer } from '@nocobase/test';
import { CHANNEL_TYPE, PLUGIN_NAME } from '../src/shared/constants';
import PluginInAppMessageServer from '../src/server/plugin';

/**
 * Plugins a real app has around the inbox: users, auth, ACL, notification manager and workflow, and the main data
 * source with its error handler (without them a role's general permissions would reach every table, ours too).
 */
export const BASE_PLUGINS = [
  'error-handler',
  'field-sort',
  'data-source-main',
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
  /** Options of our plugin (e.g. `streamPingMs`, `redisUrl`). */
  inbox?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Boots a real NocoBase app (install + start) with our plugin on the database the env names. */
/**
 * The plugin's timed jobs (snooze wake-ups each second, search indexing, the hand-back of dropped workflow executions)
 * held back for an hour: a suite that counts the statements a call makes sees only that call's, never a job's round
 * that happened to fall in between.
 */
export const QUIET_JOBS = { snoozeCheckMs: 3_600_000, searchIndexMs: 3_600_000, strandedCheckMs: 3_600_000 };

export async function createInboxApp(options: AppOptions = {}): Promise<MockServer> {
  const { plugins = [], inbox = {}, ...rest } = options;
  return createMockServer({
    acl: false,
    ...rest,
    plugins: [...BASE_PLUGINS, ...plugins.filter((p) => !BASE_PLUGINS.includes(p)), // no packageName: NocoBase would then import the package's built dist instead of this class
      [PluginInAppMessageServer, { ...inbox, name: PLUGIN_NAME }]],
  } as any);
}

export const pluginOf = (app: MockServer) => app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer;
export const inboxOf = (app: MockServer) => pluginOf(app).inbox;
/** The node's real-time hub: its open streams (`registry`) and `idle()`, once its queued count updates are written. */
export const hubOf = (app: MockServer) => pluginOf(app).realtime.hub;

/** Users that can log in (created through the repository, with a role). */
export async function createUsers(app: MockServer, count: number, roles: string[] = ['member']) {
  const users: any[] = [];
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

/** The headers NocoBase's API client sends for a signed-in user: a token the app's own auth issued. */
export async function authHeaders(app: MockServer, user: any, role = 'member'): Promise<Record<string, string>> {
  const id = userId(user);
  const { tokenController, jwt } = app.authManager as any;
  const { jti } = await tokenController.add({ userId: id });
  const { tokenExpirationTime } = await tokenController.getConfig();
  const token = jwt.sign({ userId: id, temp: true, roleName: role, signInTime: Date.now() }, { jwtid: jti, expiresIn: tokenExpirationTime });
  return { Authorization: `Bearer ${token}`, 'X-Authenticator': 'basic', 'X-Role': role };
}

/** The app behind a real HTTP server on a loopback port (what a browser talks to). */
export interface Listening {
  /** Where the app's resources answer: the origin plus the resourcer's prefix (none in a mock app, `/api` in production). */
  api: string;
  close(): Promise<void>;
}

export async function listen(app: MockServer): Promise<Listening> {
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    api: `http://127.0.0.1:${port}${(app as any).resourcer.options.prefix ?? ''}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
