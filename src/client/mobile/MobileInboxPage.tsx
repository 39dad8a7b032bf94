import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Segmented, theme, Typography } from 'antd';
import React, { useId } from 'react';
import { STATUSES, Status } from '../../constants';
import { useInboxEnv } from '../components/InboxEnv';
import { TOUCH_CLASS, TouchTargets } from '../components/TouchTargets';
import type { Inbox } from '../hooks/useInbox';

interface Props {
  inbox: Inbox;
  title: string;
  onBack?: () => void;
  /** "mark as read" for what the page shows */
  onMarkRead: () => void;
  unread: number;
  children: React.ReactNode;
}

/** The frame of the mobile message pages: a header (back, title, mark read), the All/Unread/Read filter, the list. */
export function MobileInboxPage({ inbox, title, onBack, onMarkRead, unread, children }: Props) {
  const { t } = useInboxEnv();
  const { token } = theme.useToken();
  const titleId = useId();
  const labels: Record<Status, string> = { all: t('All'), unread: t('Unread'), read: t('Read') };
  return (
    <section
      aria-labelledby={titleId}
      className={TOUCH_CLASS}
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, background: token.colorBgContainer }}
    >
      <TouchTargets />
      <header style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 8px', borderBottom: `1px solid ${token.colorSplit}` }}>
        {onBack && <Button type="text" aria-label={t('Back to messages')} icon={<ArrowLeftOutlined />} onClick={onBack} />}
        <Typography.Title id={titleId} level={5} ellipsis style={{ margin: 0, flex: 1, minWidth: 0 }}>
          {title}
        </Typography.Title>
        <Button type="link" disabled={unread === 0} onClick={onMarkRead}>
          {t('Mark all as read')}
        </Button>
      </header>
      <div style={{ padding: '8px 16px' }}>
        <Segmented
          block
          aria-label={t('Filter')}
          value={inbox.state.filter}
          onChange={(value) => inbox.setFilter(value as Status)}
          options={STATUSES.map((status) => ({ value: status, label: labels[status] }))}
        />
      </div>
      <div style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>{children}</div>
    </section>
  );
}
