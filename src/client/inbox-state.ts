import type { Level, Sort, Status } from '../shared/constants';
import type { Page } from './api';
import type { InboxEvent } from './stream/inbox-event';
import { ChannelSummary, Counts, countsWithoutMuted, InboxChange, InboxMessage, Preferences } from '../shared/contract';

export interface ListState<T> {
  items: T[];
  nextCursor: number | string | null;
  loading: boolean;
  error: boolean;
  /** which view (channel and filter) the items belong to; an answer for another view is dropped */
  key: string;
}

/** Narrowing of a view: search text, levels, order, and the archive instead of the inbox. */
export interface Search {
  q: string;
  levels: Level[];
  sort: Sort;
  archived: boolean;
}

export const NO_SEARCH: Search = { q: '', levels: [], sort: 'newest', archived: false };

export interface InboxState {
  counts: Counts;
  preferences: Preferences;
  /** null: every channel */
  selected: string | null;
  filter: Status;
  search: Search;
  channels: ListState<ChannelSummary>;
  messages: ListState<InboxMessage>;
}

export type ListName = 'channels' | 'messages';

export type InboxAction =
  | { type: 'counts'; counts: Counts }
  | { type: 'preferences'; preferences: Preferences }
  | { type: 'view'; selected?: string | null; filter?: Status; search?: Search }
  | { type: 'loading'; list: ListName; key: string }
  | { type: 'loaded'; list: 'channels'; key: string; page: Page<ChannelSummary>; append: boolean }
  | { type: 'loaded'; list: 'messages'; key: string; page: Page<InboxMessage>; append: boolean }
  | { type: 'failed'; list: ListName; key: string }
  | { type: 'received'; message: InboxMessage }
  | { type: 'changed'; change: InboxChange; at: string };

type ChannelCounts = Counts['channels'];

const searchKey = ({ search }: { search?: Search }) =>
  search && (search.q || search.levels.length || search.sort !== 'newest' || search.archived) ? `|${JSON.stringify(search)}` : '';

export const listKey = (state: Pick<InboxState, 'selected' | 'filter'> & { search?: Search }, list: ListName) =>
  (list === 'channels' ? state.filter : `${state.filter}:${state.selected ?? ''}`) + searchKey(state);

const emptyList = <T>(key = ''): ListState<T> => ({ items: [], nextCursor: null, loading: false, error: false, key });

export const initialInboxState: InboxState = {
  counts: { unread: 0, total: 0, channels: {} },
  preferences: { toasts: true, mutedChannels: [] },
  selected: null,
  filter: 'all',
  search: NO_SEARCH,
  channels: emptyList('all'),
  messages: emptyList('all:'),
};

type Deltas = Map<string, { unread: number; total: number }>;

const addDelta = (deltas: Deltas, channelName: string, unread: number, total: number) => {
  const entry = deltas.get(channelName) ?? { unread: 0, total: 0 };
  deltas.set(channelName, { unread: entry.unread + unread, total: entry.total + total });
};

function applyDeltas(channels: ChannelCounts, deltas: Deltas): ChannelCounts {
  const next = { ...channels };
  deltas.forEach(({ unread, total }, name) => {
    const entry = next[name] ?? { unread: 0, total: 0, muted: false };
    next[name] = { ...entry, unread: Math.max(0, entry.unread + unread), total: Math.max(0, entry.total + total) };
  });
  return next;
}

function applySummaryDeltas(items: ChannelSummary[], deltas: Deltas): ChannelSummary[] {
  return items.map((channel) => {
    const delta = deltas.get(channel.name);
    return delta
      ? {
          ...channel,
          unreadCount: Math.max(0, channel.unreadCount + delta.unread),
          totalCount: Math.max(0, channel.totalCount + delta.total),
        }
      : channel;
  });
}

const byIdDesc = (a: InboxMessage, b: InboxMessage) => b.id - a.id;

/** Pure: whether a message matches the search as the server's does (substring of title or content, any case). */
const matchesSearch = ({ q, levels, archived }: Search, message: InboxMessage) => {
  const text = q.trim().toLowerCase();
  return (
    !archived &&
    (!levels.length || levels.includes(message.level)) &&
    (!text || message.title.toLowerCase().includes(text) || message.content.toLowerCase().includes(text))
  );
};

const showsMessage = (state: InboxState, message: InboxMessage) =>
  (state.selected === null || state.selected === message.channelName) &&
  (state.filter === 'all' || (state.filter === 'unread') === (message.readAt === null)) &&
  matchesSearch(state.search, message);

function withCounts(state: InboxState, channels: ChannelCounts): InboxState {
  return { ...state, counts: countsWithoutMuted(channels, state.preferences.mutedChannels) };
}

function received(state: InboxState, message: InboxMessage): InboxState {
  if (state.messages.items.some((item) => item.id === message.id)) return state;
  const unread = message.readAt === null ? 1 : 0;
  const deltas: Deltas = new Map([[message.channelName, { unread, total: 1 }]]);
  const latestMessage = { id: message.id, title: message.title, createdAt: message.createdAt };
  const known = state.channels.items.find((channel) => channel.name === message.channelName);
  const summary: ChannelSummary = known
    ? { ...known, unreadCount: known.unreadCount + unread, totalCount: known.totalCount + 1, latestMessage }
    : { name: message.channelName, title: message.channelName, unreadCount: unread, totalCount: 1, latestMessage };
  const listsChannel = known || state.filter !== 'read' || !unread;
  return withCounts(
    {
      ...state,
      channels: listsChannel
        ? { ...state.channels, items: [summary, ...state.channels.items.filter((channel) => channel !== known)] }
        : state.channels,
      messages: showsMessage(state, message)
        ? { ...state.messages, items: [...state.messages.items, message].sort(byIdDesc) }
        : state.messages,
    },
    applyDeltas(state.counts.channels, deltas),
  );
}

function changed(state: InboxState, change: InboxChange, at: string): InboxState {
  // a message coming back (unarchived, snooze ended early) is in no loaded page of the inbox: the counts arrive fresh
  if (change.change === 'preferences' || change.change === 'unsnoozed') return state;
  if (change.change === 'unarchived' && !state.search.archived) return state;
  const ids = new Set(change.ids);
  const hits = (message: InboxMessage) =>
    change.all ? !change.channelName || message.channelName === change.channelName : ids.has(message.id);
  const deltas: Deltas = new Map();
  let items: InboxMessage[];
  if (['deleted', 'archived', 'snoozed', 'unarchived'].includes(change.change)) {
    items = state.messages.items.filter((message) => {
      if (!hits(message)) return true;
      // the archive's messages are in no count: leaving it changes the counts the server sends next
      if (!state.search.archived) addDelta(deltas, message.channelName, message.readAt === null ? -1 : 0, -1);
      return false;
    });
  } else if (change.change === 'responded') {
    // an answer also reads the message
    items = state.messages.items.map((message) => {
      if (!hits(message)) return message;
      if (message.readAt === null) addDelta(deltas, message.channelName, -1, 0);
      return { ...message, readAt: message.readAt ?? at, response: message.response ?? change.response ?? null };
    });
  } else {
    const read = change.change === 'read';
    items = state.messages.items.map((message) => {
      if (!hits(message) || (message.readAt !== null) === read) return message;
      addDelta(deltas, message.channelName, read ? -1 : 1, 0);
      return { ...message, readAt: read ? at : null };
    });
  }
  let counts = applyDeltas(state.counts.channels, deltas);
  let summaries = applySummaryDeltas(state.channels.items, deltas);
  if (change.all && change.change === 'read') {
    const inScope = (name: string) => !change.channelName || name === change.channelName;
    counts = Object.fromEntries(
      Object.entries(counts).map(([name, entry]) => [name, inScope(name) ? { ...entry, unread: 0 } : entry]),
    );
    summaries = summaries.map((channel) => (inScope(channel.name) ? { ...channel, unreadCount: 0 } : channel));
  }
  return withCounts(
    { ...state, messages: { ...state.messages, items }, channels: { ...state.channels, items: summaries } },
    counts,
  );
}

function loaded<T extends { id?: number; name?: string }>(list: ListState<T>, page: Page<T>, append: boolean): ListState<T> {
  const identity = (item: T) => item.id ?? item.name;
  const seen = new Set(append ? list.items.map(identity) : []);
  const items = append ? [...list.items, ...page.items.filter((item) => !seen.has(identity(item)))] : page.items;
  return { ...list, items, nextCursor: page.nextCursor, loading: false, error: false };
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'counts':
      return action.counts.channels ? withCounts(state, action.counts.channels) : { ...state, counts: action.counts };
    case 'preferences':
      return withCounts({ ...state, preferences: action.preferences }, state.counts.channels);
    case 'view':
      return {
        ...state,
        selected: action.selected === undefined ? state.selected : action.selected,
        filter: action.filter ?? state.filter,
        search: action.search ?? state.search,
      };
    case 'loading': {
      const list = state[action.list];
      const fresh = list.key !== action.key;
      return { ...state, [action.list]: { ...(fresh ? emptyList(action.key) : list), loading: true, error: false } };
    }
    case 'loaded':
      if (state[action.list].key !== action.key) return state;
      return action.list === 'messages'
        ? { ...state, messages: loaded(state.messages, action.page, action.append) }
        : { ...state, channels: loaded(state.channels, action.page, action.append) };
    case 'failed':
      return state[action.list].key === action.key
        ? { ...state, [action.list]: { ...state[action.list], loading: false, error: true } }
        : state;
    case 'received':
      return received(state, action.message);
    case 'changed':
      return changed(state, action.change, action.at);
    default:
      return state;
  }
}

/** Pure: the reducer's action for a live event (from the stream or another tab), or null when it changes no state. */
export function eventAction(event: InboxEvent, at = new Date().toISOString()): InboxAction | null {
  switch (event.type) {
    case 'message':
      return { type: 'received', message: event.message };
    case 'update':
      return event.change.change === 'preferences' ? null : { type: 'changed', change: event.change, at };
    case 'count':
      return { type: 'counts', counts: event.counts };
    case 'preferences':
      return { type: 'preferences', preferences: event.preferences };
    default:
      return null;
  }
}
