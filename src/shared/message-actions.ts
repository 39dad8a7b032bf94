/**
 * Buttons a message carries and the answer its receiver gives: shared by the server (validation, respond)
 * and the client (buttons in the popover and the toast).
 */
export const ACTION_STYLES = ['primary', 'default', 'danger'] as const;
export type ActionStyle = (typeof ACTION_STYLES)[number];

export const ACTION_LIMITS = { count: 3, keyChars: 50, titleChars: 50 } as const;

/** Letters, digits, "-" and "_": a key a condition node can compare without escaping. */
export const ACTION_KEY_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;

export interface MessageAction {
  key: string;
  title: string;
  style?: ActionStyle;
  /** an app path or an http(s) URL, opened when the button is clicked */
  url?: string;
}

/** The receiver's first (and only kept) answer. */
export interface MessageResponse {
  action: string;
  at: string;
}
