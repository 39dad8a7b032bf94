// The demo workflow: a lead is created → our node sends an in-app message to the sales role, linking to the lead,
// with a "Claim this lead" button; the first to click gets the lead, and the team is told who claimed it.
const { CHANNEL, SALES_ROLE, WORKFLOW_TITLE } = require('./demo-data');

/** On create of a record (the collection trigger's mode is a bit mask: 1 create, 2 update, 4 destroy). */
const ON_CREATE = 1;

/** Node keys the later nodes read results by ({{$jobsMapByNodeKey.<key>…}}). */
const KEYS = { ask: 'tellsales', claimer: 'claimer' };

/**
 * Pure: the node's config (the contract in src/server/workflow/node-config.ts), variables left for the run. The
 * lead opens on the desktop page from `url` and on NocoBase mobile (/m) from `mobileUrl`.
 */
function messageNodeConfig(leadUrl, mobileLeadUrl) {
  return {
    channelName: CHANNEL.name,
    receivers: [{ role: SALES_ROLE.name }],
    title: 'New lead: {{$context.data.name}}',
    content: '**{{$context.data.company}}** · {{$context.data.email}}\n\n{{$context.data.note}}',
    level: 'info',
    url: leadUrl('{{$context.data.id}}'),
    mobileUrl: mobileLeadUrl('{{$context.data.id}}'),
    // the first sales user to click claims the lead: the workflow waits for that answer
    actions: [{ key: 'claim', title: 'Claim this lead', style: 'primary' }],
    waitFor: 'response',
    waitMode: 'any',
    ignoreFail: false,
  };
}

/**
 * Pure: the nodes after the message, in order: the lead is assigned to the one who clicked, their name is read,
 * and the team is told who claimed it (so the others see it is taken).
 */
function claimNodes(collection, leadUrl, mobileLeadUrl) {
  const clicker = `{{$jobsMapByNodeKey.${KEYS.ask}.responses.0.userId}}`;
  return [
    {
      type: 'update',
      title: 'Assign the lead to who claimed it',
      config: { collection, params: { filter: { id: '{{$context.data.id}}' }, values: { ownerId: clicker } } },
    },
    {
      type: 'query',
      key: KEYS.claimer,
      title: 'Who claimed it',
      config: { collection: 'users', multiple: false, params: { filter: { id: clicker } } },
    },
    {
      title: 'Tell the sales team it is claimed',
      config: {
        channelName: CHANNEL.name,
        receivers: [{ role: SALES_ROLE.name }],
        title: 'Lead claimed: {{$context.data.name}}',
        content: `Claimed by **{{$jobsMapByNodeKey.${KEYS.claimer}.nickname}}**.`,
        level: 'success',
        url: leadUrl('{{$context.data.id}}'),
        mobileUrl: mobileLeadUrl('{{$context.data.id}}'),
      },
    },
  ];
}

/** Creates the workflow, disabled until its node is in place. An existing one is kept as the user left it. */
async function ensureLeadWorkflow(api, { collection, instructionType, leadUrl, mobileLeadUrl }) {
  const [existing] = await api.get('workflows:list', { filter: { title: WORKFLOW_TITLE, current: true }, paginate: false });
  if (existing) return;
  const workflow = await api.post('workflows:create', {
    title: WORKFLOW_TITLE,
    type: 'collection',
    sync: false,
    enabled: false,
    config: { collection, mode: ON_CREATE, changed: [], condition: { $and: [] }, appends: [] },
  });
  let upstream = await api.post(`workflows/${workflow.id}/nodes:create`, {
    type: instructionType,
    key: KEYS.ask,
    title: 'Tell the sales team',
    upstreamId: null,
    config: messageNodeConfig(leadUrl, mobileLeadUrl),
  });
  for (const node of claimNodes(collection, leadUrl, mobileLeadUrl)) {
    upstream = await api.post(`workflows/${workflow.id}/nodes:create`, { type: instructionType, ...node, upstreamId: upstream.id });
  }
  await api.post('workflows:update', { enabled: true }, { filterByTk: workflow.id });
}

module.exports = { ensureLeadWorkflow, messageNodeConfig, claimNodes, KEYS };
