import { Badge, Select, theme, Typography } from 'antd';
import React from 'react';
import type { Inbox } from '../hooks/useInbox';
import { useNow } from '../hooks/useNow';
import { onListKeyDown } from '../list-keyboard';
import { relativeTime } from '../relative-time';
import { useInboxEnv } from './InboxEnv';
import { ListStatus } from './ListStatus';
import type { ChannelSummary } from '../../shared/contract';

interface Row {
  name: string | null;
  title: string;
  unread: number;
  muted: boolean;
  latest?: ChannelSummary['latestMessage'];
}

/** The "all channels" row first, then each channel; unread counts from the live counts when known. */
function useRows(inbox: Inbox): Row[] {
  const { t } = useInboxEnv();
  const { counts, channels } = inbox.state;
  return [
    { name: null, title: t('All channels'), unread: counts.unread, muted: false },
    ...channels.items.map((channel) => ({
      name: channel.name,
      title: channel.title,
      unread: counts.channels[channel.name]?.unread ?? channel.unreadCount,
      muted: counts.channels[channel.name]?.muted ?? false,
      latest: channel.latestMessage,
    })),
  ];
}

function ChannelRow({ row, selected, onSelect, now }: { row: Row; selected: boolean; onSelect: () => void; now: number }) {
  const { locale } = useInboxEnv();
  const { token } = theme.useToken();
  return (
    <li
      role="option"
      aria-selected={selected}
      data-nav-item
      tabIndex={selected ? 0 : -1}
      onClick={onSelect}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect();
        }
      }}
      style={{
        cursor: 'pointer',
        padding: `${token.paddingXS}px ${token.paddingSM}px`,
        borderRadius: token.borderRadius,
        background: selected ? token.controlItemBgActive : undefined,
        outlineOffset: -2,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: token.paddingXS }}>
        <Typography.Text strong={row.unread > 0} ellipsis style={{ flex: 1, minWidth: 0 }}>
          {row.title}
        </Typography.Text>
        <Badge count={row.unread} overflowCount={99} size="small" color={row.muted ? token.colorTextQuaternary : undefined} />
      </div>
      {row.latest && (
        <div style={{ display: 'flex', gap: token.paddingXS, fontSize: token.fontSizeSM }}>
          <Typography.Text type="secondary" ellipsis style={{ flex: 1, minWidth: 0, fontSize: 'inherit' }}>
            {row.latest.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 'inherit', whiteSpace: 'nowrap' }}>
            {relativeTime(row.latest.createdAt, now, locale)}
          </Typography.Text>
        </div>
      )}
    </li>
  );
}

/**
 * The channels column: a keyboard-navigable listbox, with load-more by cursor. Choosing a channel selects it, or
 * calls `onSelect` instead (the mobile channel page opens the channel's own page).
 */
export function ChannelList({ inbox, onSelect = inbox.select }: { inbox: Inbox; onSelect?: (channelName: string | null) => void }) {
  const { t } = useInboxEnv();
  const now = useNow();
  const rows = useRows(inbox);
  const { selected, channels } = inbox.state;
  return (
    <>
      <ul role="listbox" aria-label={t('Channels')} onKeyDown={onListKeyDown} style={{ listStyle: 'none', margin: 0, padding: 4 }}>
        {rows.map((row) => (
          <ChannelRow key={row.name ?? ''} row={row} now={now} selected={row.name === selected} onSelect={() => onSelect(row.name)} />
        ))}
      </ul>
      {channels.items.length > 0 || channels.error ? (
        <ListStatus
          list={channels}
          emptyText=""
          errorText={t('Channels could not be loaded')}
          onRetry={() => inbox.retry('channels')}
          onLoadMore={() => inbox.loadMore('channels')}
        />
      ) : null}
    </>
  );
}

/** On a narrow screen the channels become a select above the messages. */
export function ChannelPicker({ inbox }: { inbox: Inbox }) {
  const { t } = useInboxEnv();
  const rows = useRows(inbox);
  return (
    <Select
      aria-label={t('Channel')}
      style={{ width: '100%' }}
      value={inbox.state.selected ?? ''}
      onChange={(value: string) => inbox.select(value === '' ? null : value)}
      options={rows.map((row) => ({
        value: row.name ?? '',
        label: row.unread ? `${row.title} (${row.unread > 99 ? '99+' : row.unread})` : row.title,
      }))}
    />
  );
}
