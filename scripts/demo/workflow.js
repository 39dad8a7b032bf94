// The demo workflow: a lead is created → our node sends an in-app message to the sales role, linking to the lead.
const { CHANNEL, SALES_ROLE, WORKFLOW_TITLE } = require('./demo-data');

/** On create of a record (the collection trigger's mode is a bit mask: 1 create, 2 update, 4 destroy). */
const ON_CREATE = 1;

/** Pure: the node's config (the contract in src/server/workflow/node-config.ts), variables left for the run. */
function messageNodeConfig(leadUrl) {
  return {
    channelName: CHANNEL.name,
    receivers: [{ role: SALES_ROLE.name }],
    title: 'New lead: {{$context.data.name}}',
    content: '**{{$context.data.company}}** · {{$context.data.email}}\n\n{{$context.data.note}}',
    level: 'info',
    url: leadUrl('{{$context.data.id}}'),
    ignoreFail: false,
  };
}

/** Creates the workflow, disabled until its node is in place. An existing one is kept as the user left it. */
async function ensureLeadWorkflow(api, { collection, instructionType, leadUrl }) {
  const [existing] = await api.get('workflows:list', { filter: { title: WORKFLOW_TITLE, current: true }, paginate: false });
  if (existing) return;
  const workflow = await api.post('workflows:create', {
    title: WORKFLOW_TITLE,
    type: 'collection',
    sync: false,
    enabled: false,
    config: { collection, mode: ON_CREATE, changed: [], condition: { $and: [] }, appends: [] },
  });
  await api.post(`workflows/${workflow.id}/nodes:create`, {
    type: instructionType,
    title: 'Tell the sales team',
    upstreamId: null,
    config: messageNodeConfig(leadUrl),
  });
  await api.post('workflows:update', { enabled: true }, { filterByTk: workflow.id });
}

module.exports = { ensureLeadWorkflow, messageNodeConfig };
