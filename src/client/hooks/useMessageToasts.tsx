import { notification, NotificationArgsProps } from 'antd';
import React, { useCallback } from 'react';
import { LevelIcon } from '../components/LevelIcon';
import { useInboxEnv } from '../components/InboxEnv';
import type { MessageButtonsProps } from '../components/MessageButtons';
import { ToastActions } from '../components/ToastActions';
import { TOUCH_CLASS, TouchTargets } from '../components/TouchTargets';
import { usePhoneLayout } from './usePhoneLayout';
import { viewTarget, ViewTarget } from '../links';
import { firstLine } from '../markdown';
import { isNews } from '../desktop-alerts';
import { InboxMessage, LIMITS, Preferences } from '../../shared/contract';

const DEFAULT_SECONDS = 4.5;

/** Pure: whether a message that just arrived deserves a toast (`visible`: the user would see it). */
export function shouldToast(message: InboxMessage, preferences: Preferences, now: number, visible: boolean): boolean {
  return (
    visible &&
    // an important channel's messages (its admin setting) toast even for users who turned toasts off
    (preferences.toasts || message.options?.important === true) &&
    isNews(message, preferences, now)
  );
}

/** Pure: the toast's lifetime in seconds from the sender's `toastDuration` (0 keeps it until closed). */
export function toastSeconds(message: InboxMessage): number {
  const raw = message.options?.toastDuration;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(value) && value >= 0 ? Math.min(value, LIMITS.toastSeconds) : DEFAULT_SECONDS;
}

/** Class of a toast on phones: the screen's width less 8 px each side (antd's 384 px box ran off a 390 px screen). */
export const PHONE_TOAST_CLASS = 'inbox-toast-phone';

// !important: antd's notice width, max-width and title padding are as specific and injected at run time; the title
// keeps clear of the 44 px close button
const PHONE_TOAST_RULES = `
.${PHONE_TOAST_CLASS} { width: calc(100vw - 16px) !important; max-width: none !important; }
.${PHONE_TOAST_CLASS} .ant-notification-notice-message { padding-inline-end: 40px !important; }
`;

/**
 * Where toasts start: below NocoBase's top bar (46 px) and its bell. Over it, a toast covered the bell, and with the
 * pointer resting on it antd keeps the toast open: the inbox could not be opened until the pointer moved away.
 */
const BELOW_TOP_BAR = 54;

/**
 * Phones: toasts one under the other across the top of the screen (antd's stack lays them out absolutely from the
 * container's left edge, which `top` places at mid-screen), finger-sized buttons (TOUCH_CLASS's rules). The
 * placement goes with each toast: antd's API reads the holder's placement once, at its first render.
 */
export function toastLayout(phone: boolean): {
  holder: Parameters<typeof notification.useNotification>[0];
  notice: Pick<NotificationArgsProps, 'placement' | 'className'>;
} {
  return phone
    ? {
        holder: { maxCount: 3, top: BELOW_TOP_BAR, stack: false },
        notice: { placement: 'top', className: `${PHONE_TOAST_CLASS} ${TOUCH_CLASS}` },
      }
    : { holder: { maxCount: 3, top: BELOW_TOP_BAR }, notice: { placement: 'topRight', className: undefined } };
}

/**
 * Toasts for new messages: level icon, title, first line of the content, the message's buttons and View. antd's
 * notification API takes elements, so the hook hands it two; ToastActions renders the buttons.
 */
export function useMessageToasts(
  onView: (message: InboxMessage, target: ViewTarget) => void,
  onRespond: MessageButtonsProps['onRespond'],
) {
  const { basename } = useInboxEnv();
  const phone = usePhoneLayout();
  const layout = toastLayout(phone);
  const [api, holder] = notification.useNotification(layout.holder);

  /** `watching`: the inbox is open, where the message already shows; a toast would only cover it. */
  const show = (message: InboxMessage, preferences: Preferences, watching: boolean) => {
    const visible = !watching && document.visibilityState !== 'hidden';
    if (!shouldToast(message, preferences, Date.now(), visible)) return;
    const key = `inbox-message-${message.id}`;
    const target = viewTarget(message.url, basename);
    api.open({
      key,
      icon: <LevelIcon level={message.level} />,
      message: message.title,
      description: firstLine(message.content) || undefined,
      duration: toastSeconds(message),
      role: message.level === 'error' ? 'alert' : 'status',
      ...layout.notice,
      btn:
        target || message.actions?.length ? (
          <ToastActions message={message} target={target} onRespond={onRespond} onView={onView} onDone={() => api.destroy(key)} />
        ) : undefined,
    });
  };

  /** Opening the inbox shows every message: the toasts would only cover its header. */
  const dismissAll = useCallback(() => api.destroy(), [api]);

  return {
    holder: phone ? (
      <>
        {holder}
        <TouchTargets />
        <style>{PHONE_TOAST_RULES}</style>
      </>
    ) : (
      holder
    ),
    show,
    dismissAll,
  };
}
