import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { matchingCount } from '../components/MessageList';
import { snoozable, snoozeChoices } from '../components/SnoozeMenu';
import { SEARCH_DEBOUNCE_MS } from '../components/TriageBar';
import { makeMessage } from './fakes';
import { messagesIn, openInbox, renderInbox } from './render-inbox';

const seed = () => [
  makeMessage({ id: 1, title: 'Invoice overdue', channelName: 'billing' }),
  makeMessage({ id: 2, title: 'Deploy failed', level: 'error', channelName: 'ops' }),
  makeMessage({ id: 3, title: 'Lunch', channelName: 'ops' }),
];

async function openWithMessages() {
  const rendered = renderInbox({ messages: seed() });
  const dialog = await openInbox();
  const list = await messagesIn(dialog);
  await within(list).findByText('Lunch');
  return { ...rendered, dialog, list };
}

const lastListParams = (callsTo: (url: string) => any[]) => callsTo('myInboxMessages:list').at(-1)?.params ?? {};
const sent = (calls: any[], index = 0): any => calls[index];

describe('triage in the inbox', () => {
  it('searches after typing pauses, with one request for the whole word', async () => {
    const { dialog, callsTo } = await openWithMessages();
    const before = callsTo('myInboxMessages:list').length;
    jest.useFakeTimers();
    try {
      const box = within(dialog).getByRole('searchbox', { name: 'Search messages' });
      for (const text of ['i', 'in', 'inv']) fireEvent.change(box, { target: { value: text } });
      act(() => jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 50));
      expect(callsTo('myInboxMessages:list').length).toBe(before);
      act(() => jest.advanceTimersByTime(100));
    } finally {
      jest.useRealTimers();
    }
    await waitFor(() => expect(lastListParams(callsTo)).toMatchObject({ q: 'inv' }));
    expect(callsTo('myInboxMessages:list').length).toBe(before + 1);
    expect(callsTo('myInboxChannels:list').at(-1)?.params).toMatchObject({ q: 'inv' });
  });

  it('lists unread first and the archive on request', async () => {
    const { dialog, callsTo } = await openWithMessages();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Unread first' }));
    await waitFor(() => expect(lastListParams(callsTo)).toMatchObject({ sort: 'unread' }));
    const archived = within(dialog).getByRole('button', { name: 'Archived' });
    fireEvent.click(archived);
    await waitFor(() => expect(lastListParams(callsTo)).toMatchObject({ status: 'archived', sort: 'unread' }));
    expect(archived).toHaveAttribute('aria-pressed', 'true');
  });

  it('archives a message from its own button and from the keyboard (e)', async () => {
    const { list, callsTo } = await openWithMessages();
    const lunch = within(list).getByText('Lunch').closest('li') as HTMLElement;
    fireEvent.click(within(lunch).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(within(list).queryByText('Lunch')).toBeNull());
    expect(callsTo('myInboxMessages:archive')[0].params).toEqual({ filterByTk: '3' });

    const deploy = within(list).getByText('Deploy failed').closest('li') as HTMLElement;
    fireEvent.keyDown(deploy, { key: 'e' });
    await waitFor(() => expect(within(list).queryByText('Deploy failed')).toBeNull());
    expect(callsTo('myInboxMessages:archive')[1].params).toEqual({ filterByTk: '2' });
  });

  it('focuses the search on "/" but not while typing in it', async () => {
    const { dialog, list } = await openWithMessages();
    const item = within(list).getByText('Lunch').closest('li') as HTMLElement;
    item.focus();
    fireEvent.keyDown(item, { key: '/' });
    const box = within(dialog).getByRole('searchbox', { name: 'Search messages' });
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(box, { key: 'e' });
    expect(within(list).getByText('Lunch')).toBeTruthy();
  });

  it('selects with x or the box, then acts on the selection or on every matching message', async () => {
    const { dialog, list, callsTo } = await openWithMessages();
    fireEvent.keyDown(within(list).getByText('Lunch').closest('li') as HTMLElement, { key: 'x' });
    const toolbar = await within(dialog).findByRole('toolbar', { name: 'Selected messages' });
    expect(within(toolbar).getByText('1 selected')).toBeTruthy();
    fireEvent.click(within(list).getByText('Invoice overdue').closest('li')!.querySelector('input[type="checkbox"]')!);
    expect(within(toolbar).getByText('2 selected')).toBeTruthy();
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Mark as read' }));
    await waitFor(() => expect(callsTo('myInboxMessages:markRead')).toHaveLength(1));
    expect(String(sent(callsTo('myInboxMessages:markRead')).params.filterByTk).split(',').sort()).toEqual(['1', '3']);

    fireEvent.keyDown(within(list).getByText('Lunch').closest('li') as HTMLElement, { key: 'x' });
    const again = await within(dialog).findByRole('toolbar', { name: 'Selected messages' });
    fireEvent.click(within(again).getByRole('button', { name: 'Select all 3 matching' }));
    expect(within(again).getByText('3 selected')).toBeTruthy();
    fireEvent.click(within(again).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(callsTo('myInboxMessages:archive')).toHaveLength(1));
    expect(callsTo('myInboxMessages:archive')[0]).toMatchObject({ data: { filter: {} } });
    expect(callsTo('myInboxMessages:archive')[0].params).toBeUndefined();
  });

  it('brings every matching message back from the archive in one request, loaded or not', async () => {
    const archivedAt = '2026-01-01T00:00:00.000Z';
    const rendered = renderInbox({
      messages: [...seed(), makeMessage({ id: 4, title: 'Old deploy', channelName: 'ops', archivedAt }), makeMessage({ id: 5, title: 'Old invoice', channelName: 'billing', archivedAt })],
    });
    const dialog = await openInbox();
    const list = await messagesIn(dialog);
    await within(list).findByText('Lunch');
    expect(within(list).queryByText('Old deploy')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Archived' }));
    const archive = await within(dialog).findByRole('list', { name: 'Messages' });
    await within(archive).findByText('Old invoice');
    await waitFor(() => expect(within(archive).queryByText('Lunch')).toBeNull());

    fireEvent.keyDown(within(archive).getByText('Old deploy').closest('li') as HTMLElement, { key: 'x' });
    const toolbar = await within(dialog).findByRole('toolbar', { name: 'Selected messages' });
    fireEvent.click(await within(toolbar).findByRole('button', { name: 'Select all 2 matching' }));
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Unarchive' }));
    await waitFor(() => expect(rendered.callsTo('myInboxMessages:unarchive')).toHaveLength(1));
    expect(rendered.callsTo('myInboxMessages:unarchive')[0]).toMatchObject({ data: { filter: { status: 'archived' } } });
    expect(rendered.callsTo('myInboxMessages:unarchive')[0].params).toBeUndefined();
    expect(await within(dialog).findByText('No archived messages')).toBeTruthy();
    expect(rendered.store.messages.filter((m) => m.archivedAt)).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Archived' }));
    const inbox = await messagesIn(dialog);
    expect(await within(inbox).findByText('Old deploy')).toBeTruthy();
    expect(within(inbox).getByText('Old invoice')).toBeTruthy();
  });

  it('snoozes from the menu of a message', async () => {
    const { list, callsTo } = await openWithMessages();
    const lunch = within(list).getByText('Lunch').closest('li') as HTMLElement;
    fireEvent.click(within(lunch).getByRole('button', { name: 'Snooze' }));
    fireEvent.click(await screen.findByText('Tomorrow 9:00'));
    await waitFor(() => expect(callsTo('myInboxMessages:snooze')).toHaveLength(1));
    const until = new Date(sent(callsTo('myInboxMessages:snooze')).data.until);
    expect(until.getHours()).toBe(9);
    expect(until.getTime()).toBeGreaterThan(Date.now());
    await waitFor(() => expect(within(list).queryByText('Lunch')).toBeNull());
  });
});

describe('snooze times', () => {
  it('offers this evening only while it is ahead, and next week on Monday morning', () => {
    const morning = snoozeChoices(new Date(2026, 0, 7, 10, 0)); // a Wednesday
    expect(morning.map((c) => c.key)).toEqual(['hour', 'evening', 'tomorrow', 'nextWeek']);
    expect(morning[1].until).toEqual(new Date(2026, 0, 7, 18, 0));
    expect(morning[2].until).toEqual(new Date(2026, 0, 8, 9, 0));
    expect(morning[3].until).toEqual(new Date(2026, 0, 12, 9, 0));
    const late = snoozeChoices(new Date(2026, 0, 11, 17, 30)); // a Sunday evening
    expect(late.map((c) => c.key)).toEqual(['hour', 'tomorrow', 'nextWeek']);
    expect(late[2].until).toEqual(new Date(2026, 0, 12, 9, 0));
  });

  it('accepts a picked time in the future up to a year ahead', () => {
    const now = dayjs(new Date(2026, 0, 7, 10, 0));
    expect(snoozable(now.add(1, 'minute'), now)).toBe(true);
    expect(snoozable(now.subtract(1, 'minute'), now)).toBe(false);
    expect(snoozable(now.add(13, 'month'), now)).toBe(false);
  });

  it('counts the matching messages from the channel summaries once all are loaded', () => {
    const channels = { items: [{ name: 'a', title: 'A', unreadCount: 2, totalCount: 5, latestMessage: null }], nextCursor: null, loading: false, error: false, key: '' };
    expect(matchingCount({ channels, selected: null, filter: 'read' })).toBe(3);
    expect(matchingCount({ channels: { ...channels, nextCursor: 9 }, selected: null, filter: 'all' })).toBeNull();
    expect(matchingCount({ channels, selected: 'a', filter: 'unread' })).toBe(2);
  });
});
