import type { SettingsRequests } from '../../settings-api';
import type { Compile, Translate } from '../../types';

/** What the settings page's parts share: the admin's requests, NocoBase's `t` and `compile`, and the page's toasts. */
export interface SettingsEnv {
  requests: SettingsRequests;
  t: Translate;
  /** for the titles NocoBase keeps as templates (roles) */
  compile: Compile;
  notify: { success(text: string): void; error(text: string): void };
}
