import type { Compile } from './types';

/**
 * Pure: how a role or channel is shown: its title compiled by NocoBase (its built-in roles' titles are `{{t(…)}}`
 * templates), else its name.
 */
export function itemLabel(item: { name: string; title?: string | null }, compile: Compile): string {
  const title = item.title?.trim();
  return title ? String(compile(title)) : item.name;
}
