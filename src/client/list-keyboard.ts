import type React from 'react';

const STEPS: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (index, count) => Math.min(count - 1, index + 1),
  ArrowUp: (index) => Math.max(0, index - 1),
  Home: () => 0,
  End: (_index, count) => count - 1,
};

/** Arrow keys, Home and End move focus between the `[data-nav-item]` elements of a list. */
export function onListKeyDown(event: React.KeyboardEvent<HTMLElement>): void {
  const step = STEPS[event.key];
  if (!step) return;
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[data-nav-item]'));
  if (!items.length) return;
  const current = items.findIndex((item) => item.contains(document.activeElement));
  event.preventDefault();
  items[step(current, items.length)]?.focus();
}
