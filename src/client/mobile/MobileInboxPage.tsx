import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, theme, Typography } from 'antd';
import React, { useId } from 'react';
import { AccessibleTheme } from '../components/AccessibleTheme';
import { useInboxEnv } from '../components/InboxEnv';
import { StatusFilter } from '../components/StatusFilter';
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
export function MobileInboxPage(props: Props) {
  return (
    <AccessibleTheme>
      <PageFrame {...props} />
    </AccessibleTheme>
  );
}

function PageFrame({ inbox, title, onBack, onMarkRead, unread, children }: Props) {
  const { t } = useInboxEnv();
  const { token } = theme.useToken();
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className={TOUCH_CLASS}
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, background: token.colorBgContainer }}
    >
      <TouchTargets />
      <header style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 8px', borderBottom: `1px solid ${token.colorSplit}` }}>
        {onBack && <Button type="text" aria-label={t('Back to messages')} icon={<ArrowLeftOutlined />} onClick={onBack} />}
        <Typography.Title id={titleId} level={2} ellipsis style={{ margin: 0, flex: 1, minWidth: 0, fontSize: token.fontSizeLG }}>
          {title}
        </Typography.Title>
        <Button type="link" disabled={unread === 0} onClick={onMarkRead}>
          {t('Mark all as read')}
        </Button>
      </header>
      <div style={{ padding: '8px 16px' }}>
        <StatusFilter block value={inbox.state.filter} onChange={inbox.setFilter} />
      </div>
      <div style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>{children}</div>
    </section>
  );
}
