/** Names shared by the server and the client: one place, imported by both. */
export const PACKAGE_NAME = '@inbox/plugin-in-app-message';
export const PLUGIN_NAME = 'in-app-message';
export const NAMESPACE = PACKAGE_NAME;

export const CHANNEL_TYPE = 'in-app-inbox';
export const INSTRUCTION_TYPE = 'in-app-message';

export const COLLECTIONS = {
  messages: 'inboxMessages',
  counters: 'inboxCounters',
  pendingCounts: 'inboxPendingCounts',
  preferences: 'inboxPreferences',
  settings: 'inboxSettings',
  executionAlerts: 'inboxExecutionAlerts',
  importedMessages: 'inboxImportedMessages',
} as const;

export const RESOURCES = {
  myMessages: 'myInboxMessages',
  myChannels: 'myInboxChannels',
  myPreferences: 'myInboxPreferences',
  settings: 'inboxSettings',
  workflowAlerts: 'inboxWorkflowAlerts',
  workflowTests: 'inboxWorkflowTests',
} as const;

export const ACL_SNIPPET = `pm.${PLUGIN_NAME}`;

export const LEVELS = ['info', 'success', 'warning', 'error'] as const;
export type Level = (typeof LEVELS)[number];
export const DEFAULT_LEVEL: Level = 'info';

export const STATUSES = ['all', 'unread', 'read'] as const;
export type Status = (typeof STATUSES)[number];

/** What a list may show: the read states above, or messages put aside (archived, snoozed), which no count includes. */
export const VIEW_STATUSES = [...STATUSES, 'archived', 'snoozed'] as const;
export type ViewStatus = (typeof VIEW_STATUSES)[number];

/** List orders: newest first, or unread first and then newest. */
export const SORTS = ['newest', 'unread'] as const;
export type Sort = (typeof SORTS)[number];

/** Server-Sent Event names on `myInboxMessages:stream`. */
export const STREAM_EVENTS = {
  message: 'message',
  update: 'update',
  count: 'count',
  /**
   * First on a stream opened without `Last-Event-ID`: `{ after }`, the user's newest message id then, also as the
   * event id, so a client that drops the stream before any message came resumes from it and misses nothing.
   */
  start: 'start',
  /** The last event of a stream the server ends: `{ code, message }`; the client reconnects unless signed out. */
  error: 'error',
} as const;

/** pub/sub channel on which real-time events cross app nodes. */
export const PUBSUB_CHANNEL = `${PLUGIN_NAME}:events`;

/** Key in a workflow's `options` json holding its failure alert: `{ roleName, channelName }`. */
export const WORKFLOW_ALERT_OPTION = 'inboxFailureAlert';

/** The official `@nocobase/plugin-notification-in-app-message`: its message table and channel type. */
export const OFFICIAL = {
  messages: 'notificationInAppMessages',
  channelType: 'in-app-message',
} as const;

/** App path of a workflow execution's page, as plugin-workflow's client routes it. */
export const WORKFLOW_EXECUTION_PATH = '/admin/settings/workflow/executions/';

/**
 * NocoBase mobile (`@nocobase/plugin-mobile`, `/m`): the Messages tab's route (a `mobileRoutes` record the mobile
 * editor or the demo creates), its pages' paths inside the mobile app, and the tab-bar component it names.
 */
export const MOBILE_TAB = {
  schemaUid: 'in-app-inbox',
  url: '/page/in-app-inbox',
  messagesUrl: '/page/in-app-inbox/messages',
  component: 'InAppInboxMobileTab',
  icon: 'mailoutlined',
} as const;

/** The `mobileRoutes` record of the Messages tab (what the mobile editor's menu item and the demo create). */
export const mobileTabRoute = (title: string) => ({
  type: 'page',
  title,
  icon: MOBILE_TAB.icon,
  schemaUid: MOBILE_TAB.schemaUid,
  options: { url: MOBILE_TAB.url, schema: { 'x-component': MOBILE_TAB.component } },
});
