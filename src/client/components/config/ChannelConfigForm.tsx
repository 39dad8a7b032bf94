import { SchemaComponent } from '@nocobase/client';
import { Alert } from 'antd';
import React, { useMemo } from 'react';
import { useInboxTranslation } from '../../hooks/useInboxTranslation';
import { channelSettingsSchema } from '../../schemas/channel-settings';

/** The channel's settings (Notification Manager → channel form, under `options`), after a note on where its messages go. */
export function ChannelConfigForm() {
  const { t } = useInboxTranslation();
  const schema = useMemo(channelSettingsSchema, []);
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('Messages sent through this channel appear in the bell of each receiver, live, with a toast.')}
      />
      <SchemaComponent schema={schema} scope={{ t }} />
    </>
  );
}
