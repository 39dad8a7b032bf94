// NocoBase finds plugins by package name in node_modules (server code through require, the client bundle under
// /static/plugins/<package>/dist/client/). A link from node_modules/<our package> to the repo root makes the
// freshly built dist/ what the app loads, with no copy to keep in sync. NocoBase's own links (made at start) cover
// packages/plugins/* and storage/plugins/* only, not a plugin that is the repository itself.
const fs = require('fs');
const path = require('path');

function linkTarget(linkPath) {
  try {
    return fs.lstatSync(linkPath).isSymbolicLink() ? path.resolve(path.dirname(linkPath), fs.readlinkSync(linkPath)) : 'not-a-link';
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

/** Links node_modules/<packageName> to root. A real package installed there is left alone and reported. */
function linkPluginPackage(root, packageName) {
  const linkPath = path.join(root, 'node_modules', ...packageName.split('/'));
  const target = linkTarget(linkPath);
  if (target === root) return 'linked';
  if (target === 'not-a-link') return 'installed-copy';
  fs.mkdirSync(path.dirname(linkPath), { recursive: true });
  if (target) fs.unlinkSync(linkPath);
  fs.symlinkSync(path.relative(path.dirname(linkPath), root), linkPath, 'dir');
  return 'linked';
}

module.exports = { linkPluginPackage };
