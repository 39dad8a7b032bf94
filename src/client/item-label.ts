import type { Translate } from './types';

/** NocoBase stores the titles of its built-in roles as an i18n template: `{{t(…)}}` around the English title. */
const TRANSLATED_TITLE = /^\{\{\s*t\(\s*(["'])(.+?)\1\s*(?:,[^)]*)?\)\s*\}\}$/;

/** Pure: how a role or channel is shown: its title, translated when it is a template, else its name. */
export function itemLabel(item: { name: string; title?: string | null }, t: Translate): string {
  const title = item.title?.trim();
  if (!title) return item.name;
  const template = TRANSLATED_TITLE.exec(title);
  return template ? t(template[2]) : title;
}
