import { ArrowLeftOutlined, BellOutlined, SettingOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Space, theme, Tooltip, Typography } from 'antd';
import React, { useEffect, useRef, useState } from 'react';
import type { Inbox } from '../hooks/useInbox';
import { ChannelList, ChannelPicker } from './ChannelList';
import { useInboxEnv } from './InboxEnv';
import type { MessageActions } from './MessageItem';
import { MessageList } from './MessageList';
import { PreferencesPanel } from './PreferencesPanel';
import { StatusFilter } from './StatusFilter';

type Props = { inbox: Inbox; compact: boolean; titleId: string } & Pick<MessageActions, 'onView' | 'onNavigate'>;

/** Above the messages of one channel: its name, mute and "mark channel as read". */
function ChannelBar({ inbox }: { inbox: Inbox }) {
  const { t } = useInboxEnv();
  const { selected, channels, counts } = inbox.state;
  if (selected === null) return null;
  const title = channels.items.find((channel) => channel.name === selected)?.title ?? selected;
  const muted = inbox.state.preferences.mutedChannels.includes(selected);
  const muteLabel = muted ? t('Unmute channel') : t('Mute channel');
  // an important channel (an admin's setting) cannot be muted: no button for it
  const mutable = !inbox.state.preferences.importantChannels?.includes(selected);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 16px' }}>
      <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
        {title}
      </Typography.Text>
      {mutable && (
        <Tooltip title={muteLabel}>
          <Button
            size="small"
            type="text"
            aria-label={muteLabel}
            aria-pressed={muted}
            icon={muted ? <BellOutlined /> : <StopOutlined />}
            onClick={() => inbox.setMuted(selected, !muted)}
          />
        </Tooltip>
      )}
      <Button size="small" disabled={!counts.channels[selected]?.unread} onClick={() => inbox.markAllRead(selected)}>
        {t('Mark channel as read')}
      </Button>
    </div>
  );
}

/** The icon button that switches between the messages and the preferences (focus follows it, so it takes a ref). */
const SwitchViewButton = React.forwardRef<HTMLButtonElement, { label: string; icon: React.ReactNode; onClick: () => void }>(
  function SwitchViewButton({ label, icon, onClick }, ref) {
    return <Button ref={ref} size="small" type="text" aria-label={label} icon={icon} onClick={onClick} />;
  },
);

/** The popover's content: filter, mark-all, preferences, channels beside (or above) the chosen channel's messages. */
export function InboxPanel({ inbox, compact, titleId, onView, onNavigate }: Props) {
  const { t } = useInboxEnv();
  const { token } = theme.useToken();
  const [settings, setSettings] = useState(false);
  // the button pressed to switch views disappears with its view: focus its counterpart, not the page's body
  const backButton = useRef<HTMLButtonElement>(null);
  const settingsButton = useRef<HTMLButtonElement>(null);
  const switched = useRef(false);
  useEffect(() => {
    if (switched.current) (settings ? backButton : settingsButton).current?.focus();
    switched.current = true;
  }, [settings]);
  const scroll: React.CSSProperties = { overflowY: 'auto', minHeight: 0 };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 8,
          padding: '8px 16px',
          borderBottom: `1px solid ${token.colorSplit}`,
        }}
      >
        {settings && (
          <SwitchViewButton ref={backButton} label={t('Back to messages')} icon={<ArrowLeftOutlined />} onClick={() => setSettings(false)} />
        )}
        {/* h2 below the page's h1 (axe's heading-order), at the size of the popover's other text */}
        <Typography.Title id={titleId} level={2} style={{ margin: 0, flex: 1, whiteSpace: 'nowrap', fontSize: token.fontSizeLG }}>
          {settings ? t('Inbox preferences') : t('Messages')}
        </Typography.Title>
        {!settings && (
          <Space size={8} wrap>
            <StatusFilter value={inbox.state.filter} onChange={inbox.setFilter} />
            <Button size="small" disabled={inbox.state.counts.unread === 0} onClick={() => inbox.markAllRead(null)}>
              {t('Mark all as read')}
            </Button>
            <Tooltip title={t('Inbox preferences')}>
              <SwitchViewButton ref={settingsButton} label={t('Inbox preferences')} icon={<SettingOutlined />} onClick={() => setSettings(true)} />
            </Tooltip>
          </Space>
        )}
      </div>
      {settings ? (
        <div style={scroll}>
          <PreferencesPanel inbox={inbox} />
        </div>
      ) : compact ? (
        <>
          <div style={{ padding: '8px 16px' }}>
            <ChannelPicker inbox={inbox} />
          </div>
          <ChannelBar inbox={inbox} />
          <div style={{ ...scroll, flex: 1 }}>
            <MessageList inbox={inbox} onView={onView} onNavigate={onNavigate} />
          </div>
        </>
      ) : (
        <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <nav aria-label={t('Channels')} style={{ ...scroll, width: 240, flexShrink: 0, borderRight: `1px solid ${token.colorSplit}` }}>
            <ChannelList inbox={inbox} />
          </nav>
          <section aria-label={t('Messages')} style={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0 }}>
            <ChannelBar inbox={inbox} />
            <div style={{ ...scroll, flex: 1 }}>
              <MessageList inbox={inbox} onView={onView} onNavigate={onNavigate} />
            </div>
          </section>
        </div>
      )}
    </div>
  );
}
