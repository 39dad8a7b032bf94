import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { TestRunButton } from '../workflow/TestRunButton';
import { translate } from './render-inbox';

const config = { channelName: 'approvals', title: 'Approve {{$context.data.name}}?' };

describe('"Test run" in the node form', () => {
  it('sends the config the form holds now and says it went to your inbox', async () => {
    const request = jest.fn().mockResolvedValue({ data: { data: { id: 1 } } });
    render(<TestRunButton api={{ request }} t={translate} getConfig={() => config} />);
    fireEvent.click(screen.getByRole('button', { name: /Test run/ }));
    expect(await screen.findByText('Sent to your inbox')).toBeInTheDocument();
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: 'inboxWorkflowTests:send', method: 'post', data: { config } }));
  });

  it("shows the server's reason when the message is refused", async () => {
    const refusal = Object.assign(new Error('400'), { response: { data: { errors: [{ message: 'title: is required', field: 'title' }] } } });
    const request = jest.fn().mockRejectedValue(refusal);
    render(<TestRunButton api={{ request }} t={translate} getConfig={() => ({})} />);
    fireEvent.click(screen.getByRole('button', { name: /Test run/ }));
    await waitFor(() => expect(screen.getByText('The test message could not be sent: title: is required')).toBeInTheDocument());
  });
});
