// The antd-Form message fields the stock workflow notification node loads for a channel of our type.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, Form } from 'antd';
import React from 'react';
import { translate } from './render-inbox';

jest.mock('react-i18next', () => ({ useTranslation: () => ({ t: translate, i18n: { language: 'en-US' } }) }), { virtual: true });
jest.mock('@nocobase/plugin-notification-manager/client-v2', () => ({
  UserSelect: ({ value, onChange }: any) => <input aria-label="user" value={value ?? ''} onChange={(e) => onChange(e.target.value)} />,
  UserAddition: ({ value, onChange }: any) => (
    <button type="button" onClick={() => onChange([...(value ?? []), ''])}>
      Add user
    </button>
  ),
}));
jest.mock('@nocobase/plugin-workflow/client-v2', () => ({
  isUserKeyField: () => true,
  useWorkflowVariableOptions: () => [],
  WorkflowVariableTextArea: ({ value, onChange, id }: any) => <textarea id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} />,
}));

import { MessageFormFields } from '../components/config/MessageFormFields';

function NodeForm({ onFinish }: { onFinish: (values: any) => void }) {
  return (
    <Form onFinish={onFinish}>
      <MessageFormFields namePrefix={['config']} variableOptions={[]} />
      <Button htmlType="submit">Save</Button>
    </Form>
  );
}

describe('message fields for the stock notification node', () => {
  it('saves the message under the node config with the keys the channel reads', async () => {
    const onFinish = jest.fn();
    render(<NodeForm onFinish={onFinish} />);
    fireEvent.click(screen.getByText('Add user'));
    fireEvent.change(await screen.findByLabelText('user'), { target: { value: '{{$context.data.createdById}}' } });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'New lead {{$context.data.name}}' } });
    fireEvent.change(screen.getByLabelText('Content'), { target: { value: '**Call** them' } });
    fireEvent.click(screen.getByText('Warning'));
    fireEvent.change(screen.getByLabelText('View link'), { target: { value: '/admin/leads' } });
    fireEvent.change(screen.getByLabelText('Toast duration (seconds)'), { target: { value: '8' } });
    fireEvent.click(screen.getByText('Save'));
    await waitFor(() => expect(onFinish).toHaveBeenCalled());
    expect(onFinish.mock.calls[0][0]).toEqual({
      config: {
        receivers: ['{{$context.data.createdById}}'],
        title: 'New lead {{$context.data.name}}',
        content: '**Call** them',
        level: 'warning',
        url: '/admin/leads',
        toastDuration: 8,
      },
    });
  });

  it('refuses to save without receivers or title', async () => {
    const onFinish = jest.fn();
    render(<NodeForm onFinish={onFinish} />);
    fireEvent.click(screen.getByText('Save'));
    expect(await screen.findAllByText('This field is required')).toHaveLength(2);
    expect(onFinish).not.toHaveBeenCalled();
  });
});
