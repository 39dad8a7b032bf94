import { inboxReducer, initialInboxState, InboxState } from '../inbox-state';
import { makeMessage } from './fakes';
import { Counts, countsWithoutMuted } from '../../shared/contract';

const counts = (channels: Counts['channels']): Counts => countsWithoutMuted(channels, []);

const withView = (patch: Partial<InboxState>): InboxState => ({ ...initialInboxState, ...patch });

describe('inbox state', () => {
  it('counts a new message once, in its channel and in the total', () => {
    const message = makeMessage({ id: 5, channelName: 'sales' });
    const once = inboxReducer(initialInboxState, { type: 'received', message });
    expect(once.counts).toEqual({ unread: 1, total: 1, channels: { sales: { unread: 1, total: 1, muted: false } } });
    expect(once.messages.items).toEqual([message]);
    expect(inboxReducer(once, { type: 'received', message })).toBe(once);
  });

  it('leaves a muted channel out of the badge total but keeps its own count', () => {
    const muted = inboxReducer(initialInboxState, { type: 'preferences', preferences: { toasts: true, mutedChannels: ['ops'] } });
    const next = inboxReducer(muted, { type: 'received', message: makeMessage({ channelName: 'ops' }) });
    expect(next.counts.unread).toBe(0);
    expect(next.counts.channels.ops).toEqual({ unread: 1, total: 1, muted: true });
  });

  it('recounts the badge when a channel is muted or unmuted', () => {
    const state = withView({ counts: counts({ a: { unread: 2, total: 2, muted: false }, b: { unread: 3, total: 4, muted: false } }) });
    const muted = inboxReducer(state, { type: 'preferences', preferences: { toasts: true, mutedChannels: ['b'] } });
    expect(muted.counts.unread).toBe(2);
    const unmuted = inboxReducer(muted, { type: 'preferences', preferences: { toasts: true, mutedChannels: [] } });
    expect(unmuted.counts.unread).toBe(5);
  });

  it('shows a live message only in a view it belongs to', () => {
    const message = makeMessage({ channelName: 'sales' });
    const otherChannel = inboxReducer(withView({ selected: 'ops' }), { type: 'received', message });
    const readFilter = inboxReducer(withView({ filter: 'read' }), { type: 'received', message });
    expect(otherChannel.messages.items).toEqual([]);
    expect(readFilter.messages.items).toEqual([]);
    expect(otherChannel.counts.unread).toBe(1);
  });

  it('moves the channel of a new message to the top with its latest title', () => {
    const state = withView({
      channels: {
        ...initialInboxState.channels,
        items: [
          { name: 'a', title: 'A', unreadCount: 0, totalCount: 1, latestMessage: null },
          { name: 'b', title: 'B', unreadCount: 0, totalCount: 1, latestMessage: null },
        ],
      },
    });
    const next = inboxReducer(state, { type: 'received', message: makeMessage({ id: 9, channelName: 'b', title: 'Hello' }) });
    expect(next.channels.items.map((c) => [c.name, c.unreadCount, c.latestMessage?.title])).toEqual([
      ['b', 1, 'Hello'],
      ['a', 0, undefined],
    ]);
  });

  it('applies read, unread and delete to loaded messages, counting only real changes', () => {
    const [m1, m2] = [makeMessage({ id: 1 }), makeMessage({ id: 2 })];
    let state = [m1, m2].reduce((s, message) => inboxReducer(s, { type: 'received', message }), initialInboxState);
    const at = '2026-01-01T00:00:00.000Z';
    state = inboxReducer(state, { type: 'changed', change: { userId: 1, change: 'read', ids: [1] }, at });
    state = inboxReducer(state, { type: 'changed', change: { userId: 1, change: 'read', ids: [1] }, at });
    expect(state.messages.items.find((m) => m.id === 1)?.readAt).toBe(at);
    expect(state.counts.unread).toBe(1);

    state = inboxReducer(state, { type: 'changed', change: { userId: 1, change: 'unread', ids: [1] }, at });
    expect(state.counts.unread).toBe(2);

    state = inboxReducer(state, { type: 'changed', change: { userId: 1, change: 'deleted', ids: [2] }, at });
    expect(state.messages.items.map((m) => m.id)).toEqual([1]);
    expect(state.counts).toMatchObject({ unread: 1, total: 1 });
  });

  it('marks a whole channel, or everything, as read', () => {
    const state = withView({
      counts: counts({ a: { unread: 2, total: 2, muted: false }, b: { unread: 3, total: 3, muted: false } }),
      messages: { ...initialInboxState.messages, items: [makeMessage({ channelName: 'a' }), makeMessage({ channelName: 'b' })] },
    });
    const at = new Date().toISOString();
    const channel = inboxReducer(state, { type: 'changed', change: { userId: 1, change: 'read', ids: [], all: true, channelName: 'a' }, at });
    expect(channel.counts.channels.a.unread).toBe(0);
    expect(channel.counts.channels.b.unread).toBe(3);
    expect(channel.messages.items.map((m) => m.readAt === null)).toEqual([false, true]);

    const everything = inboxReducer(state, { type: 'changed', change: { userId: 1, change: 'read', ids: [], all: true }, at });
    expect(everything.counts.unread).toBe(0);
    expect(everything.messages.items.every((m) => m.readAt !== null)).toBe(true);
  });

  it('drops a page that answers a view the user has already left', () => {
    const loading = inboxReducer(initialInboxState, { type: 'loading', list: 'messages', key: 'all:' });
    const moved = inboxReducer(loading, { type: 'view', filter: 'unread' });
    const relabelled = inboxReducer(moved, { type: 'loading', list: 'messages', key: 'unread:' });
    const late = inboxReducer(relabelled, {
      type: 'loaded',
      list: 'messages',
      key: 'all:',
      page: { items: [makeMessage()], nextCursor: null },
      append: false,
    });
    expect(late.messages.items).toEqual([]);
    expect(late.messages.loading).toBe(true);
  });

  it('appends the next page without duplicates', () => {
    const [a, b, c] = [makeMessage({ id: 30 }), makeMessage({ id: 20 }), makeMessage({ id: 10 })];
    const first = inboxReducer(initialInboxState, { type: 'loaded', list: 'messages', key: 'all:', page: { items: [a, b], nextCursor: 20 }, append: false });
    const second = inboxReducer(first, { type: 'loaded', list: 'messages', key: 'all:', page: { items: [b, c], nextCursor: null }, append: true });
    expect(second.messages.items.map((m) => m.id)).toEqual([30, 20, 10]);
    expect(second.messages.nextCursor).toBeNull();
  });
});
