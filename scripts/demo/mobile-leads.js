// NocoBase mobile (`/m`): a "Leads" page whose table opens a lead in a popup with a URL of its own,
// /m/page/<page>/popups/<View action>/filterbytk/<id>, the `mobileUrl` the workflow's messages carry.
// plugin-mobile 2.2 pages are classic (v1) UI schemas: a `mobileRoutes` record names the page, `uiSchemas` holds
// it, and the page's first (hidden) tab is a route of its own whose schema is the block grid. The same three
// records the mobile editor's "Add page" writes; the blocks are what its Table block and View action insert.
const crypto = require('crypto');
const { LEADS } = require('./demo-data');

const COLUMNS = ['name', 'company', 'email'];
const DETAILS = ['name', 'company', 'email', 'phone', 'note', 'createdAt'];

/** A fresh schema uid, as NocoBase's own (11 lowercase letters and digits, starting with a letter). */
function uid() {
  const digits = crypto.randomBytes(10).toString('hex');
  return `m${BigInt(`0x${digits}`).toString(36).slice(0, 10)}`;
}

const keyed = (schemas) => Object.fromEntries(schemas.map((schema) => [uid(), schema]));

/** Pure: a classic grid: one row per block or field, one column each. */
const grid = (initializer, children) => ({
  type: 'void',
  'x-component': 'Grid',
  'x-initializer': initializer,
  properties: keyed(
    children.map((child) => ({
      type: 'void',
      'x-component': 'Grid.Row',
      properties: keyed([{ type: 'void', 'x-component': 'Grid.Col', properties: { [child.name]: child.schema } }]),
    })),
  ),
});

/** Pure: a lead's field, read-only, in the details block. */
const detailsField = (field) => ({
  name: field,
  schema: {
    type: 'string',
    'x-toolbar': 'FormItemSchemaToolbar',
    'x-settings': 'fieldSettings:FormItem',
    'x-component': 'CollectionField',
    'x-decorator': 'FormItem',
    'x-collection-field': `${LEADS.collection}.${field}`,
    'x-component-props': {},
  },
});

/** Pure: the lead's details, the popup's only block (its record comes from the popup's filterbytk). */
function detailsBlock() {
  return {
    name: uid(),
    schema: {
      type: 'void',
      'x-acl-action': `${LEADS.collection}:get`,
      'x-decorator': 'DetailsBlockProvider',
      'x-use-decorator-props': 'useDetailsDecoratorProps',
      'x-decorator-props': { dataSource: 'main', collection: LEADS.collection, readPretty: true, action: 'get' },
      'x-toolbar': 'BlockSchemaToolbar',
      'x-settings': 'blockSettings:details',
      'x-component': 'CardItem',
      properties: {
        [uid()]: {
          type: 'void',
          'x-component': 'Details',
          'x-read-pretty': true,
          'x-use-component-props': 'useDetailsProps',
          properties: {
            [uid()]: { type: 'void', 'x-initializer': 'details:configureActions', 'x-component': 'ActionBar', properties: {} },
            grid: grid('details:configureFields', DETAILS.map(detailsField)),
          },
        },
      },
    },
  };
}

/** Pure: the row's View action, its popup holding the lead's details. Its uid is the popup's in the URL. */
function viewAction(viewUid) {
  return {
    type: 'void',
    title: '{{ t("View") }}',
    'x-uid': viewUid,
    'x-action': 'view',
    'x-toolbar': 'ActionSchemaToolbar',
    'x-settings': 'actionSettings:view',
    'x-component': 'Action.Link',
    'x-component-props': { openMode: 'page' },
    // what the popup's route reads to load the record named by filterbytk
    'x-action-context': { dataSource: 'main', collection: LEADS.collection },
    'x-decorator': 'ACLActionProvider',
    properties: {
      drawer: {
        type: 'void',
        title: LEADS.title,
        'x-component': 'Action.Container',
        'x-component-props': { className: 'nb-action-popup' },
        properties: {
          tabs: {
            type: 'void',
            'x-component': 'Tabs',
            'x-initializer': 'popup:addTab',
            properties: {
              tab1: {
                type: 'void',
                title: '{{t("Details")}}',
                'x-component': 'Tabs.TabPane',
                'x-designer': 'Tabs.Designer',
                properties: { grid: grid('popup:common:addBlock', [detailsBlock()]) },
              },
            },
          },
        },
      },
    },
  };
}

/** Pure: a table column showing one field of the lead. */
const column = (field) => ({
  type: 'void',
  'x-decorator': 'TableV2.Column.Decorator',
  'x-toolbar': 'TableColumnSchemaToolbar',
  'x-settings': 'fieldSettings:TableColumn',
  'x-component': 'TableV2.Column',
  properties: {
    [field]: {
      'x-collection-field': `${LEADS.collection}.${field}`,
      'x-component': 'CollectionField',
      'x-component-props': { ellipsis: true },
      'x-read-pretty': true,
      'x-decorator': null,
      'x-decorator-props': { labelStyle: { display: 'none' } },
    },
  },
});

/** Pure: the table of leads, newest first, each row with its View action. */
function leadsTable(viewUid) {
  return {
    name: uid(),
    schema: {
      type: 'void',
      'x-decorator': 'TableBlockProvider',
      'x-acl-action': `${LEADS.collection}:list`,
      'x-use-decorator-props': 'useTableBlockDecoratorProps',
      'x-decorator-props': {
        collection: LEADS.collection,
        dataSource: 'main',
        action: 'list',
        params: { pageSize: 20, sort: ['-createdAt'] },
        rowKey: 'id',
        showIndex: true,
        dragSort: false,
      },
      'x-toolbar': 'BlockSchemaToolbar',
      'x-settings': 'blockSettings:table',
      'x-component': 'CardItem',
      'x-filter-targets': [],
      properties: {
        actions: { type: 'void', 'x-initializer': 'table:configureActions', 'x-component': 'ActionBar', properties: {} },
        [uid()]: {
          type: 'array',
          'x-initializer': 'table:configureColumns',
          'x-component': 'TableV2',
          'x-use-component-props': 'useTableBlockProps',
          'x-component-props': { rowKey: 'id' },
          properties: {
            actions: {
              type: 'void',
              title: '{{ t("Actions") }}',
              'x-action-column': 'actions',
              'x-decorator': 'TableV2.Column.ActionBar',
              'x-component': 'TableV2.Column',
              'x-toolbar': 'TableColumnSchemaToolbar',
              'x-initializer': 'table:configureItemActions',
              'x-settings': 'fieldSettings:TableColumn',
              'x-toolbar-props': { initializer: 'table:configureItemActions' },
              properties: {
                [uid()]: {
                  type: 'void',
                  'x-decorator': 'DndContext',
                  'x-component': 'Space',
                  'x-component-props': { split: '|' },
                  properties: { view: viewAction(viewUid) },
                },
              },
            },
            ...keyed(COLUMNS.map(column)),
          },
        },
      },
    },
  };
}

/** Pure: the page as the mobile editor's "Add page" stores it, its first tab holding the leads table. */
function mobilePageSchema({ pageUid, tabUid, viewUid }) {
  return {
    type: 'void',
    name: pageUid,
    'x-uid': pageUid,
    'x-component': 'MobilePageProvider',
    'x-settings': 'mobile:page',
    'x-decorator': 'BlockItem',
    'x-decorator-props': { style: { height: '100%' } },
    'x-toolbar-props': { draggable: false },
    properties: {
      header: {
        type: 'void',
        'x-component': 'MobilePageHeader',
        properties: {
          pageNavigationBar: {
            type: 'void',
            'x-component': 'MobilePageNavigationBar',
            properties: {
              actionBar: {
                type: 'void',
                'x-component': 'MobileNavigationActionBar',
                'x-initializer': 'mobile:navigation-bar:actions',
                'x-component-props': { spaceProps: { style: { flexWrap: 'nowrap' } } },
                properties: {},
              },
            },
          },
          pageTabs: { type: 'void', 'x-component': 'MobilePageTabs' },
        },
      },
      content: {
        type: 'void',
        'x-component': 'MobilePageContent',
        properties: {
          [tabUid]: {
            ...grid('mobile:addBlock', [leadsTable(viewUid)]),
            'x-uid': tabUid,
            'x-async': true,
            'x-component-props': { showDivider: false },
          },
        },
      },
    },
  };
}

/** Pure: the uid of the first View action in a classic schema (depth first). */
function findViewActionUid(schema) {
  if (!schema || typeof schema !== 'object') return undefined;
  if (schema['x-action'] === 'view' && schema['x-uid']) return schema['x-uid'];
  for (const child of Object.values(schema.properties || {})) {
    const found = findViewActionUid(child);
    if (found) return found;
  }
  return undefined;
}

async function findPageRoute(api) {
  const [route] = await api.get('mobileRoutes:list', {
    filter: { type: 'page', title: LEADS.pageTitle, parentId: { $empty: true } },
    appends: ['children'],
    paginate: false,
  });
  return route;
}

async function createPage(api) {
  const uids = { pageUid: uid(), tabUid: uid(), viewUid: uid() };
  const page = await api.post('mobileRoutes:create', {
    type: 'page',
    schemaUid: uids.pageUid,
    title: LEADS.pageTitle,
    icon: 'teamoutlined',
    enableTabs: false,
  });
  await api.post('uiSchemas:insertAdjacent', { schema: mobilePageSchema(uids) }, { resourceIndex: 'mobile', position: 'beforeEnd' });
  await api.post('mobileRoutes:create', { type: 'tabs', parentId: page.id, schemaUid: uids.tabUid, hidden: true });
}

/**
 * Creates the mobile Leads page when missing and lets `roleName` see it.
 * @returns {Promise<{ path: string, viewPath: (id: string) => string }>}
 */
async function ensureMobileLeadsPage(api, roleName) {
  if (!(await findPageRoute(api))) await createPage(api);
  const route = await findPageRoute(api);
  const tabs = route.children || [];
  await api.post(`roles/${roleName}/mobileRoutes:add`, [route.id, ...tabs.map((tab) => tab.id)]);
  const viewUid = tabs.length ? findViewActionUid(await api.get(`uiSchemas:getJsonSchema/${tabs[0].schemaUid}`)) : undefined;
  if (!viewUid) throw new Error(`the mobile ${LEADS.pageTitle} page has no View action to link a lead to`);
  const path = `/m/page/${route.schemaUid}`;
  return { path, viewPath: (id) => `${path}/popups/${viewUid}/filterbytk/${id}` };
}

module.exports = { ensureMobileLeadsPage, mobilePageSchema, findViewActionUid };
