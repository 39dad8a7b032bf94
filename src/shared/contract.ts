/**
 * The wire contract: what the server answers and streams, and what the client sends, as both sides type it.
 * The server builds these shapes, the client reads them; neither side declares them again.
 */
import type { Level, ViewStatus } from './constants';
import type { MessageAction, MessageResponse } from './message-actions';
import type { QuietHours } from './quiet-hours';

/** Limits both sides check: the server refuses past them, the client's forms stop at them. */
export const LIMITS = {
  titleChars: 200,
  contentBytes: 64 * 1024,
  urlChars: 2048,
  pageSize: 20,
  maxPageSize: 100,
  /** characters of a search text (`q`) */
  queryChars: 200,
  /** seconds a toast may stay (0: until closed) */
  toastSeconds: 600,
  /** days read messages may be kept app-wide (0: kept forever) */
  retentionDays: 36500,
  /** channels one user may mute */
  mutedChannels: 500,
} as const;

/** A message as the API and the real-time stream show it. */
export interface InboxMessage {
  id: number;
  userId: number;
  channelName: string;
  title: string;
  content: string;
  level: Level;
  url: string | null;
  readAt: string | null;
  createdAt: string;
  options: Record<string, unknown>;
  actions: MessageAction[];
  response: MessageResponse | null;
  /** set only while the message is archived / snoozed */
  archivedAt?: string | null;
  snoozedUntil?: string | null;
  /**
   * Set only on the live announcement of a message whose snooze just ended (the time it woke): it comes again as
   * news, with a toast, though the stream may have written it before.
   */
  wokenAt?: string;
}

/** What one view of a user's inbox shows: the list, the channel list and the bulk actions all take it. */
export interface ViewFilter {
  status: ViewStatus;
  channelName?: string;
  /** any of these levels; all when absent */
  levels?: Level[];
  /** text in the title or the content, case-insensitive, taken literally (no wildcards) */
  q?: string;
}

export type ChangeKind =
  | 'read'
  | 'unread'
  | 'deleted'
  | 'preferences'
  | 'responded'
  | 'archived'
  | 'unarchived'
  | 'snoozed'
  | 'unsnoozed';

/**
 * Messages of one user whose state changed; `all` stands for every message (of `channelName` if set).
 * `preferences`: the user's toasts or muted channels changed (no ids), so other tabs reload them and the count.
 * `responded`: the user clicked one of the message's buttons (`response` says which); it is read too.
 * `archived`/`snoozed`: put aside, out of the lists and counts; `unarchived`/`unsnoozed`: back in them.
 * `filter`: a bulk action changed every message of that view (`ids` is then empty): tabs reload.
 */
export interface InboxChange {
  userId: number;
  change: ChangeKind;
  ids: number[];
  all?: boolean;
  channelName?: string;
  response?: MessageResponse;
  filter?: ViewFilter;
}

/** One row of `myInboxChannels:list`. */
export interface ChannelSummary {
  name: string;
  title: string;
  unreadCount: number;
  totalCount: number;
  latestMessage: { id: number; title: string; createdAt: string } | null;
}

export interface ChannelCount {
  unread: number;
  total: number;
  muted: boolean;
}

/** `myInboxMessages:count` and the stream's `count` event: totals leave muted channels out. */
export interface Counts {
  unread: number;
  total: number;
  channels: Record<string, ChannelCount>;
}

/** Pure: the counts of these channels, each marked muted or not, with totals of those not muted. */
export function countsWithoutMuted(
  channels: Record<string, { unread: number; total: number }>,
  mutedChannels: readonly string[],
): Counts {
  const muted = new Set(mutedChannels);
  const counts: Counts = { unread: 0, total: 0, channels: {} };
  for (const [name, { unread, total }] of Object.entries(channels)) {
    counts.channels[name] = { unread, total, muted: muted.has(name) };
    if (!muted.has(name)) {
      counts.unread += unread;
      counts.total += total;
    }
  }
  return counts;
}

/** One user's own settings (`myInboxPreferences`). */
export interface Preferences {
  toasts: boolean;
  mutedChannels: string[];
  /** an OS notification for a new message while the tab is hidden (once the browser allows it) */
  desktopAlerts?: boolean;
  /** a sound with it */
  sound?: boolean;
  /** no toast, sound or OS notification in this daily period */
  quietHours?: QuietHours | null;
  /**
   * The channels an admin made important: no one can mute them, so the client offers no mute switch. Answered by
   * the server, never set through the preferences (a patch naming it is refused).
   */
  importantChannels?: string[];
}

/** The app-wide settings an admin sets (`inboxSettings`). */
export interface InboxSettings {
  retentionDays: number;
}

/** A workflow's failure alert as `inboxWorkflowAlerts` answers it: both null when it is off. */
export interface FailureAlert {
  roleName: string | null;
  channelName: string | null;
  /** also through this Notification Manager channel of another type (an email, say) */
  alsoChannelName?: string | null;
}

/** Why the server ends a stream, as its final `error` event says. */
export type StreamEndCode = 'session-ended' | 'too-many-streams';

/** The data of each event on `myInboxMessages:stream`, by event name (see `STREAM_EVENTS`). */
export interface StreamEventData {
  message: InboxMessage;
  update: InboxChange;
  count: Counts;
  start: { after: number };
  error: { code: StreamEndCode; message: string };
}
