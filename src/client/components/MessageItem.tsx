import { CheckOutlined, DeleteOutlined, ExportOutlined, UndoOutlined } from '@ant-design/icons';
import { Badge, Button, Popconfirm, Space, theme, Tooltip, Typography } from 'antd';
import React, { useState } from 'react';
import { useLongPress } from '../hooks/useLongPress';
import { viewTarget, ViewTarget } from '../links';
import { relativeTime } from '../relative-time';
import { useInboxEnv } from './InboxEnv';
import { LevelIcon } from './LevelIcon';
import { MarkdownContent } from './MarkdownContent';
import { MessageActionSheet } from './MessageActionSheet';
import { MessageButtons } from './MessageButtons';
import type { InboxMessage } from '../../shared/contract';

export interface MessageActions {
  onView: (message: InboxMessage, target: ViewTarget) => void;
  onToggleRead: (message: InboxMessage) => void;
  onDelete: (message: InboxMessage) => void;
  /** archives the message (unarchives it in the archive's view); absent where the list has no archive */
  onArchive?: (message: InboxMessage) => void;
  /** one of the message's buttons was clicked */
  onRespond: (message: InboxMessage, action: string) => void;
  /** an app link inside the content was followed */
  onNavigate?: () => void;
}

/** What the list around an item adds: a selection box before it, more actions (archive, snooze) after its own. */
export interface MessageItemSlots {
  leading?: React.ReactNode;
  extra?: React.ReactNode;
  /** the list shows the archive: a long press offers Unarchive */
  archived?: boolean;
}

/**
 * One message: level, title, safe markdown, time, its buttons, and its actions (View, read/unread, delete). On touch
 * screens a long press opens the same actions in a sheet, archive included.
 */
export function MessageItem({
  message,
  now,
  first,
  leading,
  extra,
  archived,
  ...actions
}: MessageActions & MessageItemSlots & { message: InboxMessage; now: number; first: boolean }) {
  const { t, locale, basename } = useInboxEnv();
  const { token } = theme.useToken();
  const unread = message.readAt === null;
  const target = viewTarget(message.url, basename);
  const toggleLabel = unread ? t('Mark as read') : t('Mark as unread');
  const [sheetOpen, setSheetOpen] = useState(false);
  const longPress = useLongPress(() => setSheetOpen(true));

  return (
    <li
      data-nav-item
      data-message-id={message.id}
      tabIndex={first ? 0 : -1}
      aria-label={unread ? `${message.title} (${t('Unread')})` : message.title}
      style={{
        display: 'flex',
        gap: token.paddingXS,
        padding: `${token.paddingSM}px ${token.padding}px`,
        borderBottom: `1px solid ${token.colorSplit}`,
        background: unread ? token.colorPrimaryBg : undefined,
        outlineOffset: -2,
        // iOS's own long-press callout (copy, look up) would cover the sheet
        WebkitTouchCallout: 'none',
      }}
      {...longPress}
    >
      {leading}
      <span style={{ fontSize: token.fontSizeLG, lineHeight: 1.4 }}>
        <LevelIcon level={message.level} />
      </span>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', alignItems: 'baseline', gap: token.paddingXS }}>
          <Typography.Text strong={unread} style={{ flex: 1, minWidth: 0 }} ellipsis={{ tooltip: message.title }}>
            {message.title}
          </Typography.Text>
          {unread && <Badge status="processing" aria-hidden />}
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, whiteSpace: 'nowrap' }}>
            <time dateTime={message.createdAt} title={new Date(message.createdAt).toLocaleString(locale)}>
              {relativeTime(message.createdAt, now, locale)}
            </time>
          </Typography.Text>
        </div>
        <MarkdownContent content={message.content} onNavigate={actions.onNavigate} />
        <MessageButtons message={message} onRespond={actions.onRespond} onView={actions.onView} />
        <Space size={4} style={{ marginTop: 4 }}>
          {target && (
            <Button
              size="small"
              type="link"
              style={{ paddingInline: 0 }}
              icon={target.kind === 'external' ? <ExportOutlined aria-hidden /> : undefined}
              onClick={() => actions.onView(message, target)}
            >
              {t('View')}
            </Button>
          )}
          <Tooltip title={toggleLabel}>
            <Button
              size="small"
              type="text"
              aria-label={toggleLabel}
              icon={unread ? <CheckOutlined /> : <UndoOutlined />}
              onClick={() => actions.onToggleRead(message)}
            />
          </Tooltip>
          <Popconfirm
            title={t('Delete this message?')}
            okText={t('Delete')}
            cancelText={t('Cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => actions.onDelete(message)}
          >
            <Button size="small" type="text" danger aria-label={t('Delete')} icon={<DeleteOutlined />} />
          </Popconfirm>
          {extra}
        </Space>
      </div>
      <MessageActionSheet
        message={message}
        open={sheetOpen}
        archived={archived}
        onClose={() => setSheetOpen(false)}
        onToggleRead={actions.onToggleRead}
        onArchive={actions.onArchive}
        onDelete={actions.onDelete}
      />
    </li>
  );
}
