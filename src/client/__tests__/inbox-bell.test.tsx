import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { makeMessage } from './fakes';
import { bell, messagesIn, openInbox, renderInbox } from './render-inbox';

const unread = (count: number, fields = {}) => Array.from({ length: count }, () => makeMessage(fields));

describe('the bell', () => {
  it('shows the unread count and caps it at 99+', async () => {
    renderInbox({ messages: unread(120) });
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 120 unread'));
    expect(bell()).toHaveTextContent('99+');
  });

  it('shows no badge when everything is read', async () => {
    const { callsTo } = renderInbox({ messages: [makeMessage({ readAt: new Date().toISOString() })] });
    await waitFor(() => expect(callsTo('myInboxMessages:count')).toHaveLength(1));
    expect(bell()).toHaveAccessibleName('Messages');
    expect(bell().querySelector('.ant-badge-count')).toBeNull();
  });

  it('opens a dialog with the channels beside the messages', async () => {
    renderInbox({
      messages: [makeMessage({ channelName: 'sales', title: 'Deal won' }), makeMessage({ channelName: 'ops', title: 'Disk full' })],
      titles: { sales: 'Sales', ops: 'Operations' },
    });
    const dialog = await openInbox();
    const channels = within(dialog).getByRole('listbox', { name: 'Channels' });
    await within(channels).findByText('Operations');
    expect(within(channels).getAllByRole('option').map((o) => o.textContent)).toEqual([
      expect.stringContaining('All channels'),
      expect.stringMatching(/Operations.*Disk full/),
      expect.stringMatching(/Sales.*Deal won/),
    ]);
    const messages = within(dialog).getByRole('list', { name: 'Messages' });
    expect(within(messages).getAllByRole('listitem')).toHaveLength(2);
  });

  it("shows one channel's messages when it is chosen", async () => {
    const { callsTo } = renderInbox({
      messages: [makeMessage({ channelName: 'sales', title: 'Deal won' }), makeMessage({ channelName: 'ops', title: 'Disk full' })],
      titles: { ops: 'Operations' },
    });
    const dialog = await openInbox();
    fireEvent.click(await within(dialog).findByRole('option', { name: /Operations/ }));
    await waitFor(async () => expect(within(await messagesIn(dialog)).queryByText('Deal won')).toBeNull());
    expect(within(await messagesIn(dialog)).getByText('Disk full')).toBeInTheDocument();
    expect(callsTo('myInboxMessages:list').at(-1)?.params).toEqual({ channelName: 'ops' });
    expect(within(dialog).getByRole('option', { name: /Operations/ })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('filters', () => {
  it('lists only unread, then only read messages', async () => {
    const { callsTo } = renderInbox({
      messages: [makeMessage({ title: 'Fresh' }), makeMessage({ title: 'Seen', readAt: new Date().toISOString() })],
    });
    const dialog = await openInbox();
    await within(await messagesIn(dialog)).findByText('Seen');

    fireEvent.click(within(dialog).getByText('Unread'));
    await waitFor(async () => expect(within(await messagesIn(dialog)).queryByText('Seen')).toBeNull());
    expect(within(await messagesIn(dialog)).getByText('Fresh')).toBeInTheDocument();
    expect(callsTo('myInboxMessages:list').at(-1)?.params).toEqual({ status: 'unread' });
    expect(callsTo('myInboxChannels:list').at(-1)?.params).toEqual({ status: 'unread' });

    fireEvent.click(within(dialog).getByText('Read'));
    await waitFor(async () => expect(within(await messagesIn(dialog)).queryByText('Fresh')).toBeNull());
    expect(within(await messagesIn(dialog)).getByText('Seen')).toBeInTheDocument();
  });

  it('says so when a filter has nothing to show', async () => {
    renderInbox({ messages: [makeMessage({ readAt: new Date().toISOString() })] });
    const dialog = await openInbox();
    fireEvent.click(within(dialog).getByText('Unread'));
    expect(await within(dialog).findByText('No unread messages')).toBeInTheDocument();
  });
});

describe('read state and delete', () => {
  it('marks one message read, then unread again, keeping the badge in step', async () => {
    const message = makeMessage({ title: 'Deal won' });
    const { callsTo, store } = renderInbox({ messages: [message, makeMessage()] });
    const dialog = await openInbox();
    const item = await within(dialog).findByRole('listitem', { name: /Deal won/ });

    fireEvent.click(within(item).getByRole('button', { name: 'Mark as read' }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 1 unread'));
    expect(callsTo('myInboxMessages:markRead')[0].params).toEqual({ filterByTk: String(message.id) });
    expect(store.messages.find((m) => m.id === message.id)?.readAt).not.toBeNull();

    fireEvent.click(within(item).getByRole('button', { name: 'Mark as unread' }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 2 unread'));
    expect(callsTo('myInboxMessages:markUnread')[0].params).toEqual({ filterByTk: String(message.id) });
  });

  it('marks everything as read', async () => {
    const { callsTo } = renderInbox({ messages: [makeMessage({ channelName: 'a' }), makeMessage({ channelName: 'b' })] });
    const dialog = await openInbox();
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 2 unread'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mark all as read' }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages'));
    expect(callsTo('myInboxMessages:markAllRead')[0].params).toEqual({});
  });

  it("marks only the chosen channel's messages as read", async () => {
    const { callsTo } = renderInbox({ messages: [makeMessage({ channelName: 'a' }), makeMessage({ channelName: 'b' })] });
    const dialog = await openInbox();
    fireEvent.click(await within(dialog).findByRole('option', { name: /^a/ }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Mark channel as read' }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 1 unread'));
    expect(callsTo('myInboxMessages:markAllRead')[0].params).toEqual({ channelName: 'a' });
  });

  it('deletes a message after confirmation', async () => {
    const { callsTo, store } = renderInbox({ messages: [makeMessage({ title: 'Old news' }), makeMessage({ title: 'Keep' })] });
    const dialog = await openInbox();
    const item = await within(dialog).findByRole('listitem', { name: /Old news/ });
    fireEvent.click(within(item).getByRole('button', { name: 'Delete' }));
    const confirm = await waitFor(() => document.querySelector('.ant-popconfirm') as HTMLElement);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(dialog).queryByText('Old news')).toBeNull());
    expect(callsTo('myInboxMessages:destroy')).toHaveLength(1);
    expect(store.messages.map((m) => m.title)).toEqual(['Keep']);
    expect(bell()).toHaveAccessibleName('Messages, 1 unread');
  });

  it('reloads the truth and says so when the server refuses a change', async () => {
    const { failing } = renderInbox({ messages: [makeMessage({ title: 'Deal won' })] });
    const dialog = await openInbox();
    const item = await within(dialog).findByRole('listitem', { name: /Deal won/ });
    failing.add('myInboxMessages:markRead');
    fireEvent.click(within(item).getByRole('button', { name: 'Mark as read' }));
    expect(await screen.findByText('The inbox could not be updated, please retry')).toBeInTheDocument();
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 1 unread'));
  });
});

describe('pages and states', () => {
  it('loads more messages by cursor', async () => {
    const { callsTo } = renderInbox({ messages: unread(25) });
    const dialog = await openInbox();
    const list = await within(dialog).findByRole('list', { name: 'Messages' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(25));
    const last = callsTo('myInboxMessages:list').at(-1)?.params as { before: number };
    expect(last.before).toEqual(expect.any(Number));
    expect(within(dialog).queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows an empty inbox', async () => {
    renderInbox();
    const dialog = await openInbox();
    expect(await within(dialog).findByText('No messages')).toBeInTheDocument();
  });

  it('shows an error with a retry that works', async () => {
    const { failing } = renderInbox({ messages: [makeMessage({ title: 'Back again' })] });
    failing.add('myInboxMessages:list');
    const dialog = await openInbox();
    expect(await within(dialog).findByText('Messages could not be loaded')).toBeInTheDocument();
    failing.delete('myInboxMessages:list');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(await within(dialog).findByText('Back again')).toBeInTheDocument();
  });
});

describe('View', () => {
  it('navigates inside the app for an app path, marks the message read and closes the popover', async () => {
    const message = makeMessage({ title: 'Lead', url: '/admin/leads/1' });
    const { navigate, callsTo } = renderInbox({ messages: [message] });
    const dialog = await openInbox();
    const item = await within(dialog).findByRole('listitem', { name: /Lead/ });
    fireEvent.click(within(item).getByRole('button', { name: 'View' }));
    expect(navigate).toHaveBeenCalledWith('/admin/leads/1');
    await waitFor(() => expect(callsTo('myInboxMessages:markRead')).toHaveLength(1));
    expect(bell()).toHaveAttribute('aria-expanded', 'false');
  });

  it('opens an external URL in a new tab without opener', async () => {
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    const { navigate } = renderInbox({ messages: [makeMessage({ title: 'Docs', url: 'https://docs.example.com/a' })] });
    const dialog = await openInbox();
    fireEvent.click(await within(dialog).findByRole('button', { name: 'View' }));
    expect(open).toHaveBeenCalledWith('https://docs.example.com/a', '_blank', 'noopener,noreferrer');
    expect(navigate).not.toHaveBeenCalled();
    open.mockRestore();
  });

  it('offers no View for an unsafe link', async () => {
    renderInbox({ messages: [makeMessage({ title: 'Trap', url: 'javascript:alert(1)' })] });
    const dialog = await openInbox();
    await within(await messagesIn(dialog)).findByText('Trap');
    expect(within(dialog).queryByRole('button', { name: 'View' })).toBeNull();
  });

  it('follows an app link inside the content without reloading the page', async () => {
    const { navigate } = renderInbox({ messages: [makeMessage({ content: 'See [the lead](/admin/leads/7)' })] });
    const dialog = await openInbox();
    const link = await within(dialog).findByRole('link', { name: 'the lead' });
    expect(link).toHaveAttribute('href', '/apps/crm/admin/leads/7');
    fireEvent.click(link);
    expect(navigate).toHaveBeenCalledWith('/admin/leads/7');
  });

  it('renders hostile markdown inert inside the inbox', async () => {
    renderInbox({ messages: [makeMessage({ content: '<img src=x onerror="window.hit=1"> [x](javascript:window.hit=1)' })] });
    const dialog = await openInbox();
    await within(dialog).findByRole('listitem');
    expect(dialog.querySelector('img')).toBeNull();
    expect(dialog.querySelector('.inbox-message-content a')).toBeNull();
    expect((window as any).hit).toBeUndefined();
  });
});

describe('keyboard', () => {
  it('moves focus into the dialog, keeps Tab inside it, and Esc gives focus back to the bell', async () => {
    renderInbox({ messages: [makeMessage({ title: 'One' })] });
    const dialog = await openInbox();
    await within(await messagesIn(dialog)).findByText('One');
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));

    const trap = dialog.parentElement as HTMLElement;
    const focusables = Array.from(trap.querySelectorAll<HTMLElement>('button, input, [tabindex="0"]')).filter((el) => !el.hasAttribute('disabled'));
    focusables.at(-1)!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(focusables[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(focusables.at(-1));

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(bell()).toHaveAttribute('aria-expanded', 'false'));
    expect(document.activeElement).toBe(bell());
  });

  it('moves between messages with the arrow keys', async () => {
    renderInbox({ messages: [makeMessage({ title: 'First' }), makeMessage({ title: 'Second' })] });
    const dialog = await openInbox();
    const list = await within(dialog).findByRole('list', { name: 'Messages' });
    const [newest, older] = within(list).getAllByRole('listitem');
    newest.focus();
    fireEvent.keyDown(newest, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(older);
    fireEvent.keyDown(older, { key: 'Home' });
    expect(document.activeElement).toBe(newest);
  });

  it('chooses a channel with the keyboard', async () => {
    renderInbox({ messages: [makeMessage({ channelName: 'ops' })] });
    const dialog = await openInbox();
    const all = within(dialog).getByRole('option', { name: /All channels/ });
    all.focus();
    fireEvent.keyDown(all, { key: 'ArrowDown' });
    const ops = await within(dialog).findByRole('option', { name: /ops/ });
    await waitFor(() => expect(document.activeElement).toBe(ops));
    fireEvent.keyDown(ops, { key: 'Enter' });
    await waitFor(() => expect(ops).toHaveAttribute('aria-selected', 'true'));
  });
});

describe('narrow screens', () => {
  const width = window.innerWidth;
  afterEach(() => {
    window.innerWidth = width;
  });

  it('opens a full-screen drawer with a channel picker', async () => {
    window.innerWidth = 400;
    renderInbox({ messages: [makeMessage({ title: 'Phone' })] });
    fireEvent.click(bell());
    const drawer = await waitFor(() => document.querySelector('.ant-drawer-content') as HTMLElement);
    expect(await within(drawer).findByText('Phone')).toBeInTheDocument();
    expect(within(drawer).getByRole('combobox', { name: 'Channel' })).toBeInTheDocument();
    expect(within(drawer).queryByRole('listbox', { name: 'Channels' })).toBeNull();
  });
});

describe('preferences', () => {
  it('turns toasts off and mutes a channel from the popover', async () => {
    const { callsTo } = renderInbox({ messages: [makeMessage({ channelName: 'sales' }), makeMessage({ channelName: 'ops' })] });
    const dialog = await openInbox();
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 2 unread'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Inbox preferences' }));

    fireEvent.click(within(dialog).getByRole('switch', { name: 'Show a toast when a message arrives' }));
    await waitFor(() => expect(callsTo('myInboxPreferences:set')).toHaveLength(1));
    expect(callsTo('myInboxPreferences:set')[0].data).toEqual({ toasts: false });

    fireEvent.click(within(dialog).getByRole('switch', { name: 'Mute sales' }));
    await waitFor(() => expect(callsTo('myInboxPreferences:set')).toHaveLength(2));
    expect(callsTo('myInboxPreferences:set')[1].data).toEqual({ mutedChannels: ['sales'] });
    expect(bell()).toHaveAccessibleName('Messages, 1 unread');
  });

  it('offers no mute for a channel an admin made important, in the preferences or above its messages', async () => {
    const { callsTo } = renderInbox({
      messages: [makeMessage({ channelName: 'sales' }), makeMessage({ channelName: 'ops' })],
      preferences: { toasts: true, mutedChannels: [], importantChannels: ['ops'] },
    });
    const dialog = await openInbox();
    fireEvent.click(await within(dialog).findByRole('option', { name: /ops/ }));
    await within(dialog).findByRole('button', { name: 'Mark channel as read' });
    expect(within(dialog).queryByRole('button', { name: 'Mute channel' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('option', { name: /sales/ }));
    expect(await within(dialog).findByRole('button', { name: 'Mute channel' })).toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Inbox preferences' }));
    const ops = await within(dialog).findByRole('switch', { name: 'Mute ops' });
    expect(ops).toBeDisabled();
    expect(ops).toHaveAccessibleDescription('Important: cannot be muted');
    fireEvent.click(ops);
    expect(within(dialog).getByRole('switch', { name: 'Mute sales' })).toBeEnabled();
    expect(callsTo('myInboxPreferences:set')).toHaveLength(0);
  });
});

describe('live updates', () => {
  const live = async ({ messages = [makeMessage({ channelName: 'sales' })], preferences }: { messages?: ReturnType<typeof makeMessage>[]; preferences?: { toasts: boolean; mutedChannels: string[] } } = {}) => {
    const rendered = renderInbox({ messages, preferences, live: true });
    await waitFor(() => expect(rendered.stream.connections).toHaveLength(1));
    await waitFor(() => expect(bell()).toHaveAccessibleName(/Messages/));
    return rendered;
  };

  it('opens the stream with the API token and takes the count it sends as it opens, with no request of its own', async () => {
    const { stream, callsTo } = await live();
    expect(stream.connections[0].headers).toMatchObject({ Authorization: 'Bearer t1', Accept: 'text/event-stream' });
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 1 unread'));
    act(() => stream.send('count', { unread: 4, channels: { ops: { unread: 4, total: 5 } } }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 4 unread'));
    expect(callsTo('myInboxMessages:count')).toHaveLength(1); // the one at start
  });

  it('counts a new message and shows a toast with its level, title, first line and View', async () => {
    const { stream } = await live();
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 1 unread'));
    act(() => {
      stream.send('message', makeMessage({ id: 900, title: 'Server down', level: 'error', content: 'DB **unreachable**\nmore', url: '/admin/ops' }), 900);
    });
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 2 unread'));
    const toast = (await screen.findByText('Server down')).closest('.ant-notification-notice') as HTMLElement;
    expect(within(toast).getByText('DB unreachable')).toBeInTheDocument();
    expect(within(toast).getByRole('img', { name: 'Error' })).toBeInTheDocument();
    expect(within(toast).getByRole('button', { name: 'View' })).toBeInTheDocument();
  });

  it('shows no toast when the user turned toasts off', async () => {
    const { stream } = await live({ preferences: { toasts: false, mutedChannels: [] } });
    act(() => stream.send('message', makeMessage({ id: 901, title: 'Quietly' }), 901));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 2 unread'));
    expect(screen.queryByText('Quietly')).toBeNull();
  });

  it('shows no toast while the inbox is open, where the message already appears', async () => {
    const { stream } = await live();
    const dialog = await openInbox();
    act(() => stream.send('message', makeMessage({ id: 904, title: 'In plain sight' }), 904));
    expect(await within(await messagesIn(dialog)).findByText('In plain sight')).toBeInTheDocument();
    expect(document.querySelector('.ant-notification-notice')).toBeNull();
  });

  it('closes the toasts when the inbox opens, so none covers its header', async () => {
    const { stream } = await live();
    act(() => stream.send('message', makeMessage({ id: 905, title: 'Toasted first' }), 905));
    expect(await screen.findByText('Toasted first', { selector: '.ant-notification-notice *' })).toBeInTheDocument();
    await openInbox();
    await waitFor(() => expect(document.querySelector('.ant-notification-notice')).toBeNull());
  });

  it('neither toasts nor counts a message of a muted channel', async () => {
    const { stream } = await live({ preferences: { toasts: true, mutedChannels: ['ops'] } });
    act(() => stream.send('message', makeMessage({ id: 902, channelName: 'ops', title: 'Noise' }), 902));
    act(() => stream.send('message', makeMessage({ id: 903, channelName: 'sales', title: 'Signal' }), 903));
    expect(await screen.findByText('Signal')).toBeInTheDocument();
    expect(bell()).toHaveAccessibleName('Messages, 2 unread');
    expect(screen.queryByText('Noise')).toBeNull();
  });

  it('applies a change made in another tab or device', async () => {
    const message = makeMessage({ title: 'Elsewhere' });
    const { stream } = await live({ messages: [message] });
    const dialog = await openInbox();
    const item = await within(await messagesIn(dialog)).findByRole('listitem', { name: /Elsewhere/ });
    act(() => stream.send('update', { userId: 1, change: 'read', ids: [message.id] }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages'));
    expect(within(item).getByRole('button', { name: 'Mark as unread' })).toBeInTheDocument();

    act(() => stream.send('update', { userId: 1, change: 'deleted', ids: [message.id] }));
    expect(await within(dialog).findByText('No messages')).toBeInTheDocument();
  });

  it('reloads preferences changed on another device', async () => {
    const { stream, store, callsTo } = await live({ messages: [makeMessage({ channelName: 'sales' }), makeMessage({ channelName: 'ops' })] });
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 2 unread'));
    store.preferences = { toasts: true, mutedChannels: ['ops'] };
    act(() => stream.send('update', { userId: 1, change: 'preferences', ids: [] }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 1 unread'));
    expect(callsTo('myInboxPreferences:get').length).toBeGreaterThanOrEqual(2);
  });

  it('takes the count the server sends as the truth', async () => {
    const { stream } = await live();
    act(() => stream.send('count', { unread: 250, total: 300, channels: { sales: { unread: 250, total: 300, muted: false } } }));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 250 unread'));
    expect(bell()).toHaveTextContent('99+');
  });
});
