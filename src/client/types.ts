/** The shapes the inbox API and stream answer with: the server's own types, imported for their types only. */
export type { InboxChange, InboxMessage } from '../server/services/inbox-events';
export type { ChannelSummary, Counts } from '../server/services/inbox-queries';
export type { Preferences } from '../server/services/preferences';

/** NocoBase's `t`: a key (the English text) and i18next options. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
