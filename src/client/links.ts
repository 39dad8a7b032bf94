import { classifyLink } from '../shared/safe-url';

/** Where "View" goes: an app route (inside the router) or another site (a new tab). */
export type ViewTarget = { kind: 'app'; path: string; href: string } | { kind: 'external'; href: string };

const withoutTrailingSlash = (basename: string) => basename.replace(/\/+$/, '');

/**
 * Pure: a message link, or null when it is not safe to follow. App paths are router paths; one that already
 * carries the router base (copied from the address bar) is not prefixed twice.
 */
export function viewTarget(url: unknown, basename: string): ViewTarget | null {
  const link = classifyLink(url);
  if (!link) return null;
  if (link.kind === 'external') return link;
  const base = withoutTrailingSlash(basename);
  const hasBase = base !== '' && (link.href === base || link.href.startsWith(`${base}/`));
  const path = hasBase ? link.href.slice(base.length) || '/' : link.href;
  return { kind: 'app', path, href: `${base}${path}` };
}

export function followTarget(target: ViewTarget, navigate: (path: string) => void): void {
  if (target.kind === 'app') {
    navigate(target.path);
  } else {
    window.open(target.href, '_blank', 'noopener,noreferrer');
  }
}
