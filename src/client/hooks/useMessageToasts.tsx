import { notification } from 'antd';
import React, { useCallback } from 'react';
import { LevelIcon } from '../components/LevelIcon';
import { useInboxEnv } from '../components/InboxEnv';
import type { MessageButtonsProps } from '../components/MessageButtons';
import { ToastActions } from '../components/ToastActions';
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

/**
 * Toasts for new messages: level icon, title, first line of the content, the message's buttons and View. antd's
 * notification API takes elements, so the hook hands it two; ToastActions renders the buttons.
 */
export function useMessageToasts(
  onView: (message: InboxMessage, target: ViewTarget) => void,
  onRespond: MessageButtonsProps['onRespond'],
) {
  const { basename } = useInboxEnv();
  const [api, holder] = notification.useNotification({ maxCount: 3 });

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
      btn:
        target || message.actions?.length ? (
          <ToastActions message={message} target={target} onRespond={onRespond} onView={onView} onDone={() => api.destroy(key)} />
        ) : undefined,
    });
  };

  /** Opening the inbox shows every message: the toasts would only cover its header. */
  const dismissAll = useCallback(() => api.destroy(), [api]);

  return { holder, show, dismissAll };
}
