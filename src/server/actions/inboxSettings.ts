import { RESOURCES } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { checkImportRequest } from '../services/import/official-import';
import { checkSettingsPatch } from '../services/preferences/settings';
import { userAction } from './handle';

/**
 * App-wide settings (retention) and the import from the official in-app plugin, for admins: ACL grants them
 * through the plugin's snippet only.
 */
export const inboxSettings = (inbox: InboxService) => ({
  name: RESOURCES.settings,
  actions: {
    get: userAction(async () => inbox.settings.get()),
    update: userAction(async (params) => inbox.settings.update(checkSettingsPatch(params.values ?? {}))),
    officialStatus: userAction(async () => inbox.officialImport.status()),
    importOfficial: userAction(async (params) => inbox.officialImport.run(checkImportRequest(params.values))),
  },
});
