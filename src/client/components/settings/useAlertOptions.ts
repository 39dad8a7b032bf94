import { useRequest } from 'ahooks';
import { useMemo } from 'react';
import { itemLabel } from '../../item-label';
import type { NamedItem } from '../../settings-api';
import type { Compile } from '../../types';
import type { SelectOption } from './AlertEditor';
import type { SettingsEnv } from './settings-env';

const toOptions = (items: NamedItem[] | undefined, compile: Compile): SelectOption[] =>
  (items ?? []).map((item) => ({ value: item.name, label: itemLabel(item, compile) }));

/** What an alert can name: roles, our channels, and channels of other types for the second channel. */
export function useAlertOptions({ requests, compile }: SettingsEnv) {
  const roles = useRequest(requests.roles);
  const channels = useRequest(requests.channels);
  const otherChannels = useRequest(requests.otherChannels);
  const options = useMemo(
    () => ({
      roles: toOptions(roles.data, compile),
      channels: toOptions(channels.data, compile),
      alsoChannels: toOptions(otherChannels.data, compile),
    }),
    [roles.data, channels.data, otherChannels.data, compile],
  );
  return { options, loads: { roles, channels } };
}

export type AlertOptionLoads = ReturnType<typeof useAlertOptions>['loads'];
