// A workflow's failure alert on the workflow's own canvas: the button and its dialog against the in-memory server,
// and the adapters of both clients that show the button on the canvas routes only, to those who may set alerts.
import { StyleProvider } from '@ant-design/cssinjs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import type { ApiClient, RequestConfig } from '../api';
import { useSettingsEnv } from '../components/settings/useSettingsEnv';
import { WorkflowAlertButton } from '../components/settings/WorkflowAlertButton';
import { fakeSettingsApi, SettingsSeed, SETTINGS_SEED } from './fakes';
import { chooseOption, compileWith, translate } from './render-inbox';

const host = { workflowId: null as string | null, canSetAlerts: true, patterns: [] as string[] };

jest.mock(
  '@nocobase/client',
  () => ({
    useApp: () => ({ pluginSettingsManager: { has: () => host.canSetAlerts } }),
    useAPIClient: () => withWorkflowGet(fakeSettingsApi(SETTINGS_SEED)).api,
    useCompile: () => compile,
  }),
  { virtual: true },
);
jest.mock('react-i18next', () => ({ useTranslation: () => ({ t: translate, i18n: { language: 'en-US' } }) }), { virtual: true });
jest.mock(
  'react-router-dom',
  () => ({
    useMatch: (pattern: string) => {
      host.patterns.push(pattern);
      return host.workflowId ? { params: { id: host.workflowId } } : null;
    },
  }),
  { virtual: true },
);
jest.mock('@nocobase/plugin-workflow/client', () => ({ getWorkflowDetailPath: (id: string) => `/admin/settings/workflow/workflows/${id}` }));
jest.mock('@nocobase/plugin-workflow/client-v2', () => ({
  WORKFLOW_CANVAS_SETTINGS_ROUTE_PATH: '/admin/settings/workflow/workflows/:id',
  WORKFLOW_CANVAS_ROUTE_PATH: '/admin/workflow/workflows/:id',
}));
jest.mock(
  '@nocobase/flow-engine',
  () => ({
    useFlowEngine: () => ({
      context: {
        api: withWorkflowGet(fakeSettingsApi(SETTINGS_SEED)).api,
        app: { pluginSettingsManager: { hasAuth: (name: string) => host.canSetAlerts && name === 'in-app-message' } },
      },
    }),
  }),
  { virtual: true },
);

const compile = compileWith(translate);

/** The settings fake, answering `workflows:get` too (failing while `broken.workflow`). */
function withWorkflowGet(fake: ReturnType<typeof fakeSettingsApi>, broken = { workflow: false }) {
  const answer = fake.api.request;
  const api: ApiClient = {
    request: async (config: RequestConfig) => {
      if (config.url !== 'workflows:get') return answer(config);
      if (broken.workflow) throw new Error('workflows:get failed');
      return { data: { data: SETTINGS_SEED.workflows?.find((workflow) => String(workflow.id) === String(config.params?.filterByTk)) } };
    },
  };
  return { ...fake, api };
}

function Button({ api, workflowId }: { api: ApiClient; workflowId: string }) {
  const { env, holder } = useSettingsEnv(api, translate, compile);
  return (
    <>
      {holder}
      <WorkflowAlertButton env={env} workflowId={workflowId} />
    </>
  );
}

function renderButton(workflowId: string, seed: SettingsSeed = SETTINGS_SEED, broken = { workflow: false }) {
  const fake = withWorkflowGet(fakeSettingsApi(seed), broken);
  render(
    <StyleProvider container={document.createElement('div')}>
      <Button api={fake.api} workflowId={workflowId} />
    </StyleProvider>,
  );
  return fake;
}

/** Opens the dialog and waits for the workflow's alert. */
async function openDialog() {
  fireEvent.click(screen.getByRole('button', { name: /Failure alert/ }));
  const dialog = await screen.findByRole('dialog', { name: 'Failure alert' });
  await waitFor(() => expect(within(dialog).queryByText('…')).toBeNull());
  await within(dialog).findByRole('button', { name: /^Save the alert of / });
  return dialog;
}

describe("a workflow's failure alert on its own page", () => {
  it('asks for nothing until opened, then shows the workflow\'s alert with its title', async () => {
    const fake = renderButton('102');
    expect(fake.callsTo('inboxWorkflowAlerts:get')).toHaveLength(0);
    const dialog = await openDialog();
    expect(within(dialog).getByText('On')).toBeInTheDocument();
    expect(within(dialog).getByRole('combobox', { name: 'Supervisor role of Nightly sync' })).toBeInTheDocument();
    expect(await within(dialog).findByTitle('Operations')).toBeInTheDocument();
    expect(await within(dialog).findByTitle('Alerts')).toBeInTheDocument();
    expect(fake.callsTo('inboxWorkflowAlerts:get')[0].params).toEqual({ filterByTk: '102' });
    expect(within(dialog).getByText(/uses the default alert/)).toBeInTheDocument();
  });

  it('sets the alert through our action: role, channel and a second channel', async () => {
    const fake = renderButton('101');
    const dialog = await openDialog();
    expect(within(dialog).getByText('Off')).toBeInTheDocument();
    const save = within(dialog).getByRole('button', { name: 'Save the alert of New lead' });
    expect(save).toBeDisabled();
    await chooseOption(dialog, /Supervisor role of New lead/, 'Admin');
    await chooseOption(dialog, /Alert channel of New lead/, 'Alerts');
    await chooseOption(dialog, /Second alert channel of New lead/, 'Email');
    fireEvent.click(save);
    expect(await screen.findByText('Failure alert of New lead saved')).toBeInTheDocument();
    expect(fake.store.alerts['101']).toEqual({ roleName: 'admin', channelName: 'alerts', alsoChannelName: 'mail' });
    expect(fake.callsTo('inboxWorkflowAlerts:set')[0].params).toEqual({ filterByTk: '101' });
    expect(within(dialog).getByText('On')).toBeInTheDocument();
  });

  it('turns the alert off', async () => {
    const fake = renderButton('102');
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Turn off the alert of Nightly sync' }));
    expect(await screen.findByText('Failure alert of Nightly sync turned off')).toBeInTheDocument();
    expect(fake.store.alerts['102']).toBeUndefined();
  });

  it('says when the workflow cannot be loaded, and asks again on Retry', async () => {
    const broken = { workflow: true };
    renderButton('101', SETTINGS_SEED, broken);
    fireEvent.click(screen.getByRole('button', { name: /Failure alert/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Failure alert' });
    expect(await within(dialog).findByText('The workflow could not be loaded')).toBeInTheDocument();
    broken.workflow = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(await within(dialog).findByRole('button', { name: 'Save the alert of New lead' })).toBeInTheDocument();
  });

  it('says when there is no channel of ours to pick yet', async () => {
    renderButton('101', { ...SETTINGS_SEED, channels: [] });
    const dialog = await openDialog();
    expect(within(dialog).getByText(/No in-app inbox channel yet/)).toBeInTheDocument();
  });
});

describe.each([
  // imported after the mocks
  ['classic', require('../components/settings/NocoBaseWorkflowAlertDock').NocoBaseWorkflowAlertDock, ['/admin/settings/workflow/workflows/:id']],
  [
    'modern',
    require('../../client-v2/ModernWorkflowAlertDock').ModernWorkflowAlertDock,
    ['/admin/settings/workflow/workflows/:id', '/admin/workflow/workflows/:id'],
  ],
])('the %s canvas adapter', (_client, Dock: React.ComponentType<{ children: React.ReactNode }>, routes: string[]) => {
  const renderDock = () =>
    render(
      <StyleProvider container={document.createElement('div')}>
        <Dock>
          <p>the page</p>
        </Dock>
      </StyleProvider>,
    );

  beforeEach(() => Object.assign(host, { workflowId: null, canSetAlerts: true, patterns: [] }));

  it("shows the button on a workflow's canvas, matched as plugin-workflow registers its routes", async () => {
    host.workflowId = '102';
    renderDock();
    expect(screen.getByText('the page')).toBeInTheDocument();
    expect([...new Set(host.patterns)]).toEqual(routes);
    const dialog = await openDialog();
    expect(within(dialog).getByRole('combobox', { name: 'Supervisor role of Nightly sync' })).toBeInTheDocument();
    expect(await within(dialog).findByTitle('Operations')).toBeInTheDocument();
  });

  it('shows nothing elsewhere, nor to a role not granted our settings', () => {
    renderDock();
    expect(screen.getByText('the page')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Failure alert/ })).toBeNull();
    host.workflowId = '102';
    host.canSetAlerts = false;
    renderDock();
    expect(screen.queryByRole('button', { name: /Failure alert/ })).toBeNull();
  });
});
