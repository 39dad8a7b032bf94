// The modern client (`/v/`): on its first visit it creates its app switcher's model, a write only an admin may make.
// A demo whose sales user opens `/v/admin` before any admin has would see NocoBase's "No permissions" notice for it
// (NocoBase's own, not the inbox's); the demo creates the model as the root user, as an admin's first visit would.

const APP_SWITCHER = {
  uid: 'admin-layout-model-app-switcher-actions',
  use: 'AppSwitcherActionPanelModel',
  parentId: 'admin-layout-model',
  subKey: 'appSwitcher',
  subType: 'object',
};

async function ensureModernClientModels(api) {
  if (await api.get('flowModels:findOne', { uid: APP_SWITCHER.uid })) return;
  await api.post('flowModels:save', APP_SWITCHER);
}

module.exports = { ensureModernClientModels };
