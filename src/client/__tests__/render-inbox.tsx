// Renders the inbox as the NocoBase adapter does, against the in-memory API and an optional live stream.
import { StyleProvider } from '@ant-design/cssinjs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Schema } from '@formily/json-schema';
import React from 'react';
import { Inbox } from '../components/Inbox';
import type { InboxEnv } from '../components/InboxEnv';
import type { StreamSource } from '../hooks/useInboxStream';
import type { CrossTabEnv } from '../stream/cross-tab';
import { fakeEventStream, fakeInboxApi } from './fakes';
import type { InboxMessage, Preferences } from '../../shared/contract';

/** i18next's interpolation, enough for the keys' `{{name}}` placeholders. */
export const translate = (key: string, options: Record<string, unknown> = {}) =>
  key.replace(/{{\s*(\w+)\s*}}/g, (_, name) => String(options[name] ?? ''));

/** NocoBase's `useCompile()` with this `t`: Formily's Schema.compile over a scope holding `t`, as NocoBase's does. */
export const compileWith =
  (t: (key: string) => string) =>
  (source: string): unknown =>
    Schema.compile(source, { t });

interface Options {
  messages?: InboxMessage[];
  titles?: Record<string, string>;
  preferences?: Preferences;
  /** open the live stream (on a fake SSE endpoint) */
  live?: boolean;
  /** the browser's Web Locks and BroadcastChannel; none: one stream per tab */
  crossTab?: CrossTabEnv;
}

/** The inbox's end of a fake SSE endpoint, as NocoBase's adapter hands it over for user 1. */
export function streamSource(stream: ReturnType<typeof fakeEventStream>, crossTab: CrossTabEnv = {}): StreamSource {
  return {
    scope: 'user-1',
    url: '/api/myInboxMessages:stream',
    getHeaders: () => ({ Authorization: 'Bearer t1' }),
    crossTab,
    fetch: stream.fetch,
  };
}

export function renderInbox(options: Options = {}) {
  const fake = fakeInboxApi(options.messages, options.titles);
  if (options.preferences) fake.store.preferences = options.preferences;
  const stream = fakeEventStream();
  const navigate = jest.fn();
  const env: InboxEnv = {
    api: fake.api,
    t: translate,
    locale: 'en-US',
    basename: '/apps/crm/',
    navigate,
    stream: options.live ? streamSource(stream, options.crossTab) : null,
  };
  // antd's CSS goes to a detached node: jsdom would otherwise match every style rule on each role query
  const view = render(
    <StyleProvider container={document.createElement('div')}>
      <Inbox env={env} />
    </StyleProvider>,
  );
  return { ...fake, ...view, stream, navigate };
}

export const bell = () => screen.getByRole('button', { name: /^Messages/ });

export async function openInbox() {
  fireEvent.click(bell());
  await waitFor(() => expect(bell()).toHaveAttribute('aria-expanded', 'true'));
  return screen.findByRole('dialog');
}

/** The messages column of the open inbox, once it has items. */
export const messagesIn = (dialog: HTMLElement) => within(dialog).findByRole('list', { name: 'Messages' });

/** Opens the antd Select labelled `selectLabel` inside `scope` and clicks the option shown as `label`. */
export async function chooseOption(scope: HTMLElement, selectLabel: RegExp, label: string) {
  fireEvent.mouseDown(within(scope).getByRole('combobox', { name: selectLabel }));
  const options = await waitFor(() => {
    const open = document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)') as HTMLElement;
    expect(open).not.toBeNull();
    return open;
  });
  fireEvent.click(within(options).getByTitle(label));
  await waitFor(() => expect(document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toBeNull());
}
