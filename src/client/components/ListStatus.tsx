import { Alert, Button, Empty, Spin } from 'antd';
import React from 'react';
import type { ListState } from '../inbox-state';
import { useInboxEnv } from './InboxEnv';

/** The foot of a list: loading, error with retry, "Load more" by cursor, or the empty state. */
export function ListStatus({
  list,
  emptyText,
  errorText,
  onRetry,
  onLoadMore,
}: {
  list: ListState<unknown>;
  emptyText: string;
  errorText: string;
  onRetry: () => void;
  onLoadMore: () => void;
}) {
  const { t } = useInboxEnv();
  if (list.error) {
    return (
      <Alert
        type="error"
        showIcon
        style={{ margin: 8 }}
        message={errorText}
        action={
          <Button size="small" onClick={onRetry}>
            {t('Retry')}
          </Button>
        }
      />
    );
  }
  if (list.loading && !list.items.length) {
    return (
      <div style={{ padding: 24, textAlign: 'center' }}>
        <Spin aria-label={t('Loading')} />
      </div>
    );
  }
  if (!list.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  if (list.nextCursor === null) return null;
  return (
    <div style={{ padding: 8, textAlign: 'center' }}>
      <Button size="small" loading={list.loading} onClick={onLoadMore}>
        {t('Load more')}
      </Button>
    </div>
  );
}
