import { Alert } from 'antd';
import React from 'react';
import { LoadFailed } from './LoadFailed';
import type { SettingsEnv } from './settings-env';
import type { AlertOptionLoads } from './useAlertOptions';

/** Above an alert editor: roles or channels that failed to load, or no channel of ours to pick yet. */
export function AlertOptionNotes({ env: { t }, loads: { roles, channels } }: { env: SettingsEnv; loads: AlertOptionLoads }) {
  return (
    <>
      {roles.error ? <LoadFailed message={t('Roles could not be loaded')} loaded={roles} t={t} /> : null}
      {channels.error ? <LoadFailed message={t('Channels could not be loaded')} loaded={channels} t={t} /> : null}
      {channels.data?.length === 0 && (
        <Alert
          type="info"
          showIcon
          message={t('No in-app inbox channel yet: add one in Notification manager, then pick it here.')}
        />
      )}
    </>
  );
}
