// NocoBase mobile (`/m`): the Messages tab, the channel and message pages and their registration, with the
// mobile app's router and NocoBase's API client faked.
import { StyleProvider } from '@ant-design/cssinjs';
import { act, fireEvent, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import React from 'react';
import { MOBILE_TAB, mobileTabRoute } from '../../shared/constants';
import type { InboxEnv } from '../components/InboxEnv';
import { fakeEventStream, fakeInboxApi, makeMessage } from './fakes';
import { streamSource, translate } from './render-inbox';

type FakeEventStream = ReturnType<typeof fakeEventStream>;

const router = { navigate: jest.fn(), pathname: MOBILE_TAB.url as string, search: '' };
const hostApi = { request: jest.fn(async () => ({ data: { data: {} } })) };

jest.mock(
  'react-router-dom',
  () => ({
    useNavigate: () => router.navigate,
    useLocation: () => ({ pathname: router.pathname, search: router.search }),
    useSearchParams: () => [new URLSearchParams(router.search), () => undefined],
    useHref: (to: string) => `/m${to}`,
  }),
  { virtual: true },
);
jest.mock('react-i18next', () => ({ useTranslation: () => ({ t: translate, i18n: { language: 'en-US' } }) }), { virtual: true });
jest.mock('@nocobase/client', () => ({ useAPIClient: () => hostApi }), { virtual: true });

// imported after the mocks
import { MobileChannelsPage } from '../mobile/MobileChannelsPage';
import { MobileInboxProvider } from '../mobile/MobileInbox';
import { MobileInboxTab } from '../mobile/MobileInboxTab';
import { MobileMessagesPage } from '../mobile/MobileMessagesPage';
import { registerMobilePages } from '../mobile/nocobase-mobile';
import { channelMessagesPath, inMobileApp, mobileLinkOf } from '../mobile/paths';
import type { InboxMessage } from '../../shared/contract';

/** `stream`: the live stream's fake endpoint, for the toasts */
function renderMobile(ui: React.ReactNode, messages: InboxMessage[], titles: Record<string, string> = {}, stream?: FakeEventStream) {
  const fake = fakeInboxApi(messages, titles);
  const env: InboxEnv = {
    api: fake.api,
    t: translate,
    locale: 'en-US',
    basename: '/m',
    navigate: jest.fn(),
    stream: stream ? streamSource(stream) : null,
  };
  render(
    <StyleProvider container={document.createElement('div')}>
      <MobileInboxProvider env={env}>{ui}</MobileInboxProvider>
    </StyleProvider>,
  );
  return { ...fake, env };
}

beforeEach(() => {
  router.navigate.mockClear();
  router.pathname = MOBILE_TAB.url;
  router.search = '';
});

describe('the Messages tab of the mobile tab bar', () => {
  it('shows the live unread count and opens the channel page', async () => {
    router.pathname = '/page/leads';
    renderMobile(<MobileInboxTab title="Messages" />, [makeMessage(), makeMessage(), makeMessage({ readAt: new Date().toISOString() })]);
    const tab = await screen.findByRole('link', { name: 'Messages, 2 unread' });
    expect(tab).toHaveAttribute('href', `/m${MOBILE_TAB.url}`);
    expect(tab).not.toHaveAttribute('aria-current');
    fireEvent.click(tab);
    expect(router.navigate).toHaveBeenCalledWith(MOBILE_TAB.url);
  });

  it('is the current tab on the message pages', async () => {
    router.pathname = MOBILE_TAB.messagesUrl;
    renderMobile(<MobileInboxTab />, []);
    expect(await screen.findByRole('link', { name: 'Messages' })).toHaveAttribute('aria-current', 'page');
  });
});

describe('the mobile message pages', () => {
  it('lists the channels with their unread counts; a channel opens its own page', async () => {
    renderMobile(<MobileChannelsPage />, [makeMessage({ channelName: 'marketing' }), makeMessage({ channelName: 'ops' })], {
      marketing: 'Marketing Clue',
      ops: 'Operations',
    });
    const channels = await screen.findByRole('listbox', { name: 'Channels' });
    fireEvent.click(await within(channels).findByRole('option', { name: /Marketing Clue/ }));
    expect(router.navigate).toHaveBeenCalledWith(channelMessagesPath('marketing'));
    expect(screen.getByRole('region', { name: 'Messages' })).toBeInTheDocument();
  });

  it("shows one channel's messages; View opens the mobile link when there is one, else the link, and reads it", async () => {
    router.pathname = MOBILE_TAB.messagesUrl;
    router.search = '?channel=marketing';
    const withMobile = makeMessage({ channelName: 'marketing', title: 'Lead A', url: '/admin/leads/1', options: { mobileUrl: '/m/page/leads/1' } });
    const desktopOnly = makeMessage({ channelName: 'marketing', title: 'Lead B', url: '/admin/leads/2' });
    const other = makeMessage({ channelName: 'ops', title: 'Backup done' });
    const { env, store } = renderMobile(<MobileMessagesPage />, [withMobile, desktopOnly, other], { marketing: 'Marketing Clue' });

    const list = await screen.findByRole('list', { name: 'Messages' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(screen.getByRole('heading', { name: 'Marketing Clue' })).toBeInTheDocument();
    fireEvent.click(within(within(list).getByRole('listitem', { name: /^Lead A/ })).getByRole('button', { name: 'View' }));
    expect(env.navigate).toHaveBeenLastCalledWith('/page/leads/1');
    fireEvent.click(within(within(list).getByRole('listitem', { name: /^Lead B/ })).getByRole('button', { name: 'View' }));
    expect(env.navigate).toHaveBeenLastCalledWith('/admin/leads/2');
    await waitFor(() => expect(store.messages.filter((m) => m.channelName === 'marketing' && m.readAt === null)).toHaveLength(0));

    fireEvent.click(screen.getByRole('button', { name: 'Back to messages' }));
    expect(router.navigate).toHaveBeenCalledWith(MOBILE_TAB.url);
  });

  it('loads the next page when the end of the list scrolls into view', async () => {
    const observers: IntersectionObserverCallback[] = [];
    const Observer = window.IntersectionObserver;
    Object.assign(window, {
      IntersectionObserver: class {
        constructor(callback: IntersectionObserverCallback) {
          observers.push(callback);
        }
        observe() {}
        disconnect() {}
      },
    });
    router.search = '?channel=';
    const messages = Array.from({ length: 25 }, () => makeMessage({ channelName: 'bulk' }));
    renderMobile(<MobileMessagesPage />, messages);
    const list = await screen.findByRole('list', { name: 'Messages' });
    await waitFor(() => expect(observers.length).toBeGreaterThan(0));
    expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    act(() => observers[observers.length - 1]([{ isIntersecting: true } as IntersectionObserverEntry], {} as IntersectionObserver));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(25));
    Object.assign(window, { IntersectionObserver: Observer });
  });
});

/** The tab bar, and the channel page once asked for (the mobile router, in short). */
function TabThenPage() {
  const [page, setPage] = React.useState(false);
  return (
    <>
      <MobileInboxTab />
      {page ? <MobileChannelsPage /> : <button onClick={() => setPage(true)}>Open the page</button>}
    </>
  );
}

describe('toasts on /m', () => {
  const live = async (ui: React.ReactNode) => {
    const stream = fakeEventStream();
    const rendered = renderMobile(ui, [makeMessage({ channelName: 'marketing' })], { marketing: 'Marketing Clue' }, stream);
    await waitFor(() => expect(stream.connections).toHaveLength(1));
    return { ...rendered, stream };
  };
  const toastOf = async (title: string) => (await screen.findByText(title, { selector: '.ant-notification-notice *' })).closest('.ant-notification-notice') as HTMLElement;

  it("shows a new message as a toast beside the tab bar; View opens the message's mobile link and reads it", async () => {
    router.pathname = '/page/leads';
    const { stream, env, store } = await live(<MobileInboxTab />);
    await screen.findByRole('link', { name: 'Messages, 1 unread' });
    const lead = makeMessage({ id: 910, channelName: 'marketing', title: 'New lead', url: '/admin/leads/9', options: { mobileUrl: '/m/page/leads/9' } });
    act(() => stream.send('message', lead, 910));
    expect(await screen.findByRole('link', { name: 'Messages, 2 unread' })).toBeInTheDocument();
    store.messages.push(lead);
    fireEvent.click(within(await toastOf('New lead')).getByRole('button', { name: 'View' }));
    expect(env.navigate).toHaveBeenCalledWith('/page/leads/9');
    await waitFor(() => expect(store.messages.find((m) => m.id === 910)?.readAt).not.toBeNull());
  });

  it('shows no toast on the message pages, where the message shows in the list, and closes those shown before', async () => {
    const { stream } = await live(<TabThenPage />);
    act(() => stream.send('message', makeMessage({ id: 911, channelName: 'marketing', title: 'Toasted first' }), 911));
    await toastOf('Toasted first');
    fireEvent.click(screen.getByRole('button', { name: 'Open the page' }));
    await screen.findByRole('region', { name: 'Messages' });
    await waitFor(() => expect(document.querySelector('.ant-notification-notice')).toBeNull());
    act(() => stream.send('message', makeMessage({ id: 912, channelName: 'marketing', title: 'In plain sight' }), 912));
    expect(await screen.findByRole('link', { name: 'Messages, 3 unread' })).toBeInTheDocument();
    expect(document.querySelector('.ant-notification-notice')).toBeNull();
  });
});

describe('registration with plugin-mobile', () => {
  it('adds the tab component, both pages under the mobile router and the editor menu item that creates the tab', async () => {
    const routes: Record<string, { path: string; Component?: unknown }> = {};
    const components: Record<string, unknown> = {};
    const items: Record<string, any> = {};
    registerMobilePages(
      {
        addComponents: (added) => Object.assign(components, added),
        schemaInitializerManager: { addItem: (initializer, name, item) => (items[`${initializer}/${name}`] = item) },
      },
      { mobileBasename: '/m', mobileRouter: { add: (name, options) => (routes[name] = options) } },
    );
    expect(components[MOBILE_TAB.component]).toBe(MobileInboxTab);
    expect(routes['mobile.page.in-app-inbox.channels']).toEqual({ path: MOBILE_TAB.url, Component: MobileChannelsPage });
    expect(routes['mobile.page.in-app-inbox.messages']).toEqual({ path: MOBILE_TAB.messagesUrl, Component: MobileMessagesPage });

    const item = items[`mobile:tab-bar/${MOBILE_TAB.schemaUid}`];
    const reload = jest.fn();
    const location = window.location;
    Object.defineProperty(window, 'location', { value: { ...location, reload }, configurable: true });
    const { result } = renderHook(() => item.useComponentProps());
    await act(() => result.current.onClick());
    Object.defineProperty(window, 'location', { value: location, configurable: true });
    expect(hostApi.request).toHaveBeenCalledWith({ url: 'mobileRoutes:create', method: 'post', data: mobileTabRoute('Messages') });
    expect(reload).toHaveBeenCalled();
  });

  it('adds nothing when plugin-mobile is not enabled', () => {
    const addComponents = jest.fn();
    registerMobilePages({ addComponents, schemaInitializerManager: { addItem: jest.fn() } }, undefined);
    expect(addComponents).not.toHaveBeenCalled();
  });
});

describe('mobile paths', () => {
  it('tells the mobile app from the desktop one, under any basename', () => {
    expect([inMobileApp('/m', '/'), inMobileApp('/m/page/x', '/'), inMobileApp('/apps/crm/m/page/x', '/apps/crm/')]).toEqual([true, true, true]);
    expect([inMobileApp('/admin/m', '/'), inMobileApp('/mobile', '/'), inMobileApp('/m/page/x', '/apps/crm/')]).toEqual([false, false, false]);
  });

  it('prefers the mobile link of a message', () => {
    expect(mobileLinkOf({ url: '/admin/1', options: { mobileUrl: '/m/page/1' } })).toBe('/m/page/1');
    expect(mobileLinkOf({ url: '/admin/1', options: {} })).toBe('/admin/1');
    expect(mobileLinkOf({ url: null, options: { mobileUrl: '' } })).toBeNull();
  });
});
