import { Alert, Button } from 'antd';
import React from 'react';
import type { Translate } from '../../types';

/** A part of the settings page whose data could not be loaded, with a button that asks again. */
export function LoadFailed({ message, loaded, t }: { message: string; loaded: { refresh: () => void }; t: Translate }) {
  return (
    <Alert
      type="error"
      showIcon
      message={message}
      action={
        <Button size="small" onClick={loaded.refresh}>
          {t('Retry')}
        </Button>
      }
    />
  );
}
