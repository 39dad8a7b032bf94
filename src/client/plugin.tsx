import { Plugin } from '@nocobase/client';
import PluginNotificationManagerClient from '@nocobase/plugin-notification-manager/client';
import PluginWorkflowClient from '@nocobase/plugin-workflow/client';
import { ACL_SNIPPET, INSTRUCTION_TYPE, PLUGIN_NAME } from '../shared/constants';
import { channelTypeOptions } from './channel/channel-type';
import { InboxProvider } from './components/InboxProvider';
import { NocoBaseSettingsPage } from './components/settings/NocoBaseSettingsPage';
import { NocoBaseWorkflowAlertDock } from './components/settings/NocoBaseWorkflowAlertDock';
import { tExpr } from './i18n';
import { MobilePlugin, registerMobilePages } from './mobile/nocobase-mobile';
import { InboxInstruction } from './workflow/InboxInstruction';

/** Client half: a thin adapter that registers our components with NocoBase (they read its API client and i18n). */
export class PluginInAppMessageClient extends Plugin {
  async load() {
    this.app.use(InboxProvider);
    // a workflow's failure alert, set on its own canvas too (plugin-workflow has no slot for it there)
    this.app.use(NocoBaseWorkflowAlertDock);
    this.pm.get(PluginNotificationManagerClient).registerChannelType(channelTypeOptions());
    this.pm.get(PluginWorkflowClient).registerInstruction(INSTRUCTION_TYPE, InboxInstruction);
    registerMobilePages(this.app, this.pm.get<MobilePlugin | undefined>('mobile'));
    this.app.pluginSettingsManager.add(PLUGIN_NAME, {
      title: tExpr('In-app inbox'),
      icon: 'InboxOutlined',
      Component: NocoBaseSettingsPage,
      aclSnippet: ACL_SNIPPET,
    });
  }
}

export default PluginInAppMessageClient;
