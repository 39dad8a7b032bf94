// What `npm start` prepares before NocoBase's own CLI takes over, on plain values and a temp dir (the browser suite
// runs the whole launcher against a real app).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureEnvFile } = require('../app/env-file');
const { launcherEnv } = require('../app/nocobase-env');
const { disableOfficialInApp } = require('../start');
const { toQuery } = require('../demo/api-client');
const { findModelUid } = require('../demo/leads');
const { messageNodeConfig } = require('../demo/workflow');
const { findViewActionUid, mobilePageSchema } = require('../demo/mobile-leads');

const OURS = '@inbox/plugin-in-app-message';

describe('the env file', () => {
  let dir;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-env-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is written once with SQLite under the storage dir and a generated APP_KEY that later runs keep', () => {
    const file = path.join(dir, '.env');
    const first = ensureEnvFile(file, { root: dir, storageRoot: path.join(dir, 'storage') });
    expect(first).toMatchObject({ APP_HOST: '127.0.0.1', APP_PORT: '13000', DB_DIALECT: 'sqlite', DB_STORAGE: 'storage/db/nocobase.sqlite' });
    expect(first.APP_KEY).toMatch(/^[0-9a-f]{64}$/);

    const again = ensureEnvFile(file, { root: dir, storageRoot: path.join(dir, 'storage') });
    expect(again.APP_KEY).toBe(first.APP_KEY);
  });

  it('gains an APP_KEY when the user wrote one without it, keeping their values', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'APP_PORT=14000\nDB_DIALECT=postgres\n');
    const values = ensureEnvFile(file, { root: dir, storageRoot: path.join(dir, 'storage') });
    expect(values).toMatchObject({ APP_PORT: '14000', DB_DIALECT: 'postgres' });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^APP_PORT=14000\nDB_DIALECT=postgres\n\nAPP_KEY=[0-9a-f]{64}\n$/);
  });

  it('names the sqlite file by absolute path when the storage is outside the repo', () => {
    const storageRoot = path.join(os.tmpdir(), 'elsewhere');
    const values = ensureEnvFile(path.join(dir, '.env'), { root: dir, storageRoot });
    expect(values.DB_STORAGE).toBe(path.join(storageRoot, 'db', 'nocobase.sqlite'));
  });
});

describe("NocoBase's environment", () => {
  it('appends our plugin to the preset, so install and start --quickstart enable it, keeping plugins the user appended', () => {
    expect(launcherEnv({}, { presetPlugins: [OURS] }).APPEND_PRESET_BUILT_IN_PLUGINS).toBe(OURS);
    expect(launcherEnv({ APPEND_PRESET_BUILT_IN_PLUGINS: `@acme/plugin-x,${OURS}` }, { presetPlugins: [OURS] }).APPEND_PRESET_BUILT_IN_PLUGINS).toBe(
      `@acme/plugin-x,${OURS}`,
    );
  });

  it('finds our package by its plugin name and loads it through the link without --preserve-symlinks', () => {
    const env = launcherEnv({ PLUGIN_PACKAGE_PREFIX: '@nocobase/plugin-,@nocobase/preset-', NODE_OPTIONS: '--max-old-space-size=4096 --preserve-symlinks' });
    expect(env).toMatchObject({ PLUGIN_PACKAGE_PREFIX: '@nocobase/plugin-,@nocobase/preset-,@inbox/plugin-', NODE_OPTIONS: '--max-old-space-size=4096' });
  });

  it('lets start --quickstart upgrade only when the version changed, unless the user says otherwise', () => {
    expect(launcherEnv({}).SKIP_SAME_VERSION_UPGRADE).toBe('true');
    expect(launcherEnv({ SKIP_SAME_VERSION_UPGRADE: 'false' }).SKIP_SAME_VERSION_UPGRADE).toBe('false');
  });
});

describe('the official in-app plugin', () => {
  const OFFICIAL = '@nocobase/plugin-notification-in-app-message';
  const fakeApi = (enabled) => ({ get: jest.fn(async () => ({ enabled })), post: jest.fn(async () => OFFICIAL) });

  it("is disabled through the plugin manager's API once install has enabled it with the preset", async () => {
    const api = fakeApi(true);
    expect(await disableOfficialInApp(api)).toBe(true);
    expect(api.get).toHaveBeenCalledWith('pm:get', { filterByTk: OFFICIAL });
    expect(api.post).toHaveBeenCalledWith('pm:disable', undefined, { filterByTk: OFFICIAL, awaitResponse: true });
  });

  it('is left alone on later starts (NocoBase refuses to disable a plugin that is not loaded)', async () => {
    const api = fakeApi(false);
    expect(await disableOfficialInApp(api)).toBe(false);
    expect(api.post).not.toHaveBeenCalled();
  });
});

describe('demo seeding helpers', () => {
  it('sends lists as key[] and objects as JSON in the query, as the NocoBase client does', () => {
    expect(toQuery({ filter: { email: 'a@b.c' }, appends: ['nodes', 'roles'], paginate: false, skip: undefined })).toBe(
      `?filter=${encodeURIComponent('{"email":"a@b.c"}')}&${encodeURIComponent('appends[]')}=nodes&${encodeURIComponent('appends[]')}=roles&paginate=false`,
    );
    expect(toQuery({})).toBe('');
  });

  it('finds the View action of the leads table in a flow page tree', () => {
    const tree = {
      use: 'RootPageModel',
      uid: 'page',
      subModels: { tabs: [{ use: 'RootPageTabModel', uid: 'tab', subModels: { grid: { use: 'BlockGridModel', uid: 'grid', subModels: { items: [{ use: 'TableBlockModel', uid: 't', subModels: { columns: [{ use: 'TableActionsColumnModel', uid: 'c', subModels: { actions: [{ use: 'EditActionModel', uid: 'e' }, { use: 'ViewActionModel', uid: 'view1' }] } }] } }] } } } }] },
    };
    expect(findModelUid(tree, 'ViewActionModel')).toBe('view1');
    expect(findModelUid(tree, 'ChartBlockModel')).toBeUndefined();
  });

  it("links the workflow's message to the created lead, on the desktop and on mobile", () => {
    const config = messageNodeConfig(
      (id) => `/admin/p/view/v/filterbytk/${id}`,
      (id) => `/m/page/p/popups/v/filterbytk/${id}`,
    );
    expect(config).toMatchObject({
      channelName: 'marketing_clue',
      receivers: [{ role: 'sales' }],
      title: 'New lead: {{$context.data.name}}',
      url: '/admin/p/view/v/filterbytk/{{$context.data.id}}',
      mobileUrl: '/m/page/p/popups/v/filterbytk/{{$context.data.id}}',
      ignoreFail: false,
    });
  });

  it("builds the mobile Leads page with the View action whose uid the lead's mobile link names", () => {
    const schema = mobilePageSchema({ pageUid: 'page', tabUid: 'tab', viewUid: 'view1' });
    const tab = schema.properties.content.properties.tab;
    expect(schema).toMatchObject({ 'x-uid': 'page', 'x-component': 'MobilePageProvider' });
    expect(tab).toMatchObject({ 'x-uid': 'tab', 'x-async': true, 'x-initializer': 'mobile:addBlock' });
    expect(findViewActionUid(tab)).toBe('view1');
    expect(findViewActionUid({ properties: { a: { 'x-action': 'update', 'x-uid': 'e' } } })).toBeUndefined();
  });
});
