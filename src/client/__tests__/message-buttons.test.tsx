import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { makeMessage } from './fakes';
import { bell, openInbox, renderInbox } from './render-inbox';

const approval = (fields = {}) =>
  makeMessage({
    title: 'Expense report',
    actions: [
      { key: 'approve', title: 'Approve', style: 'primary' },
      { key: 'reject', title: 'Reject', style: 'danger' },
      { key: 'details', title: 'Details', url: '/admin/expenses/4' },
    ],
    ...fields,
  });

describe("a message's buttons", () => {
  it('answers with the clicked key, shows it chosen, reads the message and lowers the badge', async () => {
    const { callsTo } = renderInbox({ messages: [approval()] });
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 1 unread'));
    const dialog = await openInbox();
    const item = await within(dialog).findByRole('listitem', { name: /Expense report/ });
    fireEvent.click(within(item).getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(callsTo('myInboxMessages:respond')).toHaveLength(1));
    expect(callsTo('myInboxMessages:respond')[0]).toMatchObject({ params: { filterByTk: expect.any(Number) }, data: { action: 'approve' } });
    await waitFor(() => expect(within(item).getByRole('button', { name: /Approve/ })).toHaveAttribute('aria-pressed', 'true'));
    expect(within(item).getByRole('button', { name: 'Reject' })).toBeDisabled();
    expect(bell()).toHaveAccessibleName('Messages');
  });

  it('shows an earlier answer as chosen and does not send another', async () => {
    const { callsTo } = renderInbox({
      messages: [approval({ readAt: new Date().toISOString(), response: { action: 'reject', at: new Date().toISOString() } })],
    });
    const dialog = await openInbox();
    const item = await within(dialog).findByRole('listitem', { name: /Expense report/ });
    expect(within(item).getByRole('button', { name: /Reject/ })).toHaveAttribute('aria-pressed', 'true');
    expect(within(item).getByRole('button', { name: 'Approve' })).toBeDisabled();
    fireEvent.click(within(item).getByRole('button', { name: /Reject/ }));
    expect(callsTo('myInboxMessages:respond')).toHaveLength(0);
  });

  it('a button with a link answers and navigates inside the app', async () => {
    const { callsTo, navigate } = renderInbox({ messages: [approval()] });
    const dialog = await openInbox();
    const item = await within(dialog).findByRole('listitem', { name: /Expense report/ });
    fireEvent.click(within(item).getByRole('button', { name: 'Details' }));
    expect(navigate).toHaveBeenCalledWith('/admin/expenses/4');
    await waitFor(() => expect(callsTo('myInboxMessages:respond')[0]?.data).toEqual({ action: 'details' }));
  });

  it('a refused answer (another tab answered first) reloads the truth and says so', async () => {
    const { failing, callsTo } = renderInbox({ messages: [approval()] });
    failing.add('myInboxMessages:respond');
    const dialog = await openInbox();
    const item = await within(dialog).findByRole('listitem', { name: /Expense report/ });
    const lists = callsTo('myInboxMessages:list').length;
    fireEvent.click(within(item).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('The inbox could not be updated, please retry')).toBeInTheDocument();
    await waitFor(() => expect(callsTo('myInboxMessages:list').length).toBeGreaterThan(lists));
  });

  it('appear in the toast; a click answers and closes it', async () => {
    const rendered = renderInbox({ messages: [], live: true });
    await waitFor(() => expect(rendered.stream.connections).toHaveLength(1));
    const message = approval({ id: 700 });
    rendered.store.messages.push(message);
    act(() => rendered.stream.send('message', message, 700));
    const toast = (await screen.findByText('Expense report')).closest('.ant-notification-notice') as HTMLElement;
    fireEvent.click(within(toast).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(rendered.callsTo('myInboxMessages:respond')[0]).toMatchObject({ params: { filterByTk: 700 }, data: { action: 'approve' } }));
    await waitFor(() => expect(screen.queryByText('Expense report')).toBeNull());
  });
});
