import { message as antdMessage } from 'antd';
import { ReactElement, useMemo } from 'react';
import type { ApiClient } from '../../api';
import { settingsRequests } from '../../settings-api';
import type { Compile, Translate } from '../../types';
import type { SettingsEnv } from './settings-env';

/** The settings parts' env over an API client, with antd's toasts: render `holder` next to them. */
export function useSettingsEnv(api: ApiClient, t: Translate, compile: Compile): { env: SettingsEnv; holder: ReactElement } {
  const [messageApi, holder] = antdMessage.useMessage();
  const env = useMemo<SettingsEnv>(
    () => ({
      requests: settingsRequests(api),
      t,
      compile,
      notify: { success: (text) => void messageApi.success(text), error: (text) => void messageApi.error(text) },
    }),
    [api, t, compile, messageApi],
  );
  return { env, holder };
}
