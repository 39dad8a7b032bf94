export { PluginInAppMessageClientV2 as default, PluginInAppMessageClientV2 } from './plugin';
