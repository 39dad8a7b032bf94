import { Radio } from 'antd';
import React from 'react';
import { STATUSES, Status } from '../../shared/constants';
import { useInboxEnv } from './InboxEnv';

/**
 * All / Unread / Read as a radio group: real radio inputs, so screen readers announce the choice and arrow keys
 * move it (antd's Segmented puts aria-selected on plain divs, which axe reports as critical).
 */
export function StatusFilter({ value, onChange, block }: { value: Status; onChange: (status: Status) => void; block?: boolean }) {
  const { t } = useInboxEnv();
  const labels: Record<Status, string> = { all: t('All'), unread: t('Unread'), read: t('Read') };
  return (
    <Radio.Group
      size="small"
      optionType="button"
      buttonStyle="solid"
      aria-label={t('Filter')}
      value={value}
      onChange={(event) => onChange(event.target.value as Status)}
      style={block ? { display: 'flex' } : undefined}
      options={STATUSES.map((status) => ({ value: status, label: labels[status], style: block ? { flex: 1, textAlign: 'center' } : undefined }))}
    />
  );
}
