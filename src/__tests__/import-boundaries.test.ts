import fs from 'fs';
import path from 'path';

const SRC = path.resolve(__dirname, '..');

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });

/** Every module a file names in an import, export-from, require() or import(), resolved to an absolute path. */
const importedPaths = (file: string): string[] => {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*|import\s+)['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.map((spec) => path.resolve(path.dirname(file), spec));
};

/** Files of `from` that import anything under `to`, as "file → module" lines. */
const crossings = (from: string, to: string): string[] => {
  const target = path.join(SRC, to) + path.sep;
  return sourceFiles(path.join(SRC, from)).flatMap((file) =>
    importedPaths(file)
      .filter((imported) => (imported + path.sep).startsWith(target))
      .map((imported) => `${path.relative(SRC, file)} → ${path.relative(SRC, imported)}`),
  );
};

describe('what each side may import', () => {
  it('the client imports nothing from the server, not even types', () => {
    expect([...crossings('client', 'server'), ...crossings('client-v2', 'server')]).toEqual([]);
  });

  it('the server imports nothing from either client', () => {
    expect([...crossings('server', 'client'), ...crossings('server', 'client-v2')]).toEqual([]);
  });

  it('the shared contract imports from neither side', () => {
    expect([...crossings('shared', 'server'), ...crossings('shared', 'client'), ...crossings('shared', 'client-v2')]).toEqual([]);
  });

  it('finds a crossing when there is one', () => {
    // the check itself must be able to fail: a server test file does import the server
    expect(crossings('__tests__', 'server').length).toBeGreaterThan(0);
  });
});
