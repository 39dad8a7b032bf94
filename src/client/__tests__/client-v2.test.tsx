// The modern-client adapter (`/v/`) against a small fake of @nocobase/client-v2: what it registers and what it
// hands the inbox, the way plugin.test.tsx checks the classic one.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { hostInboxEnv } from '../host-env';
import { fakeEventStream, fakeInboxApi, makeMessage } from './fakes';
import { translate } from './render-inbox';

jest.mock('@nocobase/client-v2', () => jest.requireActual('./fake-client-v2'), { virtual: true });
const flow = { context: null as unknown };
jest.mock('@nocobase/flow-engine', () => ({ useFlowEngine: () => flow }), { virtual: true });
jest.mock('@nocobase/plugin-workflow/client-v2', () => ({ Instruction: class {} }));
jest.mock('react-i18next', () => ({ useTranslation: () => ({ t: translate, i18n: { language: 'en-US' } }) }), { virtual: true });
// the modern client defines react-router-dom at run time (the plugin's canvas alert button reads the route)
jest.mock('react-router-dom', () => ({ useMatch: () => null }), { virtual: true });

// imported after the mocks
import { TopbarActionModel } from '@nocobase/client-v2';
import { ModernPhoneInbox } from '../../client-v2/ModernPhoneInbox';
import { PluginInAppMessageClientV2 } from '../../client-v2/plugin';

function modernContext(navigate: jest.Mock) {
  return {
    api: {
      ...fakeInboxApi([makeMessage(), makeMessage(), makeMessage()]).api,
      getHeaders: () => ({ Authorization: 'Bearer from-v2', 'X-Role': 'member' }),
      axios: { defaults: { baseURL: '/api/' } },
    },
    user: { id: 7 },
    app: { getName: () => 'crm', router: { getBasename: () => '/v/' } },
    router: { navigate },
  };
}

async function registeredModels() {
  const registerModels = jest.fn();
  await new PluginInAppMessageClientV2({}, { flowEngine: { registerModels }, use: jest.fn(), pm: { get: () => undefined } } as any).load();
  return registerModels.mock.calls.map(([models]) => models).reduce((all, models) => ({ ...all, ...models }), {});
}

describe('the modern-client adapter', () => {
  it('registers a top-bar action model, ordered among the top bar actions', async () => {
    const { InboxTopbarActionModel } = await registeredModels();
    const model = new InboxTopbarActionModel();
    expect(model).toBeInstanceOf(TopbarActionModel);
    expect(model.sort).toBeGreaterThan(0);
    expect(model.actionId).toBe('in-app-inbox');
  });

  it('renders the same bell and popover, fed by the flow context: API client, user, router', async () => {
    const stream = fakeEventStream();
    Object.assign(globalThis, { fetch: stream.fetch });
    const { InboxTopbarActionModel } = await registeredModels();
    const model = new InboxTopbarActionModel();
    const navigate = jest.fn();
    model.context = modernContext(navigate);
    render(<>{model.render()}</>);

    const bell = await screen.findByRole('button', { name: 'Messages, 3 unread' });
    await waitFor(() => expect(stream.connections).toHaveLength(1));
    expect(stream.connections[0].url).toBe('/api/myInboxMessages:stream');
    expect(stream.connections[0].headers).toMatchObject({ Authorization: 'Bearer from-v2', 'X-Role': 'member' });
    fireEvent.click(bell);
    expect(await screen.findByRole('dialog', { name: 'Messages' })).toBeInTheDocument();
    delete (globalThis as any).fetch;
  });
});

describe('the modern client on a phone', () => {
  it('docks the bell on the top bar (its top-bar action folds into "⋯") and still renders the app', async () => {
    const stream = fakeEventStream();
    Object.assign(globalThis, { fetch: stream.fetch });
    const width = window.innerWidth;
    Object.assign(window, { innerWidth: 390 });
    flow.context = modernContext(jest.fn());
    const use = jest.fn();
    await new PluginInAppMessageClientV2({}, { flowEngine: { registerModels: jest.fn() }, use, pm: { get: () => undefined } } as any).load();
    expect(use).toHaveBeenCalledWith(ModernPhoneInbox);
    const { InboxTopbarActionModel } = await registeredModels();
    const model = new InboxTopbarActionModel();
    model.context = flow.context;
    const { container } = render(
      <ModernPhoneInbox>
        <main>the app</main>
        {model.render()}
      </ModernPhoneInbox>,
    );
    expect(screen.getByRole('main')).toHaveTextContent('the app');
    const bell = await screen.findByRole('button', { name: 'Messages, 3 unread' }, { timeout: 5000 });
    expect(screen.getAllByRole('button', { name: /^Messages/ })).toHaveLength(1);
    expect(container.querySelector('[data-inbox-dock]')).toContainElement(bell);
    Object.assign(window, { innerWidth: width });
    delete (globalThis as any).fetch;
  });
});

describe('the environment both clients build', () => {
  const parts = {
    api: { request: jest.fn(), getHeaders: () => ({}), axios: { defaults: { baseURL: '/api/' } } },
    t: translate,
    language: 'en-US',
    appName: 'main',
    userId: 7,
  };

  it('gives /admin and /v/ one stream scope and URL per app and user, so their tabs share one stream', () => {
    const classic = hostInboxEnv({ ...parts, basename: '/', getRouter: () => undefined });
    const modern = hostInboxEnv({ ...parts, basename: '/v/', getRouter: () => undefined });
    expect(classic.stream).toMatchObject({ scope: 'main:7', url: '/api/myInboxMessages:stream' });
    expect([modern.stream?.scope, modern.stream?.url]).toEqual([classic.stream?.scope, classic.stream?.url]);
    expect(hostInboxEnv({ ...parts, userId: null, basename: '/', getRouter: () => undefined }).stream).toBeNull();
  });

  it("navigates with the host's router when it has one, else by loading the page under the basename", () => {
    const navigate = jest.fn();
    hostInboxEnv({ ...parts, basename: '/v/', getRouter: () => ({ navigate }) }).navigate('/admin/leads/1');
    expect(navigate).toHaveBeenCalledWith('/admin/leads/1');
    const assign = jest.fn();
    const location = window.location;
    Object.defineProperty(window, 'location', { value: { ...location, assign }, configurable: true });
    hostInboxEnv({ ...parts, basename: '/v/', getRouter: () => undefined }).navigate('/admin/leads/1');
    Object.defineProperty(window, 'location', { value: location, configurable: true });
    expect(assign).toHaveBeenCalledWith('/v/admin/leads/1');
  });
});
