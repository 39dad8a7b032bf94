/**
 * Pure: the characters a message's text may not carry. A title is one line shown as is, so anything that moves
 * the cursor, rings, recolours a terminal (C0, DEL, C1) or reorders what follows (bidi controls: "Invoice
 * \u202Egpj.exe" reads "Invoice exe.jpg") is refused. Markdown content keeps tabs and line breaks; its other
 * controls and every bidi control are removed, code blocks included (where "Trojan Source" tricks live).
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTENT_STRIPPED = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Characters that take no room: a title made only of them (and spaces) is empty. */
const INVISIBLE = /[\s\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d\u2060-\u2064\u3164\ufeff\uffa0]/g;

/** Why a one-line text (a title, a button label) is refused, or null when it is fine. */
export function lineProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (CONTROL.test(text)) return 'must not contain control characters (line breaks, tabs, escape sequences)';
  if (BIDI.test(text)) return 'must not contain bidirectional control characters';
  return null;
}

/** Whether a text shows nothing at all (only spaces and zero-width characters). */
export const isBlank = (text: string): boolean => text.replace(INVISIBLE, '') === '';

/** Markdown content with its control and bidi characters removed (tabs and line breaks kept). */
export const cleanContent = (text: string): string => text.replace(CONTENT_STRIPPED, '');

/** Whether any string inside a JSON value holds a NUL, which PostgreSQL's jsonb cannot store. */
export const hasNul = (value: unknown): boolean => JSON.stringify(value ?? null).includes('\\u0000');
