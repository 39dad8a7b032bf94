import { RESOURCES } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { userAction } from './handle';

/**
 * App-wide settings (retention, one record: `get`, `set`) and the import from the official in-app plugin, for
 * admins: ACL grants them through the plugin's snippet only.
 */
export const inboxSettings = (inbox: InboxService) => ({
  name: RESOURCES.settings,
  actions: {
    get: userAction(async () => inbox.settings()),
    set: userAction(async (params) => inbox.updateSettings(params.values ?? {})),
    officialStatus: userAction(async () => inbox.officialStatus()),
    importOfficial: userAction(async (params) => inbox.importOfficial(params.values)),
  },
});
