// The server suites' helpers: the app, users and waiting every suite shares (testing/), and the workflow ones.
import type { MockServer } from '@nocobase/test';
import { COLLECTIONS, WORKFLOW_EXECUTION_PATH } from '../shared/constants';
import { userId } from '../../testing/app';
import { waitUntil } from '../../testing/poll';

export * from '../../testing/app';
export { waitUntil } from '../../testing/poll';

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
