export { PluginInAppMessageServer as default, PluginInAppMessageServer } from './plugin';
export type { InboxService } from './services/inbox-service';
export type { InboxChange, InboxMessage } from '../shared/contract';
export type { MessageInput } from './services/validation/message-input';
export type { MessageIds } from './services/validation/message-refs';
export type { PageOf, PageQuery, ViewQuery } from './services/validation/view-query';
