// A long press on a message (touch screens) opens its actions in a sheet: read/unread, archive, delete. Mouse and
// keyboard keep the item's own buttons only.
import { StyleProvider } from '@ant-design/cssinjs';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { InboxEnvProvider } from '../components/InboxEnv';
import { MessageActions, MessageItem } from '../components/MessageItem';
import { LONG_PRESS_MS } from '../hooks/useLongPress';
import { fakeInboxApi, makeMessage } from './fakes';
import { translate } from './render-inbox';
import type { InboxMessage } from '../../shared/contract';

const touch = (x = 10, y = 10) => ({ touches: [{ clientX: x, clientY: y }] });

function renderItem(message: InboxMessage = makeMessage({ id: 7, title: 'New lead' }), { archived = false } = {}) {
  const actions: Required<Omit<MessageActions, 'onNavigate'>> = {
    onView: jest.fn(),
    onToggleRead: jest.fn(),
    onDelete: jest.fn(),
    onArchive: jest.fn(),
    onRespond: jest.fn(),
  };
  const env = { api: fakeInboxApi().api, t: translate, locale: 'en-US', basename: '/', navigate: jest.fn(), stream: null };
  render(
    <StyleProvider container={document.createElement('div')}>
      <InboxEnvProvider value={env}>
        <ul>
          <MessageItem message={message} now={Date.now()} first archived={archived} {...actions} />
        </ul>
      </InboxEnvProvider>
    </StyleProvider>,
  );
  return { actions, item: screen.getByRole('listitem') };
}

const sheet = () => screen.queryByRole('dialog', { name: 'New lead' });

/** Holds a finger on `element` for `ms`, then lifts it; answers whether the lift went on (not default-prevented). */
function press(element: HTMLElement, ms: number): boolean {
  fireEvent.touchStart(element, touch());
  act(() => jest.advanceTimersByTime(ms));
  return fireEvent.touchEnd(element, { touches: [] });
}

describe('long press on a message', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('opens the sheet after 500 ms; Mark as read there marks it and closes the sheet', async () => {
    const { actions, item } = renderItem();
    const lifted = press(item, LONG_PRESS_MS);
    expect(lifted).toBe(false); // the lifted finger does not also tap what it rested on
    const dialog = await waitFor(() => sheet() as HTMLElement);
    expect(within(dialog).getByRole('button', { name: 'Archive' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mark as read' }));
    expect(actions.onToggleRead).toHaveBeenCalledWith(expect.objectContaining({ id: 7 }));
    expect(dialog.closest('.ant-drawer')).not.toHaveClass('ant-drawer-open');
  });

  it('offers Mark as unread for a read message and Unarchive in the archive', async () => {
    const { actions, item } = renderItem(makeMessage({ id: 8, title: 'New lead', readAt: new Date().toISOString() }), { archived: true });
    press(item, LONG_PRESS_MS);
    const dialog = await waitFor(() => sheet() as HTMLElement);
    expect(within(dialog).getByRole('button', { name: 'Mark as unread' })).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Unarchive' }));
    expect(actions.onArchive).toHaveBeenCalledWith(expect.objectContaining({ id: 8 }));
  });

  it('deletes only after the confirmation', async () => {
    const { actions, item } = renderItem();
    press(item, LONG_PRESS_MS);
    const dialog = await waitFor(() => sheet() as HTMLElement);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(actions.onDelete).not.toHaveBeenCalled();
    expect(within(dialog).getByText('Delete this message?')).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(actions.onDelete).toHaveBeenCalledWith(expect.objectContaining({ id: 7 }));
  });

  it('opens nothing for a tap, a finger lifted early or a finger that scrolls', () => {
    const { item } = renderItem();
    expect(press(item, LONG_PRESS_MS - 100)).toBe(true);
    fireEvent.touchStart(item, touch(10, 10));
    fireEvent.touchMove(item, touch(10, 40));
    act(() => jest.advanceTimersByTime(LONG_PRESS_MS * 2));
    fireEvent.touchEnd(item, { touches: [] });
    fireEvent.touchStart(item, { touches: [{ clientX: 1, clientY: 1 }, { clientX: 50, clientY: 50 }] }); // a pinch
    act(() => jest.advanceTimersByTime(LONG_PRESS_MS * 2));
    expect(sheet()).toBeNull();
  });

  it("leaves the mouse and keyboard alone: a right click keeps the browser's menu, no sheet opens", () => {
    const { item } = renderItem();
    expect(fireEvent.contextMenu(item)).toBe(true);
    fireEvent.keyDown(item, { key: 'Enter' });
    fireEvent.mouseDown(item);
    act(() => jest.advanceTimersByTime(LONG_PRESS_MS * 2));
    fireEvent.mouseUp(item);
    expect(sheet()).toBeNull();
    expect(within(item).getByRole('button', { name: 'Mark as read' })).toBeInTheDocument();
  });

  it("keeps the phone's own long-press menu away while a finger is down", () => {
    const { item } = renderItem();
    fireEvent.touchStart(item, touch());
    expect(fireEvent.contextMenu(item)).toBe(false);
    fireEvent.touchEnd(item, { touches: [] });
  });
});
