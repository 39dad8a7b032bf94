import type { SettingsRequests } from '../../settings-api';
import type { Translate } from '../../types';

/** What the settings page's parts share: the admin's requests, NocoBase's `t` and the page's toasts. */
export interface SettingsEnv {
  requests: SettingsRequests;
  t: Translate;
  notify: { success(text: string): void; error(text: string): void };
}
