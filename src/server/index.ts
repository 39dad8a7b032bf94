export { PluginInAppMessageServer as default, PluginInAppMessageServer } from './plugin';
export type { InboxService } from './services/inbox-service';
export type { InboxMessage, InboxChange } from './services/inbox-events';
export type { MessageInput } from './services/message-input';
