// Workflows as the suites and the bench set them up: the seed's `leads` collection and a workflow run when a record
// is created.
import type { MockServer } from '@nocobase/test';

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
