// Seeds the demo through the running app's HTTP API, signed in as the root user. Every step checks first, so
// running it on each start keeps what is there and only fills what is missing.
const path = require('path');
const { ensureChannel } = require('./channel');
const { ensureLeadsCollection, ensureLeadsPage } = require('./leads');
const { ensureMobileMessagesTab } = require('./mobile');
const { ensureModernClientModels } = require('./modern-client');
const { ensureMobileLeadsPage } = require('./mobile-leads');
const { ensureSalesRole, ensureSalesUsers } = require('./sales');
const { ensureLeadWorkflow } = require('./workflow');
const { LEADS, SALES_ROLE, SAMPLE_LEAD } = require('./demo-data');

/** Shared names, from the plugin's build (npm start builds before seeding). */
function pluginConstants() {
  return require(path.join(__dirname, '..', '..', 'dist', 'shared', 'constants.js'));
}

/**
 * @param {ReturnType<import('./api-client').createApiClient>} api signed in as the root user
 * @returns {Promise<{ leadsPath: string }>}
 */
async function seedDemo(api) {
  const { CHANNEL_TYPE, INSTRUCTION_TYPE } = pluginConstants();
  await ensureChannel(api, CHANNEL_TYPE);
  const collectionCreated = await ensureLeadsCollection(api);
  const page = await ensureLeadsPage(api);
  await ensureSalesRole(api, page.routeIds);
  await ensureSalesUsers(api);
  await ensureModernClientModels(api);
  await ensureMobileMessagesTab(api, pluginConstants(), SALES_ROLE.name);
  const mobilePage = await ensureMobileLeadsPage(api, SALES_ROLE.name);
  await ensureLeadWorkflow(api, {
    collection: LEADS.collection,
    instructionType: INSTRUCTION_TYPE,
    leadUrl: page.viewPath,
    mobileLeadUrl: mobilePage.viewPath,
  });
  if (collectionCreated) await api.post(`${LEADS.collection}:create`, SAMPLE_LEAD);
  return { leadsPath: page.path };
}

module.exports = { seedDemo };
