import { Alert } from 'antd';
import React from 'react';
import { useInboxTranslation } from '../../hooks/useInboxTranslation';

/** A channel of this type needs no settings beyond its title and description: say where its messages go. */
export function ChannelConfigForm() {
  const { t } = useInboxTranslation();
  return (
    <Alert
      type="info"
      showIcon
      message={t('Messages sent through this channel appear in the bell of each receiver, live, with a toast.')}
    />
  );
}
