/**
 * Link safety shared by the server (validation on send) and the client (View button, markdown links).
 * A link is either an app path ("/admin/leads/1") or an absolute http(s) URL; anything a browser
 * could turn into script or another origin by accident (javascript:, data:, "//host", "/\host") is refused.
 */
export type SafeLink = { kind: 'app'; href: string } | { kind: 'external'; href: string };

// Control characters and whitespace let "java\tscript:" or "\n//evil" slip past prefix checks.
const UNSAFE_CHARS = /[\u0000-\u0020\u007f-\u009f\\]/;

export function classifyLink(raw: unknown): SafeLink | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048 || UNSAFE_CHARS.test(raw)) {
    return null;
  }
  if (raw.startsWith('/')) {
    return raw.startsWith('//') ? null : { kind: 'app', href: raw };
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) {
    return null;
  }
  return { kind: 'external', href: parsed.href };
}
