import { Plugin } from '@nocobase/client-v2';
import { InboxTopbarActionModel } from './InboxTopbarActionModel';
import { ModernPhoneInbox } from './ModernPhoneInbox';

/** Modern-client half (`/v/`): a thin adapter like the classic one, registering the same inbox as a top-bar action. */
export class PluginInAppMessageClientV2 extends Plugin {
  async load() {
    this.flowEngine.registerModels({ InboxTopbarActionModel });
    this.app.use(ModernPhoneInbox);
  }
}

export default PluginInAppMessageClientV2;
