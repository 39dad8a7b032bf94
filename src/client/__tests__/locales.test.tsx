import fs from 'fs';
import path from 'path';

const LOCALE_DIR = path.resolve(__dirname, '../../locale');
const CLIENT_DIR = path.resolve(__dirname, '..');
// Every language the official in-app plugin ships, so switching plugins never loses a translation.
const OFFICIAL_LOCALE_DIR = path.dirname(require.resolve('@nocobase/plugin-notification-in-app-message/dist/locale/en-US.json'));
const OFFICIAL_LANGUAGES = fs
  .readdirSync(OFFICIAL_LOCALE_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));
const LANGUAGES = fs
  .readdirSync(LOCALE_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

const readLocale = (lang: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(LOCALE_DIR, `${lang}.json`), 'utf8'));

const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });

/** Every literal key the client translates: t('…'), tExpr('…') in schemas and i18nKey('…') in field tables. */
function usedKeys(): Set<string> {
  const call = /\b(?:t|tExpr|i18nKey)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
  const keys = new Set<string>();
  for (const file of sourceFiles(CLIENT_DIR)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(call)) keys.add(match[2].replace(/\\(.)/g, '$1'));
  }
  return keys;
}

const placeholders = (text: string) => (text.match(/{{\s*\w+\s*}}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();

describe('locales', () => {
  const english = readLocale('en-US');

  it('ships every language the official plugin ships', () => {
    expect(OFFICIAL_LANGUAGES.length).toBeGreaterThanOrEqual(17);
    expect(OFFICIAL_LANGUAGES.filter((lang) => !LANGUAGES.includes(lang))).toEqual([]);
  });

  it('has a translation for every key the client uses', () => {
    const missing = [...usedKeys()].filter((key) => !(key in english));
    expect(missing).toEqual([]);
    expect(usedKeys().size).toBeGreaterThan(40);
  });

  it('keeps no key the client no longer uses', () => {
    const used = usedKeys();
    expect(Object.keys(english).filter((key) => !used.has(key))).toEqual([]);
  });

  it.each(LANGUAGES)('%s has every key, none empty, with the same placeholders', (lang) => {
    const locale = readLocale(lang);
    expect(Object.keys(locale).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(locale)) {
      expect(typeof text === 'string' && text.trim() !== '').toBe(true);
      expect([key, placeholders(text)]).toEqual([key, placeholders(key)]);
    }
  });

  it('is translated, not copied, outside English', () => {
    for (const lang of LANGUAGES.filter((l) => l !== 'en-US')) {
      const locale = readLocale(lang);
      const copied = Object.keys(locale).filter((key) => locale[key] === key);
      expect(copied.length).toBeLessThan(Object.keys(locale).length / 10);
    }
  });
});
