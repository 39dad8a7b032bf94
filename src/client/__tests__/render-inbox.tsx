// Renders the inbox as the NocoBase adapter does, against the in-memory API and an optional live stream.
import { render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { Inbox } from '../components/Inbox';
import type { InboxEnv } from '../components/InboxEnv';
import type { InboxMessage } from '../types';
import { fakeEventStream, fakeInboxApi } from './fakes';

/** i18next's interpolation, enough for the keys' `{{name}}` placeholders. */
export const translate = (key: string, options: Record<string, unknown> = {}) =>
  key.replace(/{{\s*(\w+)\s*}}/g, (_, name) => String(options[name] ?? ''));

export function renderInbox(options: { messages?: InboxMessage[]; titles?: Record<string, string>; live?: boolean } = {}) {
  const fake = fakeInboxApi(options.messages, options.titles);
  const stream = fakeEventStream();
  const navigate = jest.fn();
  const env: InboxEnv = {
    api: fake.api,
    t: translate,
    locale: 'en-US',
    basename: '/apps/crm/',
    navigate,
    stream: options.live
      ? { scope: 'user-1', url: '/api/myInboxMessages:stream', getHeaders: () => ({ Authorization: 'Bearer t1' }), crossTab: {}, fetch: stream.fetch }
      : null,
  };
  const view = render(<Inbox env={env} />);
  return { ...fake, ...view, stream, navigate };
}

export const bell = () => screen.getByRole('button', { name: /^Messages/ });

export async function openInbox() {
  bell().click();
  await waitFor(() => expect(bell()).toHaveAttribute('aria-expanded', 'true'));
  return screen.findByRole('dialog');
}
