// NocoBase mobile (`/m`): the Messages tab in the tab bar, for every role that has the mobile app (the sales role
// included: plugin-mobile gives new tabs only to `admin` and `member` by itself).

/** Creates the tab once (from the plugin's own route record) and makes sure the sales role sees it. */
async function ensureMobileMessagesTab(api, { mobileTabRoute, MOBILE_TAB }, roleName) {
  let [tab] = await api.get('mobileRoutes:list', { filter: { schemaUid: MOBILE_TAB.schemaUid }, paginate: false });
  if (!tab) tab = await api.post('mobileRoutes:create', mobileTabRoute('Messages'));
  await api.post(`roles/${roleName}/mobileRoutes:add`, [tab.id]);
}

module.exports = { ensureMobileMessagesTab };
