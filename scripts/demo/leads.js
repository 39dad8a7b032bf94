// The demo's `leads` collection and its page: a table of leads whose View action opens a lead in a drawer.
// The page is a NocoBase 2.x flow page built with flowSurfaces:applyBlueprint; the drawer has a URL of its own,
// /admin/<page>/view/<view action>/filterbytk/<id>, which the workflow's message links to.
const { LEADS } = require('./demo-data');

/**
 * Text fields default to '' so a created lead carries every field: the workflow's message reads them as
 * variables, and a field left out of the record would be an unknown variable rather than an empty one.
 */
const text = (name, title, extra = {}) => ({
  name,
  type: 'string',
  interface: 'input',
  defaultValue: '',
  uiSchema: { type: 'string', title, 'x-component': 'Input' },
  ...extra,
});

const LEAD_FIELDS = [
  {
    name: 'id',
    type: 'bigInt',
    autoIncrement: true,
    primaryKey: true,
    allowNull: false,
    interface: 'integer',
    uiSchema: { type: 'number', title: '{{t("ID")}}', 'x-component': 'InputNumber', 'x-read-pretty': true },
  },
  {
    name: 'createdAt',
    field: 'createdAt',
    type: 'date',
    interface: 'createdAt',
    uiSchema: { type: 'datetime', title: '{{t("Created at")}}', 'x-component': 'DatePicker', 'x-read-pretty': true },
  },
  {
    name: 'createdBy',
    type: 'belongsTo',
    target: 'users',
    foreignKey: 'createdById',
    interface: 'createdBy',
    uiSchema: {
      type: 'object',
      title: '{{t("Created by")}}',
      'x-component': 'AssociationField',
      'x-component-props': { fieldNames: { value: 'id', label: 'nickname' } },
      'x-read-pretty': true,
    },
  },
  text('name', 'Name'),
  text('company', 'Company'),
  text('email', 'Email', { interface: 'email', uiSchema: { type: 'string', title: 'Email', 'x-component': 'Input', 'x-validator': 'email' } }),
  text('phone', 'Phone', { interface: 'phone', uiSchema: { type: 'string', title: 'Phone', 'x-component': 'Input', 'x-component-props': { type: 'tel' } } }),
  text('note', 'Note', { type: 'text', interface: 'textarea', uiSchema: { type: 'string', title: 'Note', 'x-component': 'Input.TextArea' } }),
  // set by the workflow when a sales user clicks "Claim this lead"
  {
    name: 'owner',
    type: 'belongsTo',
    target: 'users',
    foreignKey: 'ownerId',
    interface: 'm2o',
    uiSchema: {
      type: 'object',
      title: 'Claimed by',
      'x-component': 'AssociationField',
      'x-component-props': { fieldNames: { value: 'id', label: 'nickname' } },
    },
  },
];

const SHOWN_FIELDS = ['id', 'name', 'company', 'email', 'phone', 'createdAt'];

/** @returns {Promise<boolean>} whether the collection was created now */
async function ensureLeadsCollection(api) {
  if (await api.get('collections:get', { filterByTk: LEADS.collection })) return false;
  await api.post('collections:create', {
    name: LEADS.collection,
    title: LEADS.title,
    autoGenId: false,
    createdAt: true,
    createdBy: true,
    fields: LEAD_FIELDS,
  });
  return true;
}

function pageBlueprint() {
  return {
    version: '1',
    mode: 'create',
    navigation: { item: { title: LEADS.pageTitle, icon: 'TeamOutlined' } },
    page: { title: LEADS.pageTitle },
    assets: {},
    tabs: [
      {
        key: 'leads',
        title: LEADS.pageTitle,
        blocks: [
          {
            key: 'leadsTable',
            type: 'table',
            collection: LEADS.collection,
            fields: SHOWN_FIELDS,
            actions: ['addNew', 'refresh'],
            recordActions: [
              {
                type: 'view',
                popup: {
                  title: 'Lead',
                  blocks: [
                    { key: 'lead', type: 'details', binding: 'currentRecord', collection: LEADS.collection, fields: [...SHOWN_FIELDS, 'note'] },
                  ],
                },
              },
              'edit',
            ],
          },
        ],
      },
    ],
  };
}

/** Pure: the uid of the first node using `model` in a flowSurfaces tree (depth first). */
function findModelUid(node, model) {
  if (!node || typeof node !== 'object') return undefined;
  if (node.use === model) return node.uid;
  for (const child of Object.values(node.subModels || {}).flat()) {
    const found = findModelUid(child, model);
    if (found) return found;
  }
  return undefined;
}

async function findPageRoute(api) {
  const routes = await api.get('desktopRoutes:list', { filter: { type: 'flowPage', title: LEADS.pageTitle }, paginate: false });
  return routes[0];
}

/**
 * Creates the Leads page when missing.
 * @returns {Promise<{ path: string, viewPath: (id: string) => string, routeIds: number[] }>}
 */
async function ensureLeadsPage(api) {
  if (!(await findPageRoute(api))) await api.post('flowSurfaces:applyBlueprint', pageBlueprint());
  const route = await findPageRoute(api);
  const tabs = await api.get('desktopRoutes:list', { filter: { parentId: route.id }, paginate: false });
  const surface = await api.get('flowSurfaces:get', { pageSchemaUid: route.schemaUid });
  const viewActionUid = findModelUid(surface.tree, 'ViewActionModel');
  if (!viewActionUid) throw new Error(`the ${LEADS.pageTitle} page has no View action to link a lead to`);
  const path = `/admin/${route.schemaUid}`;
  return {
    path,
    viewPath: (id) => `${path}/view/${viewActionUid}/filterbytk/${id}`,
    routeIds: [route.id, ...tabs.map((tab) => tab.id)],
  };
}

module.exports = { ensureLeadsCollection, ensureLeadsPage, findModelUid, LEAD_FIELDS };
