import { act, screen, waitFor } from '@testing-library/react';
import { createInboxHub, CrossTabEnv, StartLeader } from '../stream/cross-tab';
import type { InboxEvent } from '../stream/inbox-event';
import { fakeBroadcastChannel, fakeLocks, makeMessage } from './fakes';
import { renderInbox } from './render-inbox';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A browser with `count` tabs of the same user; each tab records what its inbox received. */
function openTabs(count: number, env: CrossTabEnv) {
  const streams: { emit: (event: InboxEvent) => void; lastEventId: string | null; closed: boolean }[] = [];
  const startLeader: StartLeader = (emit, lastEventId) => {
    const stream = { emit, lastEventId, closed: false };
    streams.push(stream);
    return () => {
      stream.closed = true;
    };
  };
  const tabs = Array.from({ length: count }, () => {
    const received: InboxEvent[] = [];
    const hub = createInboxHub({ name: 'inbox:user-1', env, startLeader, onEvent: (event) => received.push(event) });
    return { hub, received };
  });
  return { tabs, streams };
}

describe('one stream per browser', () => {
  it('opens a single stream for all tabs and shares its events with every tab', async () => {
    const { tabs, streams } = openTabs(3, { locks: fakeLocks(), BroadcastChannel: fakeBroadcastChannel() });
    await settle();
    expect(streams).toHaveLength(1);
    expect(tabs.map((tab) => tab.hub.isLeader)).toEqual([true, false, false]);

    const message = makeMessage({ id: 10 });
    streams[0].emit({ type: 'message', message });
    await settle();
    for (const tab of tabs) expect(tab.received).toEqual([{ type: 'message', message }]);
    tabs.forEach((tab) => tab.hub.stop());
  });

  it('lets a follower tab publish to the others (a preference change, fresh counts)', async () => {
    const { tabs } = openTabs(2, { locks: fakeLocks(), BroadcastChannel: fakeBroadcastChannel() });
    await settle();
    const event: InboxEvent = { type: 'preferences', preferences: { toasts: false, mutedChannels: ['sales'] } };
    tabs[1].hub.publish(event);
    await settle();
    expect(tabs[0].received).toEqual([event]);
    expect(tabs[1].received).toEqual([event]);
    tabs.forEach((tab) => tab.hub.stop());
  });

  it('hands the stream to another tab when the leader closes, resuming after the last message seen', async () => {
    const { tabs, streams } = openTabs(2, { locks: fakeLocks(), BroadcastChannel: fakeBroadcastChannel() });
    await settle();
    streams[0].emit({ type: 'message', message: makeMessage({ id: 41 }) });
    streams[0].emit({ type: 'message', message: makeMessage({ id: 42 }) });
    await settle();

    tabs[0].hub.stop();
    await settle();
    expect(streams[0].closed).toBe(true);
    expect(streams).toHaveLength(2);
    expect(tabs[1].hub.isLeader).toBe(true);
    expect(streams[1].lastEventId).toBe('42');
    tabs[1].hub.stop();
  });

  it('hands over before any message came: the new leader resumes from the stream\'s `start` id', async () => {
    const { tabs, streams } = openTabs(2, { locks: fakeLocks(), BroadcastChannel: fakeBroadcastChannel() });
    await settle();
    streams[0].emit({ type: 'start', after: 7 });
    await settle();
    expect(tabs[1].received).toEqual([{ type: 'start', after: 7 }]);

    tabs[0].hub.stop();
    await settle();
    expect(streams[1].lastEventId).toBe('7');
    tabs[1].hub.stop();
  });

  it('falls back to one stream per tab where Web Locks or BroadcastChannel are missing', async () => {
    const withoutLocks = openTabs(2, { BroadcastChannel: fakeBroadcastChannel() });
    const withoutChannel = openTabs(2, { locks: fakeLocks() });
    await settle();
    expect(withoutLocks.streams).toHaveLength(2);
    expect(withoutChannel.streams).toHaveLength(2);
    expect(withoutLocks.tabs.every((tab) => tab.hub.isLeader)).toBe(true);

    const message = makeMessage();
    withoutLocks.streams[0].emit({ type: 'message', message });
    expect(withoutLocks.tabs[0].received).toHaveLength(1);
    [...withoutLocks.tabs, ...withoutChannel.tabs].forEach((tab) => tab.hub.stop());
  });

  it('stops delivering once stopped, and a waiting tab gives up its place in the lock queue', async () => {
    const { tabs, streams } = openTabs(2, { locks: fakeLocks(), BroadcastChannel: fakeBroadcastChannel() });
    await settle();
    tabs[1].hub.stop();
    streams[0].emit({ type: 'message', message: makeMessage() });
    await settle();
    expect(tabs[1].received).toEqual([]);
    tabs[0].hub.stop();
    await settle();
    expect(streams).toHaveLength(1);
  });
});

describe('two tabs of the inbox', () => {
  it('keep their bells in step over the one stream of the leader tab', async () => {
    const browser = { locks: fakeLocks(), BroadcastChannel: fakeBroadcastChannel() };
    const seed = [makeMessage({ id: 1 })];
    const first = renderInbox({ messages: seed, live: true, crossTab: browser });
    const second = renderInbox({ messages: seed, live: true, crossTab: browser });
    const bells = () => screen.getAllByRole('button', { name: /^Messages/ });
    await waitFor(() => expect(first.stream.connections).toHaveLength(1));
    await waitFor(() => bells().forEach((bell) => expect(bell).toHaveAccessibleName('Messages, 1 unread')));
    expect(second.stream.connections).toHaveLength(0);

    act(() => first.stream.send('message', makeMessage({ id: 2 }), 2));
    await waitFor(() => bells().forEach((bell) => expect(bell).toHaveAccessibleName('Messages, 2 unread')));
    act(() => first.stream.send('update', { userId: 1, change: 'read', ids: [], all: true }));
    await waitFor(() => bells().forEach((bell) => expect(bell).toHaveAccessibleName('Messages')));
  });
});
