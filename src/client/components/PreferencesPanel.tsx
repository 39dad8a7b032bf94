import { List, Switch, theme, Typography } from 'antd';
import React from 'react';
import type { Inbox } from '../hooks/useInbox';
import { AlertPreferences, SwitchRow } from './AlertPreferences';
import { useInboxEnv } from './InboxEnv';

/** The user's own settings: toasts on/off, desktop alerts, sound, quiet hours and a mute switch per channel. */
export function PreferencesPanel({ inbox }: { inbox: Inbox }) {
  const { t } = useInboxEnv();
  const { token } = theme.useToken();
  const { preferences, counts, channels } = inbox.state;
  const titles = new Map(channels.items.map((channel) => [channel.name, channel.title]));
  const names = [...new Set([...Object.keys(counts.channels), ...titles.keys(), ...preferences.mutedChannels])];
  const important = new Set(preferences.importantChannels ?? []);

  return (
    <div style={{ padding: 16 }}>
      <SwitchRow label={t('Show a toast when a message arrives')} checked={preferences.toasts} onChange={(checked) => void inbox.setToasts(checked)} />
      <AlertPreferences inbox={inbox} />
      {/* h3 under the panel's h2 title (axe's heading-order) */}
      <Typography.Title level={3} style={{ marginTop: 16, fontSize: token.fontSize }}>
        {t('Muted channels')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('A muted channel shows no toast and is left out of the bell count; its messages stay in the inbox.')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={names}
        locale={{ emptyText: t('No channels yet') }}
        renderItem={(name) => {
          const title = titles.get(name) ?? name;
          // an admin made it important: it always shows, so its switch stays off and cannot be turned on
          const locked = important.has(name);
          return (
            <List.Item
              extra={
                <Switch
                  size="small"
                  checked={!locked && preferences.mutedChannels.includes(name)}
                  disabled={locked}
                  aria-label={t('Mute {{channel}}', { channel: title })}
                  aria-describedby={locked ? `inbox-important-${name}` : undefined}
                  onChange={(muted) => inbox.setMuted(name, muted)}
                />
              }
            >
              <span>
                {title}
                {locked && (
                  <Typography.Text id={`inbox-important-${name}`} type="secondary" style={{ display: 'block', fontSize: token.fontSizeSM }}>
                    {t('Important: cannot be muted')}
                  </Typography.Text>
                )}
              </span>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
