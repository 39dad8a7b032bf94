/**
 * OpenAPI document of the plugin's resources. NocoBase's API documentation plugin loads it from
 * `<package>/dist/swagger` for every enabled plugin and lists it under the plugin's name.
 */
import { LEVELS, LIMITS, RESOURCES, STATUSES } from '../constants';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const query = (name: string, schema: Schema, description: string, required = false) => ({ name, in: 'query', required, description, schema });
const json = (schema: Schema) => ({ content: { 'application/json': { schema } } });
const ok = (data: Schema, description = 'OK') => ({ 200: { description, ...json({ type: 'object', properties: { data } }) } });
const errors = {
  400: { description: 'A bad parameter: `errors[0].field` names it', ...json(ref('InboxErrors')) },
  401: { description: 'Not signed in' },
};
const body = (properties: Record<string, Schema>) => ({ required: true, ...json({ type: 'object', properties: { values: { type: 'object', properties } } }) });

const ids = query('filterByTk', { oneOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' } }] }, 'One message id or several (at most 1000)', true);
const channelName = query('channelName', { type: 'string' }, 'Only this channel');
const status = query('status', { type: 'string', enum: [...STATUSES], default: 'all' }, 'Read state');
const page = [
  query('before', { type: 'integer' }, 'Cursor: messages older than this id (the previous page\'s `meta.nextCursor`)'),
  query('limit', { type: 'integer', minimum: 1, maximum: LIMITS.maxPageSize, default: LIMITS.pageSize }, 'Page size'),
];
const nextCursor = { type: 'object', properties: { nextCursor: { type: 'integer', nullable: true } } };

/** One operation of a resource: `tag` groups them the way NocoBase's own documents do. */
const operation = (resource: string, summary: string, spec: Schema) => ({ tags: [resource], summary, ...spec });

const get = (resource: string, summary: string, spec: Schema) => ({ get: operation(resource, summary, spec) });
const post = (resource: string, summary: string, spec: Schema) => ({ post: operation(resource, summary, spec) });

const M = RESOURCES.myMessages;
const S = RESOURCES.settings;

export default {
  openapi: '3.0.2',
  info: {
    title: 'NocoBase API - In-app inbox plugin',
    description:
      'The current user\'s inbox (`my*`, every signed-in user, scoped to that user: another user\'s id answers 404) ' +
      'and the admin settings (`inboxSettings`, `inboxWorkflowAlerts`, granted by the `pm.in-app-message` snippet).',
  },
  paths: {
    [`/${M}:list`]: get(M, 'List the current user\'s messages, newest first', {
      parameters: [channelName, status, ...page],
      responses: { 200: { description: 'OK', ...json({ type: 'object', properties: { data: { type: 'array', items: ref('InboxMessage') }, meta: nextCursor } }) }, ...errors },
    }),
    [`/${M}:count`]: get(M, 'Unread and total counts, per channel', {
      responses: { ...ok(ref('InboxCounts')), ...errors },
    }),
    [`/${M}:markRead`]: post(M, 'Mark messages read', { parameters: [ids], responses: { ...ok(ref('InboxIds')), ...errors, 404: { description: 'A message that is not the user\'s' } } }),
    [`/${M}:markUnread`]: post(M, 'Mark messages unread', { parameters: [ids], responses: { ...ok(ref('InboxIds')), ...errors, 404: { description: 'A message that is not the user\'s' } } }),
    [`/${M}:markAllRead`]: post(M, 'Mark every message (of one channel) read', {
      parameters: [channelName],
      responses: { ...ok({ type: 'object', properties: { updated: { type: 'integer' } } }), ...errors },
    }),
    [`/${M}:respond`]: post(M, 'Answer a message with one of its buttons (the first answer counts; the message is read)', {
      parameters: [query('filterByTk', { type: 'integer' }, 'Message id', true)],
      requestBody: body({ action: { type: 'string', description: 'The key of the button' } }),
      responses: { ...ok(ref('InboxMessage')), ...errors, 404: { description: 'A message that is not the user\'s' } },
    }),
    [`/${M}:destroy`]: post(M, 'Delete messages', { parameters: [ids], responses: { ...ok(ref('InboxIds')), ...errors, 404: { description: 'A message that is not the user\'s' } } }),
    [`/${M}:stream`]: get(M, 'Server-Sent Events of the current user: `message`, `update`, `count`', {
      description: 'Send `Authorization: Bearer <token>`. Reconnect with `Last-Event-ID` (or `?lastEventId=`) to replay what was missed.',
      parameters: [query('lastEventId', { type: 'integer' }, 'Replay every message after this id')],
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 401: errors[401] },
    }),
    [`/${RESOURCES.myChannels}:list`]: get(RESOURCES.myChannels, 'The current user\'s channels with counts and latest message', {
      parameters: [status, ...page],
      responses: { 200: { description: 'OK', ...json({ type: 'object', properties: { data: { type: 'array', items: ref('InboxChannel') }, meta: nextCursor } }) }, ...errors },
    }),
    [`/${RESOURCES.myPreferences}:get`]: get(RESOURCES.myPreferences, 'The current user\'s preferences', { responses: { ...ok(ref('InboxPreferences')), ...errors } }),
    [`/${RESOURCES.myPreferences}:update`]: post(RESOURCES.myPreferences, 'Change the current user\'s preferences', {
      requestBody: body({ toasts: { type: 'boolean' }, mutedChannels: { type: 'array', items: { type: 'string' } } }),
      responses: { ...ok(ref('InboxPreferences')), ...errors },
    }),
    [`/${S}:get`]: get(S, 'App-wide settings (admins)', { responses: { ...ok(ref('InboxSettings')), ...errors } }),
    [`/${S}:update`]: post(S, 'Change app-wide settings (admins)', {
      requestBody: body({ retentionDays: { type: 'integer', minimum: 0, description: 'Read messages older than this are deleted daily; 0 keeps them' } }),
      responses: { ...ok(ref('InboxSettings')), ...errors },
    }),
    [`/${S}:officialStatus`]: get(S, 'What the official in-app plugin holds, to import (admins)', {
      responses: { ...ok(ref('OfficialStatus')), ...errors },
    }),
    [`/${S}:importOfficial`]: post(S, 'Copy the official in-app plugin\'s messages in (admins)', {
      description:
        'Idempotent and resumable: rows copied before are skipped. Without `maxRows` it imports everything in one call; ' +
        'with it, call again with `after: <cursor>` until `done`.',
      requestBody: body({
        convertChannels: { type: 'boolean', default: false, description: 'Turn channels of the official type into ours' },
        maxRows: { type: 'integer', minimum: 1, description: 'Read at most this many official rows in this call' },
        after: { type: 'string', description: 'The `cursor` a previous call answered' },
      }),
      responses: { ...ok(ref('ImportResult')), ...errors, 403: { description: 'Not an admin' } },
    }),
    [`/${RESOURCES.workflowAlerts}:get`]: get(RESOURCES.workflowAlerts, 'A workflow\'s failure alert (admins)', {
      parameters: [query('filterByTk', { type: 'string' }, 'Workflow id', true)],
      responses: { ...ok(ref('WorkflowAlert')), ...errors },
    }),
    [`/${RESOURCES.workflowAlerts}:set`]: post(RESOURCES.workflowAlerts, 'Set or clear a workflow\'s failure alert (admins)', {
      parameters: [query('filterByTk', { type: 'string' }, 'Workflow id', true)],
      requestBody: body({ roleName: { type: 'string', nullable: true }, channelName: { type: 'string', nullable: true } }),
      responses: { ...ok(ref('WorkflowAlert')), ...errors },
    }),
  },
  components: {
    schemas: {
      InboxMessage: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          userId: { type: 'integer' },
          channelName: { type: 'string' },
          title: { type: 'string', maxLength: LIMITS.titleChars },
          content: { type: 'string', description: 'Markdown' },
          level: { type: 'string', enum: [...LEVELS] },
          url: { type: 'string', nullable: true, description: 'An app path or an http(s) URL' },
          readAt: { type: 'string', format: 'date-time', nullable: true },
          createdAt: { type: 'string', format: 'date-time' },
          options: { type: 'object', additionalProperties: true, description: '`toastDuration`, `mobileUrl`…' },
        },
      },
      InboxCounts: {
        type: 'object',
        properties: {
          unread: { type: 'integer' },
          total: { type: 'integer' },
          channels: { type: 'object', additionalProperties: { type: 'object', properties: { unread: { type: 'integer' }, total: { type: 'integer' }, muted: { type: 'boolean' } } } },
        },
      },
      InboxChannel: {
        type: 'object',
        properties: { name: { type: 'string' }, title: { type: 'string' }, unreadCount: { type: 'integer' }, totalCount: { type: 'integer' }, latestMessage: ref('InboxMessage') },
      },
      InboxIds: { type: 'object', properties: { ids: { type: 'array', items: { type: 'integer' } } } },
      InboxPreferences: { type: 'object', properties: { toasts: { type: 'boolean' }, mutedChannels: { type: 'array', items: { type: 'string' } } } },
      InboxSettings: { type: 'object', properties: { retentionDays: { type: 'integer' } } },
      OfficialStatus: {
        type: 'object',
        properties: {
          available: { type: 'boolean', description: 'The official plugin is enabled' },
          messages: { type: 'integer', description: 'Rows in notificationInAppMessages' },
          channels: { type: 'array', items: { type: 'string' }, description: 'Channels of the official type' },
          imported: { type: 'integer', description: 'Rows copied so far' },
        },
      },
      ImportResult: {
        type: 'object',
        properties: {
          imported: { type: 'integer' },
          skipped: { type: 'integer', description: 'Copied before, or their user or channel is gone' },
          channelsConverted: { type: 'array', items: { type: 'string' } },
          done: { type: 'boolean' },
          cursor: { type: 'string', nullable: true },
        },
      },
      WorkflowAlert: { type: 'object', properties: { roleName: { type: 'string', nullable: true }, channelName: { type: 'string', nullable: true } } },
      InboxErrors: {
        type: 'object',
        properties: { errors: { type: 'array', items: { type: 'object', properties: { message: { type: 'string' }, field: { type: 'string' } } } } },
      },
    },
  },
};
