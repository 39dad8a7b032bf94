// The adapter against a small fake of the NocoBase client: what it registers and what it hands the inbox.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { ACL_SNIPPET, CHANNEL_TYPE, INSTRUCTION_TYPE, LEVELS, PLUGIN_NAME } from '../../shared/constants';
import { fakeEventStream, fakeInboxApi, makeMessage } from './fakes';
import { compileWith, translate } from './render-inbox';

const host = {
  api: fakeInboxApi([makeMessage(), makeMessage()]).api,
  navigate: jest.fn(),
  schemaProps: [] as Record<string, any>[],
};

jest.mock(
  '@nocobase/client',
  () => {
    const ReactLib = jest.requireActual('react');
    const Components = ReactLib.createContext({});
    const Pinned = ReactLib.createContext({});
    return {
      Plugin: class {
        constructor(
          public options: unknown,
          public app: any,
        ) {}
        get pm() {
          return this.app.pm;
        }
      },
      useAPIClient: () => ({
        ...host.api,
        getHeaders: () => ({ Authorization: 'Bearer from-nocobase', 'X-Role': 'member' }),
        axios: { defaults: { baseURL: '/api/' } },
      }),
      useApp: () => ({
        router: { getBasename: () => '/apps/crm/', router: { navigate: host.navigate } },
        getName: () => 'crm',
        pm: { get: () => undefined },
      }),
      useCompile: () => compileWith(translate),
      useCurrentUserContext: () => ({ data: { data: { id: 7 } } }),
      PinnedPluginListProvider: ({ items, children }: any) => <Pinned.Provider value={items}>{children}</Pinned.Provider>,
      /** stands for NocoBase's top bar, rendered deep inside the app's providers */
      TopBar: () => {
        const items = ReactLib.useContext(Pinned);
        const components: any = ReactLib.useContext(Components);
        return Object.values(items).map((item: any) => {
          const Item = components[item.component];
          return <Item key={item.component} />;
        });
      },
      SchemaComponentOptions: ({ components, children }: any) => <Components.Provider value={components}>{children}</Components.Provider>,
      SchemaComponent: (props: any) => {
        host.schemaProps.push(props);
        return null;
      },
    };
  },
  { virtual: true },
);
jest.mock('react-i18next', () => ({ useTranslation: () => ({ t: translate, i18n: { language: 'en-US' } }) }), { virtual: true });
jest.mock('react-router-dom', () => ({ useNavigate: () => jest.fn() }), { virtual: true });
jest.mock('@formily/antd-v5', () => ({ ArrayItems: () => null }), { virtual: true });
jest.mock('@formily/react', () => ({ useForm: () => ({ values: {} }) }), { virtual: true });
jest.mock('@nocobase/plugin-notification-manager/client', () => ({ __esModule: true, default: class NotificationManager {} }));
jest.mock('@nocobase/plugin-notification-manager/client-v2', () => ({ UserSelect: () => null, UserAddition: () => null }));
jest.mock('@nocobase/plugin-workflow/client-v2', () => ({
  isUserKeyField: () => true,
  useWorkflowVariableOptions: () => [],
  WorkflowVariableTextArea: () => null,
}));
jest.mock('@nocobase/plugin-workflow/client', () => ({
  __esModule: true,
  default: class Workflow {},
  Instruction: class {},
  UsersSelect: () => null,
  UsersAddition: () => null,
  WorkflowVariableTextArea: () => null,
  WorkflowVariableRawTextArea: () => null,
}));

// imported after the mocks
import { PluginInAppMessageClient } from '../plugin';
import { NocoBaseWorkflowAlertDock } from '../components/settings/NocoBaseWorkflowAlertDock';

async function loadPlugin() {
  const registerChannelType = jest.fn();
  const registerInstruction = jest.fn();
  const addSettings = jest.fn();
  const providers: React.ComponentType<any>[] = [];
  const app = {
    use: (component: React.ComponentType<any>) => providers.push(component),
    pm: { get: (plugin: any) => (plugin.name === 'Workflow' ? { registerInstruction } : { registerChannelType }) },
    pluginSettingsManager: { add: addSettings },
  };
  await new PluginInAppMessageClient({}, app as any).load();
  return { registerChannelType, registerInstruction, addSettings, providers };
}

describe('the NocoBase adapter', () => {
  it("adds a workflow's failure alert to its canvas through an app provider (plugin-workflow has no slot there)", async () => {
    const { providers } = await loadPlugin();
    expect(providers).toContain(NocoBaseWorkflowAlertDock);
  });

  it('registers the channel type with its channel, message and content forms', async () => {
    const { registerChannelType } = await loadPlugin();
    const options = registerChannelType.mock.calls[0][0];
    expect(options.type).toBe(CHANNEL_TYPE);
    expect(options.title).toContain('In-app inbox');
    expect(Object.keys(options.components).sort()).toEqual([
      'ChannelConfigForm',
      'ChannelConfigFormLoader',
      'ContentConfigForm',
      'MessageConfigForm',
      'MessageConfigFormLoader',
    ]);
    expect((await options.components.MessageConfigFormLoader()).default.name).toBe('MessageFormFields');
    expect(options.meta).toEqual({ creatable: true, editable: true, deletable: true });
  });

  it('gives the message form every field the server reads, and the content form all but receivers', async () => {
    const { registerChannelType } = await loadPlugin();
    const { MessageConfigForm, ContentConfigForm } = registerChannelType.mock.calls[0][0].components;
    host.schemaProps.length = 0;
    render(<MessageConfigForm variableOptions={[{ label: 'Trigger', value: '$context' }]} />);
    render(<ContentConfigForm variableOptions={[]} />);
    const [message, content] = host.schemaProps.map((props) => props.schema.properties);
    expect(Object.keys(message)).toEqual(['receivers', 'title', 'content', 'level', 'url', 'mobileUrl', 'toastDuration']);
    expect(Object.keys(content)).toEqual(['title', 'content', 'level', 'url', 'mobileUrl', 'toastDuration']);
    expect(message.title['x-component-props'].scope).toEqual([{ label: 'Trigger', value: '$context' }]);
    expect(message.level.enum.map((option: any) => option.value)).toEqual([...LEVELS]);
    expect(host.schemaProps[0].components).toHaveProperty('UsersSelect');
  });

  it('registers the workflow node with the shared message fields and the server config keys', async () => {
    const { registerInstruction } = await loadPlugin();
    const [type, InstructionClass] = registerInstruction.mock.calls[0];
    const instruction = new InstructionClass();
    expect(type).toBe(INSTRUCTION_TYPE);
    expect(instruction.type).toBe(INSTRUCTION_TYPE);
    expect(instruction.group).toBe('extended');
    expect(Object.keys(instruction.fieldset)).toEqual([
      'channelName',
      'receivers',
      'title',
      'content',
      'level',
      'url',
      'mobileUrl',
      'toastDuration',
      'actions',
      'waitFor',
      'waitMode',
      'timeout',
      'ignoreFail',
      'testRun',
    ]);
    expect(instruction.fieldset.channelName['x-component-props'].service.params.filter).toEqual({ notificationType: CHANNEL_TYPE });
    expect(instruction.fieldset.content['x-component']).toBe('WorkflowVariableRawTextArea');
    expect(Object.keys(instruction.components)).toEqual(
      expect.arrayContaining(['UsersSelect', 'UsersAddition', 'WorkflowVariableTextArea', 'WorkflowVariableRawTextArea']),
    );
    expect(instruction.createDefaultConfig()).toEqual({ receivers: [], level: 'info', actions: [], waitFor: 'none', ignoreFail: false });
    expect(instruction.fieldset.actions['x-validator']).toEqual({ maxItems: 3 });
    expect(Object.keys(instruction.fieldset.actions.items.properties)).toEqual(['key', 'title', 'style', 'url', 'remove']);
    expect(instruction.fieldset.timeout['x-reactions'].dependencies).toEqual(['.waitFor']);
    expect(Object.keys(instruction.components)).toContain('InboxTestRun');
  });

  it("adds the admins' settings page under the plugin's ACL snippet, fed by NocoBase's API client", async () => {
    const { addSettings } = await loadPlugin();
    const [name, options] = addSettings.mock.calls[0];
    expect(name).toBe(PLUGIN_NAME);
    expect(options).toMatchObject({ aclSnippet: ACL_SNIPPET, icon: expect.any(String) });
    expect(options.title).toContain('In-app inbox');
    const request = host.api.request as jest.Mock;
    request.mockClear();
    render(<options.Component />);
    expect(await screen.findByText('Workflow failure alerts')).toBeInTheDocument();
    expect(request.mock.calls.map(([config]) => config.url)).toEqual(
      expect.arrayContaining(['inboxSettings:get', 'workflows:list', 'roles:list', 'notificationChannels:list']),
    );
  });

  it('pins the bell in the top bar, fed by NocoBase API client, router and user', async () => {
    const stream = fakeEventStream();
    Object.assign(globalThis, { fetch: stream.fetch });
    const { providers } = await loadPlugin();
    const Provider = providers[0];
    const { TopBar } = jest.requireMock('@nocobase/client');
    render(
      <Provider>
        <TopBar />
      </Provider>,
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Messages, 2 unread' })).toBeInTheDocument());
    await waitFor(() => expect(stream.connections).toHaveLength(1));
    expect(stream.connections[0].url).toBe('/api/myInboxMessages:stream');
    expect(stream.connections[0].headers).toMatchObject({ Authorization: 'Bearer from-nocobase', 'X-Role': 'member' });
    delete (globalThis as any).fetch;
  });

  it('docks the bell on the top bar on a phone, where NocoBase folds pinned items into its "⋯" menu', async () => {
    const stream = fakeEventStream();
    Object.assign(globalThis, { fetch: stream.fetch });
    const width = window.innerWidth;
    Object.assign(window, { innerWidth: 390 });
    const { providers } = await loadPlugin();
    const Provider = providers[0];
    const { TopBar } = jest.requireMock('@nocobase/client');
    const { container } = render(
      <Provider>
        <TopBar />
      </Provider>,
    );
    const bell = await screen.findByRole('button', { name: 'Messages, 2 unread' }, { timeout: 5000 });
    expect(screen.getAllByRole('button', { name: /^Messages/ })).toHaveLength(1);
    expect(container.querySelector('[data-inbox-dock]')).toContainElement(bell);
    expect(bell).toHaveStyle({ width: '44px', height: '44px' });
    fireEvent.click(bell);
    expect(await screen.findByRole('dialog', { name: 'Messages' })).toBeInTheDocument();
    expect(document.querySelector('.inbox-touch')).toContainElement(screen.getByRole('dialog', { name: 'Messages' }));
    Object.assign(window, { innerWidth: width });
    delete (globalThis as any).fetch;
  });
});
