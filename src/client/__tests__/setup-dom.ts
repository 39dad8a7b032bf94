// jsdom lacks browser APIs antd and the stream client read: polyfill them once for every client suite.
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { TextDecoder, TextEncoder } from 'util';

Object.assign(globalThis, { TextDecoder, TextEncoder });

// antd's breakpoints ask `(min-width: Npx)` / `(max-width: Npx)`: answer from the window's width, so a test can
// shrink `window.innerWidth` to get the narrow layout.
const widthMatches = (query: string) =>
  [...query.matchAll(/\((min|max)-width:\s*(\d+)px\)/g)].every(([, bound, px]) =>
    bound === 'min' ? window.innerWidth >= Number(px) : window.innerWidth <= Number(px),
  );

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: widthMatches(query),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
Object.assign(window, {
  ResizeObserver: window.ResizeObserver ?? NoopObserver,
  IntersectionObserver: window.IntersectionObserver ?? NoopObserver,
});

// Role queries otherwise run getComputedStyle on every element against antd's many CSS-in-JS style tags, which
// makes each query take seconds; suites assert visibility explicitly (aria-expanded, toBeVisible) where it matters.
// The default second to wait for a condition is outrun on a busy two-core machine (six suites at once).
configure({ defaultHidden: true, asyncUtilTimeout: 5000 });
