// Toasts on a phone's screen: across its top, its width less small margins, buttons finger-sized; one hook for
// the classic client, the modern client and NocoBase mobile.
import { StyleProvider } from '@ant-design/cssinjs';
import { fireEvent, render, screen, within } from '@testing-library/react';
import React from 'react';
import { InboxEnvProvider } from '../components/InboxEnv';
import { TOUCH_CLASS } from '../components/TouchTargets';
import { PHONE_TOAST_CLASS, toastLayout, useMessageToasts } from '../hooks/useMessageToasts';
import { fakeInboxApi, makeMessage } from './fakes';
import { translate } from './render-inbox';

const preferences = { toasts: true, mutedChannels: [] as string[] };

/** The hook as every adapter uses it: its holder rendered, a toast shown when a message comes (a click here). */
function Toaster() {
  const toasts = useMessageToasts(jest.fn(), jest.fn());
  return (
    <>
      {toasts.holder}
      <button onClick={() => toasts.show(makeMessage({ title: 'New lead', url: '/admin/leads/1' }), preferences, false)}>Message</button>
    </>
  );
}

function renderToast() {
  const env = { api: fakeInboxApi().api, t: translate, locale: 'en-US', basename: '/', navigate: jest.fn(), stream: null };
  render(
    <StyleProvider container={document.createElement('div')}>
      <InboxEnvProvider value={env}>
        <Toaster />
      </InboxEnvProvider>
    </StyleProvider>,
  );
}

async function toast(): Promise<HTMLElement> {
  fireEvent.click(screen.getByRole('button', { name: 'Message' }));
  return (await screen.findByText('New lead')).closest('.ant-notification-notice') as HTMLElement;
}

describe('toasts on phones', () => {
  const width = window.innerWidth;
  afterEach(() => {
    window.innerWidth = width;
  });

  it('lays toasts out across the top below the top bar, unstacked, with the phone and touch classes, only below 768 px', () => {
    expect(toastLayout(true)).toEqual({
      holder: { maxCount: 3, top: 54, stack: false },
      notice: { placement: 'top', className: `${PHONE_TOAST_CLASS} ${TOUCH_CLASS}` },
    });
    // on the desktop too: the top bar and its bell stay clickable while toasts show
    expect(toastLayout(false)).toEqual({ holder: { maxCount: 3, top: 54 }, notice: { placement: 'topRight', className: undefined } });
  });

  it('shows a phone toast at the top of a 390 px screen, its View button under the touch rules', async () => {
    window.innerWidth = 390;
    renderToast();
    const notice = await toast();
    expect(notice).toHaveClass(PHONE_TOAST_CLASS, TOUCH_CLASS);
    const container = notice.closest('.ant-notification') as HTMLElement;
    expect(container).toHaveClass('ant-notification-top');
    expect(container).not.toHaveClass('ant-notification-stack');
    expect(within(notice).getByRole('button', { name: 'View' })).toBeInTheDocument();
    const rules = [...document.querySelectorAll('style')].map((style) => style.textContent).join('\n');
    expect(rules).toContain(`.${PHONE_TOAST_CLASS} { width: calc(100vw - 16px)`);
    expect(rules).toContain(`.${TOUCH_CLASS} .ant-btn`);
    expect(rules).toContain(`.${TOUCH_CLASS} .ant-notification-notice-close`);
  });

  it('keeps the desktop toast at the top right, without the phone rules', async () => {
    window.innerWidth = 1366;
    renderToast();
    const notice = await toast();
    expect(notice).not.toHaveClass(PHONE_TOAST_CLASS);
    expect(notice.closest('.ant-notification')).toHaveClass('ant-notification-topRight');
    expect([...document.querySelectorAll('style')].some((style) => style.textContent?.includes(PHONE_TOAST_CLASS))).toBe(false);
  });
});
