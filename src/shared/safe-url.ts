/**
 * Link safety shared by the server (validation on send) and the client (View button, markdown links).
 * A link is either an app path ("/admin/leads/1") or an absolute http(s) URL; anything a browser
 * could turn into script or another origin by accident (javascript:, data:, "//host", "/\host") is refused.
 */
export type SafeLink = { kind: 'app'; href: string } | { kind: 'external'; href: string };

/** Longest link kept, counted once encoded the way a browser sends it. */
export const MAX_LINK_CHARS = 2048;

// Control characters and whitespace let "java\tscript:" or "\n//evil" slip past prefix checks.
const UNSAFE_CHARS = /[\u0000-\u0020\u007f-\u009f\\]/;

/** Length of a path as a browser sends it; a lone surrogate cannot be sent at all. */
const encodedLength = (path: string): number => {
  try {
    return encodeURI(path).length;
  } catch {
    return Infinity;
  }
};

export function classifyLink(raw: unknown): SafeLink | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LINK_CHARS || UNSAFE_CHARS.test(raw)) {
    return null;
  }
  if (raw.startsWith('/')) {
    return raw.startsWith('//') || encodedLength(raw) > MAX_LINK_CHARS ? null : { kind: 'app', href: raw };
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  // "https://admin.example@evil.example/" shows our host but opens another: no credentials in a link
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname || parsed.username || parsed.password) {
    return null;
  }
  // the limit holds for what is stored and opened: percent-encoding can make a link up to 9× longer
  return parsed.href.length > MAX_LINK_CHARS ? null : { kind: 'external', href: parsed.href };
}
