import { Plugin } from '@nocobase/client-v2';
import type { PluginWorkflowClientV2 } from '@nocobase/plugin-workflow/client-v2';
import { INSTRUCTION_TYPE } from '../shared/constants';
import { InboxTopbarActionModel } from './InboxTopbarActionModel';
import { ModernPhoneInbox } from './ModernPhoneInbox';
import { ModernWorkflowAlertDock } from './ModernWorkflowAlertDock';
import { InboxInstructionV2 } from './workflow/InboxInstructionV2';

/** Modern-client half (`/v/`): a thin adapter like the classic one, registering the same inbox as a top-bar action. */
export class PluginInAppMessageClientV2 extends Plugin {
  async load() {
    this.flowEngine.registerModels({ InboxTopbarActionModel });
    this.app.use(ModernPhoneInbox);
    // a workflow's failure alert on its canvas, as in the classic client
    this.app.use(ModernWorkflowAlertDock);
    // the modern workflow canvas (plugin-workflow's client-v2), when that plugin is enabled
    this.app.pm.get<PluginWorkflowClientV2 | undefined>('workflow')?.registerInstruction(INSTRUCTION_TYPE, InboxInstructionV2);
  }
}

export default PluginInAppMessageClientV2;
