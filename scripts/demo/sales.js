// The `sales` role (reads data, sees the Leads page, no admin settings) and its two demo users.
const { SALES_ROLE, SALES_USERS } = require('./demo-data');

/** Everything but the admin screens: plugin manager, UI editing, system settings. */
const SALES_SNIPPETS = ['!ui.*', '!pm', '!pm.*', '!app'];

async function ensureSalesRole(api, routeIds) {
  if (!(await api.get('roles:get', { filterByTk: SALES_ROLE.name }))) {
    await api.post('roles:create', { ...SALES_ROLE, snippets: SALES_SNIPPETS, strategy: { actions: ['view'] } });
  }
  // adding a route the role already has changes nothing, so this also repairs a page recreated since
  await api.post(`roles/${SALES_ROLE.name}/desktopRoutes:add`, routeIds);
}

async function ensureSalesUsers(api) {
  for (const user of SALES_USERS) {
    const [existing] = await api.get('users:list', { filter: { email: user.email }, paginate: false });
    if (!existing) await api.post('users:create', { ...user, roles: [SALES_ROLE.name] });
  }
}

module.exports = { ensureSalesRole, ensureSalesUsers };
