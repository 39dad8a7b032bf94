// What the database already holds: is NocoBase installed, and which plugins are enabled. Read directly (one
// connection, well under a second) so later runs skip the install/enable commands, each of which boots the app.
const fs = require('fs');

/** NocoBase's own test (Application.isInstalled): one of these tables exists. */
const INSTALL_MARKERS = ['applicationVersion', 'collections'];

function sqliteFileMissing(options) {
  return options.dialect === 'sqlite' && options.storage !== ':memory:' && !fs.existsSync(options.storage);
}

async function isInstalled(db) {
  for (const name of INSTALL_MARKERS) {
    db.collection({ name, fields: [] });
    if (await db.collectionExistsInDb(name)) return true;
  }
  return false;
}

async function enabledPackages(db) {
  const plugins = db.collection({
    name: 'applicationPlugins',
    fields: [
      { name: 'packageName', type: 'string' },
      { name: 'enabled', type: 'boolean' },
    ],
  });
  const rows = await plugins.repository.find({ fields: ['packageName', 'enabled'] });
  return new Set(rows.filter((row) => row.get('enabled')).map((row) => row.get('packageName')));
}

/** @returns {Promise<{ installed: boolean, enabled: Set<string> }>} */
async function readAppState() {
  const { Database, parseDatabaseOptionsFromEnv } = require('@nocobase/database');
  const options = await parseDatabaseOptionsFromEnv();
  if (sqliteFileMissing(options)) return { installed: false, enabled: new Set() };
  const db = new Database({ ...options, logging: false });
  try {
    if (!(await isInstalled(db))) return { installed: false, enabled: new Set() };
    return { installed: true, enabled: await enabledPackages(db) };
  } finally {
    await db.close();
  }
}

module.exports = { readAppState };
