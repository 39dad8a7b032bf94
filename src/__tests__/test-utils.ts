import { MockServer, createMockServer } from '@nocobase/test';
import { CHANNEL_TYPE, COLLECTIONS, PLUGIN_NAME, WORKFLOW_EXECUTION_PATH } from '../shared/constants';
import PluginInAppMessageServer from '../server/plugin';

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
export async function createInboxApp(options: AppOptions = {}): Promise<MockServer> {
  const { plugins = [], inbox = {}, ...rest } = options;
  return createMockServer({
    acl: false,
    ...rest,
    plugins: [...BASE_PLUGINS, ...plugins.filter((p) => !BASE_PLUGINS.includes(p)), // no packageName: NocoBase would then import the package's built dist instead of this class
      [PluginInAppMessageServer, { ...inbox, name: PLUGIN_NAME }]],
  } as any);
}

export const inboxOf = (app: MockServer) => (app.pm.get(PLUGIN_NAME) as PluginInAppMessageServer).inbox;

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

/** The seed's `leads` collection (name, company, email, note, owner), synced: what the workflow suites trigger on. */
export async function defineLeads(app: MockServer) {
  app.db.collection({
    name: 'leads',
    fields: [
      { type: 'string', name: 'name' },
      { type: 'string', name: 'company' },
      { type: 'string', name: 'email' },
      { type: 'text', name: 'note' },
      { type: 'belongsTo', name: 'owner', target: 'users', foreignKey: 'ownerId' },
    ],
  });
  await app.db.sync();
}

export interface NodeSpec {
  type: string;
  title?: string;
  config?: Record<string, unknown>;
}

export interface CollectionWorkflowSpec {
  collection: string;
  nodes: NodeSpec[];
  sync?: boolean;
  title?: string;
  options?: Record<string, unknown>;
  /** associations of the record loaded into `$context.data` */
  appends?: string[];
}

/** An enabled workflow run when a record of `collection` is created, its nodes chained in order. */
export async function createCollectionWorkflow(app: MockServer, spec: CollectionWorkflowSpec) {
  const { collection, nodes, sync = false, title = `on ${collection} created`, options = {}, appends = [] } = spec;
  const workflow = await app.db.getRepository('workflows').create({
    values: { title, type: 'collection', sync, enabled: false, options, config: { mode: 1, collection, appends } },
  });
  let upstream: any = null;
  for (const node of nodes) {
    const created = await app.db.getRepository('flow_nodes').create({
      values: { ...node, workflowId: workflow.get('id'), upstreamId: upstream?.get('id') ?? null },
    });
    if (upstream) await upstream.update({ downstreamId: created.get('id') });
    upstream = created;
  }
  // enabled once its nodes exist: the engine caches an enabled workflow's nodes
  await app.db.getRepository('workflows').update({ filterByTk: workflow.get('id'), values: { enabled: true } });
  return workflow;
}

/** Polls `probe` until it returns a value (not undefined/false/null), or fails after `timeoutMs`. */
export async function waitUntil<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `count` executions of the workflow have ended (any final status), oldest first. */
export async function waitForExecutions(app: MockServer, workflowId: number | string, count = 1) {
  return waitUntil(async () => {
    const all = await app.db.getRepository('executions').find({ filter: { workflowId }, sort: ['id'], appends: ['jobs'] });
    const ended = all.filter((execution: any) => ![null, 0].includes(execution.get('status')));
    return ended.length >= count && ended;
  }, `${count} executions of workflow ${workflowId} to end`);
}

/** The failure alerts `user` got about `execution`: error messages linking to the execution's page. */
export async function executionAlertsOf(app: MockServer, user: any, execution: any): Promise<any[]> {
  return (await app.db.getModel(COLLECTIONS.messages).findAll({
    where: { userId: userId(user), level: 'error', url: `${WORKFLOW_EXECUTION_PATH}${execution.get('id')}` },
    raw: true,
  })) as any[];
}

/** A workflow node type whose every run throws, as a broken script or an unreachable service would. */
export const EXPLODING_NODE = 'test-explode';

export function registerExplodingNode(app: MockServer, message: string): void {
  (app.pm.get('workflow') as any).registerInstruction(EXPLODING_NODE, {
    run: () => {
      throw new Error(message);
    },
  });
}
