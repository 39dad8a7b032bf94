import { Button, Popconfirm, Space, Typography } from 'antd';
import React from 'react';
import type { BulkChange } from '../api';
import { useInboxEnv } from './InboxEnv';

export interface BulkBarProps {
  /** messages ticked one by one */
  count: number;
  /** every message of the view is meant, loaded or not */
  allMatching: boolean;
  /** how many messages the view holds, when known */
  matching: number | null;
  archived: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onAction: (change: BulkChange) => void;
}

/** Above the list while messages are selected: read, unread, archive, delete, and "select all N matching". */
export function BulkBar({ count, allMatching, matching, archived, onSelectAllMatching, onClear, onAction }: BulkBarProps) {
  const { t } = useInboxEnv();
  if (!count && !allMatching) return null;
  const selected = allMatching && matching !== null ? matching : count;
  return (
    <div role="toolbar" aria-label={t('Selected messages')} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '4px 16px' }}>
      <Typography.Text strong aria-live="polite">
        {allMatching && matching === null ? t('All matching selected') : t('{{count}} selected', { count: selected })}
      </Typography.Text>
      {!allMatching && (
        <Button size="small" type="link" onClick={onSelectAllMatching}>
          {matching === null ? t('Select all matching') : t('Select all {{count}} matching', { count: matching })}
        </Button>
      )}
      <Space size={4} wrap>
        <Button size="small" onClick={() => onAction('markRead')}>
          {t('Mark as read')}
        </Button>
        <Button size="small" onClick={() => onAction('markUnread')}>
          {t('Mark as unread')}
        </Button>
        <Button size="small" onClick={() => onAction(archived ? 'unarchive' : 'archive')}>
          {archived ? t('Unarchive') : t('Archive')}
        </Button>
        <Popconfirm title={t('Delete the selected messages?')} okText={t('Delete')} cancelText={t('Cancel')} okButtonProps={{ danger: true }} onConfirm={() => onAction('destroy')}>
          <Button size="small" danger>
            {t('Delete')}
          </Button>
        </Popconfirm>
        <Button size="small" type="text" onClick={onClear}>
          {t('Clear selection')}
        </Button>
      </Space>
    </div>
  );
}
