export { PluginInAppMessageClient as default, PluginInAppMessageClient } from './plugin';
