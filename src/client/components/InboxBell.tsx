import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, message as antdMessage, Popover, theme, Tooltip } from 'antd';
import React, { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useFocusTrap } from '../hooks/useFocusTrap';
import { Inbox, useInbox } from '../hooks/useInbox';
import { useDesktopAlerts } from '../hooks/useDesktopAlerts';
import { useMessageToasts } from '../hooks/useMessageToasts';
import { usePhoneLayout } from '../hooks/usePhoneLayout';
import { followTarget, viewTarget, ViewTarget } from '../links';
import { useInboxEnv } from './InboxEnv';
import { InboxPanel } from './InboxPanel';
import { TOUCH_CLASS, TouchTargets } from './TouchTargets';
import type { InboxMessage } from '../../shared/contract';

const POPOVER_SIZE: React.CSSProperties = { width: 'min(760px, calc(100vw - 32px))', height: 'min(600px, calc(100vh - 96px))' };

/** The popover's box; InboxBell traps focus in it (InboxBell re-renders on every open; a popup's content may not). */
const PopoverBody = React.forwardRef<HTMLDivElement, { children: React.ReactNode }>(function PopoverBody({ children }, ref) {
  return (
    <div ref={ref} style={POPOVER_SIZE}>
      {children}
    </div>
  );
});

/** The top-bar bell: live unread badge (99+), a popover (a full-screen drawer on narrow screens), toasts. */
export function InboxBell() {
  const env = useInboxEnv();
  const { t } = env;
  const { token } = theme.useToken();
  const compact = usePhoneLayout();
  const [open, setOpen] = useState(false);
  const openRef = useRef(open);
  openRef.current = open;
  const titleId = useId();
  const [messageApi, messageHolder] = antdMessage.useMessage();
  const inboxRef = useRef<Inbox | null>(null);
  const bellRef = useRef<HTMLButtonElement>(null);

  const view = useCallback(
    (message: InboxMessage, target: ViewTarget) => {
      followTarget(target, env.navigate);
      if (message.readAt === null) void inboxRef.current?.setRead([message.id], true);
      if (target.kind === 'app') setOpen(false);
    },
    [env.navigate],
  );
  const toasts = useMessageToasts(view, (message, action) => void inboxRef.current?.respond(message.id, action));
  // a clicked desktop notification: the message's link, like the toast's View, else the inbox on its channel
  const alerts = useDesktopAlerts((message) => {
    const target = viewTarget(message.url, env.basename);
    if (target) return view(message, target);
    inboxRef.current?.select(message.channelName);
    setOpen(true);
  });
  const { dismissAll } = toasts;
  useEffect(() => {
    if (open) dismissAll();
  }, [open, dismissAll]);
  const inbox = useInbox({
    api: env.api,
    stream: env.stream,
    open,
    onMessage: (message, state) => {
      toasts.show(message, state.preferences, openRef.current);
      alerts.alert(message, state.preferences, inboxRef.current?.isLeader() ?? true);
    },
    onError: () => void messageApi.error(t('The inbox could not be updated, please retry')),
  });
  inboxRef.current = inbox;

  const popoverRef = useRef<HTMLDivElement>(null);
  useFocusTrap(popoverRef, open && !compact, () => closeToBell());
  const unread = inbox.state.counts.unread;
  const label = unread ? t('Messages, {{count}} unread', { count: unread }) : t('Messages');
  const close = () => setOpen(false);
  const closeToBell = () => {
    close();
    bellRef.current?.focus();
  };
  const panel = <InboxPanel inbox={inbox} compact={compact} titleId={titleId} onView={view} onNavigate={close} />;
  const bell = (
    <Button
      ref={bellRef}
      type="text"
      aria-label={label}
      aria-haspopup="dialog"
      aria-expanded={open}
      style={{
        // the host's top-bar colour, with the fallback NocoBase's own top-bar actions use where a theme sets none
        color: (token as unknown as Record<string, string>).colorTextHeaderMenu ?? 'rgba(255, 255, 255, 0.65)',
        // a finger-sized target on phones
        ...(compact ? { width: 44, height: 44 } : {}),
      }}
      onClick={compact ? () => setOpen(!open) : undefined}
      icon={
        <Badge count={unread} overflowCount={99} size="small" styles={{ root: { color: 'inherit' } }}>
          <BellOutlined style={{ color: 'inherit', fontSize: token.fontSizeLG }} />
        </Badge>
      }
    />
  );

  return (
    <>
      {toasts.holder}
      {messageHolder}
      {compact ? (
        <>
          {bell}
          <Drawer
            open={open}
            onClose={closeToBell}
            placement="right"
            width="100%"
            rootClassName={TOUCH_CLASS}
            // a message's action sheet (a long press) rises over the inbox, which stays in place
            push={false}
            styles={{ header: { padding: '4px 8px' }, body: { padding: 0 } }}
          >
            <TouchTargets />
            <div role="dialog" aria-labelledby={titleId} style={{ height: '100%' }}>
              {panel}
            </div>
          </Drawer>
        </>
      ) : (
        <Popover
          open={open}
          onOpenChange={setOpen}
          trigger="click"
          placement="bottomRight"
          arrow={false}
          content={
            <PopoverBody ref={popoverRef}>
              <div role="dialog" aria-labelledby={titleId} style={{ height: '100%' }}>
                {panel}
              </div>
            </PopoverBody>
          }
        >
          <Tooltip title={open ? undefined : t('Messages')}>{bell}</Tooltip>
        </Popover>
      )}
    </>
  );
}
