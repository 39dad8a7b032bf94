// Our node on the modern workflow canvas (`/v/`): the modern client's plugin-workflow faked (its Instruction base,
// user picker and variable text area), the config drawer's antd Form played by a plain Form.
import { StyleProvider } from '@ant-design/cssinjs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Form } from 'antd';
import type { FormInstance } from 'antd';
import React from 'react';
import { CHANNEL_TYPE, INSTRUCTION_TYPE } from '../../shared/constants';
import { translate } from './render-inbox';

jest.mock('@nocobase/client-v2', () => jest.requireActual('./fake-client-v2'), { virtual: true });
const request = jest.fn(async ({ url }: { url: string }) =>
  url === 'notificationChannels:list' ? { data: { data: [{ name: 'approvals', title: 'Approvals' }] } } : { data: { data: { id: 1 } } },
);
jest.mock('@nocobase/flow-engine', () => ({ useFlowEngine: () => ({ context: { api: { request } } }) }), { virtual: true });
jest.mock('react-i18next', () => ({ useTranslation: () => ({ t: translate, i18n: { language: 'en-US' } }) }), { virtual: true });
// the modern client defines react-router-dom at run time (the plugin's canvas alert button reads the route)
jest.mock('react-router-dom', () => ({ useMatch: () => null }), { virtual: true });
jest.mock('@nocobase/plugin-workflow/client-v2', () => {
  const text = ({ id, value, onChange, placeholder }: { id?: string; value?: string; onChange?: (value: string) => void; placeholder?: string }) => (
    <textarea id={id} placeholder={placeholder} value={value ?? ''} onChange={(event) => onChange?.(event.target.value)} />
  );
  return {
    Instruction: class {},
    WorkflowVariableTextArea: text,
    UsersSelect: ({ value, onChange }: { value?: unknown; onChange?: (value: unknown) => void }) => (
      <input aria-label="User" value={value === undefined ? '' : String(value)} onChange={(event) => onChange?.(Number(event.target.value))} />
    ),
  };
});

// imported after the mocks
import { InboxFieldset, InboxInstructionV2 } from '../../client-v2/workflow/InboxInstructionV2';
import { PluginInAppMessageClientV2 } from '../../client-v2/plugin';
import { parseTval } from '../../client-v2/workflow/SchemaFieldset';
import { tExpr } from '../i18n';
import { defaultInstructionConfig } from '../schemas/instruction-fieldset';

/** The canvas's config drawer: an antd Form over the node, our fieldset inside. */
function renderDrawer(config: Record<string, unknown> = defaultInstructionConfig()) {
  const form = { current: null as FormInstance | null };
  function Drawer() {
    const [instance] = Form.useForm();
    form.current = instance;
    return (
      <Form form={instance} layout="vertical" initialValues={{ config }}>
        <InboxFieldset />
      </Form>
    );
  }
  render(
    <StyleProvider container={document.createElement('div')}>
      <Drawer />
    </StyleProvider>,
  );
  return () => (form.current as FormInstance).getFieldsValue(true).config;
}

describe('the node on the modern workflow canvas', () => {
  it('registers with the modern workflow plugin under the classic type, with its form and default config', async () => {
    const registerInstruction = jest.fn();
    const pm = { get: (name: string) => (name === 'workflow' ? { registerInstruction } : undefined) };
    await new PluginInAppMessageClientV2({}, { flowEngine: { registerModels: jest.fn() }, use: jest.fn(), pm } as any).load();
    expect(registerInstruction).toHaveBeenCalledWith(INSTRUCTION_TYPE, InboxInstructionV2);
    const instruction = new InboxInstructionV2();
    expect(instruction.type).toBe(INSTRUCTION_TYPE);
    expect(instruction.createDefaultConfig()).toEqual(defaultInstructionConfig());
    expect((await (instruction.FieldsetLoader as () => Promise<{ default: unknown }>)()).default).toBe(InboxFieldset);
  });

  it('edits the same config as the classic form: channel, receivers, texts, buttons, waiting', async () => {
    const config = renderDrawer();
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Channel' }));
    fireEvent.click(await screen.findByTitle('Approvals'));
    expect(request).toHaveBeenCalledWith({
      url: 'notificationChannels:list',
      params: { paginate: false, filter: { notificationType: CHANNEL_TYPE } },
    });

    fireEvent.click(screen.getByRole('button', { name: /Add receiver/ }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'User' }), { target: { value: '7' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Approve {{$context.data.name}}?' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Warning' }));
    fireEvent.click(screen.getByRole('button', { name: /Add button/ }));
    fireEvent.change(screen.getByPlaceholderText('Key'), { target: { value: 'approve' } });
    fireEvent.change(screen.getByPlaceholderText('Button title'), { target: { value: 'Approve' } });

    expect(screen.queryByText('Receivers to wait for')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'An answer (a button click)' }));
    fireEvent.click(await screen.findByRole('radio', { name: 'All receivers' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Ignore failure and continue the workflow' }));

    await waitFor(() =>
      expect(config()).toMatchObject({
        channelName: 'approvals',
        receivers: [7],
        title: 'Approve {{$context.data.name}}?',
        level: 'warning',
        actions: [{ key: 'approve', title: 'Approve', style: 'default' }],
        waitFor: 'response',
        waitMode: 'all',
        ignoreFail: true,
      }),
    );
  });

  it('removes a receiver, and offers no fourth button', async () => {
    renderDrawer({ ...defaultInstructionConfig(), receivers: [1, 2] });
    const users = screen.getAllByRole('textbox', { name: 'User' });
    expect(users).toHaveLength(2);
    fireEvent.click(within(users[0].closest('div[style]') as HTMLElement).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getAllByRole('textbox', { name: 'User' })).toHaveLength(1));
    for (let i = 0; i < 3; i += 1) fireEvent.click(screen.getByRole('button', { name: /Add button/ }));
    expect(screen.queryByRole('button', { name: /Add button/ })).toBeNull();
  });

  it('test-runs the config the drawer holds now', async () => {
    const config = renderDrawer({ ...defaultInstructionConfig(), channelName: 'approvals', title: 'Hello' });
    fireEvent.click(screen.getByText('Test run'));
    await waitFor(() => expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: 'inboxWorkflowTests:send', data: { config: config() } })));
  });
});

describe('schema texts', () => {
  it('reads the key and namespace back from a tval text, and leaves plain text alone', () => {
    expect(parseTval(tExpr('Channel'))).toEqual({ key: 'Channel', options: { ns: expect.any(String) } });
    expect(parseTval('Channel')).toBeNull();
  });
});
