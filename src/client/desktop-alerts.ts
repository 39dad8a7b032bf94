import { inQuietHours } from '../shared/quiet-hours';
import type { InboxMessage, Preferences } from '../shared/contract';

/** The browser's answer for OS notifications, or 'unsupported' where there is no Notification API. */
export type AlertPermission = NotificationPermission | 'unsupported';

/** Replayed after a long disconnection, older messages are news in the badge, not in a toast or an alert. */
const RECENT_MS = 5 * 60 * 1000;

export function notificationPermission(): AlertPermission {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification.permission : 'unsupported';
}

/**
 * Pure: whether a message that just arrived is news worth interrupting for: unread, in a channel the user has
 * not muted, fresh, and outside the user's quiet hours. Toasts, sounds and OS notifications all start from here.
 */
export function isNews(message: InboxMessage, prefs: Preferences, now: number): boolean {
  return (
    message.readAt === null &&
    !prefs.mutedChannels.includes(message.channelName) &&
    now - Date.parse(message.wokenAt ?? message.createdAt) < RECENT_MS &&
    !inQuietHours(prefs.quietHours, new Date(now))
  );
}

export interface AlertInput {
  message: InboxMessage;
  prefs: Preferences;
  /** the tab is hidden: the user would not see a toast */
  hidden: boolean;
  /** this tab holds the browser's one stream, so it alone speaks for every tab */
  leader: boolean;
  now: number;
  permission: AlertPermission;
}

export interface AlertDecision {
  /** an OS notification */
  notify: boolean;
  /** the short tone */
  sound: boolean;
}

/**
 * Pure: what a new message sets off beyond the toast. Both are off by default and come from the leader tab only,
 * so a browser with five tabs open notifies and beeps once. The OS notification is for a hidden tab (a visible one
 * shows a toast) and needs the browser's permission; the tone needs neither.
 */
export function shouldAlert({ message, prefs, hidden, leader, now, permission }: AlertInput): AlertDecision {
  const news = leader && isNews(message, prefs, now);
  return {
    notify: news && hidden && prefs.desktopAlerts === true && permission === 'granted',
    sound: news && prefs.sound === true,
  };
}
