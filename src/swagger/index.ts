/**
 * OpenAPI document of the plugin's resources. NocoBase's API documentation plugin loads it from
 * `<package>/dist/swagger` for every enabled plugin and lists it under the plugin's name.
 */
import { LEVELS, RESOURCES, SORTS, VIEW_STATUSES } from '../shared/constants';
import { LIMITS } from '../shared/contract';

type Schema = Record<string, unknown>;

const M = RESOURCES.myMessages;
const S = RESOURCES.settings;

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
const status = query('status', { type: 'string', enum: [...VIEW_STATUSES], default: 'all' }, 'Read state, or the archived / snoozed messages (in no count)');
const view = [
  status,
  query('q', { type: 'string', maxLength: LIMITS.queryChars }, 'Text in the title or the content (case-insensitive, no wildcards)'),
  query('level', { type: 'string' }, `One level or a comma list of ${LEVELS.join(', ')}`),
  query('sort', { type: 'string', enum: [...SORTS], default: 'newest' }, 'Newest first, or unread first and then newest'),
];
const page = [
  query('before', { oneOf: [{ type: 'integer' }, { type: 'string' }] }, 'Cursor: the previous page\'s `meta.nextCursor` (`unread:<id>` / `read:<id>` with `sort=unread`)'),
  query('limit', { type: 'integer', minimum: 1, maximum: LIMITS.maxPageSize, default: LIMITS.pageSize }, 'Page size'),
];
const nextCursor = { type: 'object', properties: { nextCursor: { oneOf: [{ type: 'integer' }, { type: 'string' }], nullable: true } } };
const notOwn = { 404: { description: 'A message that is not the user\'s' } };
/**
 * A bulk action: the ids, or `values.filter` for every message of a view (then `{ updated }`); `statuses` are the
 * views it may name (an unarchive acts on the archive only).
 */
const bulk = (summary: string, statuses: readonly string[] = VIEW_STATUSES, filterNote = 'Instead of ids: every message of this view, in one statement') =>
  post(M, summary, {
    parameters: [{ ...ids, required: false }],
    requestBody: {
      ...body({
        filter: {
          type: 'object',
          description: filterNote,
          properties: { channelName: { type: 'string' }, status: { type: 'string', enum: [...statuses] }, level: { type: 'string' }, q: { type: 'string' } },
        },
      }),
      required: false,
    },
    responses: { ...ok({ oneOf: [ref('InboxIds'), { type: 'object', properties: { updated: { type: 'integer' } } }] }), ...errors, ...notOwn },
  });
const byIds = (summary: string, extra: Schema = {}) => post(M, summary, { parameters: [ids], ...extra, responses: { ...ok(ref('InboxIds')), ...errors, ...notOwn } });

/** One operation of a resource: `tag` groups them the way NocoBase's own documents do. */
const operation = (resource: string, summary: string, spec: Schema) => ({ tags: [resource], summary, ...spec });

const get = (resource: string, summary: string, spec: Schema) => ({ get: operation(resource, summary, spec) });
const post = (resource: string, summary: string, spec: Schema) => ({ post: operation(resource, summary, spec) });


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
      parameters: [channelName, ...view, ...page],
      responses: { 200: { description: 'OK', ...json({ type: 'object', properties: { data: { type: 'array', items: ref('InboxMessage') }, meta: nextCursor } }) }, ...errors },
    }),
    [`/${M}:count`]: get(M, 'Unread and total counts, per channel', {
      responses: { ...ok(ref('InboxCounts')), ...errors },
    }),
    [`/${M}:markRead`]: bulk('Mark messages read'),
    [`/${M}:markUnread`]: bulk('Mark messages unread'),
    [`/${M}:archive`]: bulk('Archive messages: out of the lists and counts, read state kept'),
    [`/${M}:unarchive`]: bulk(
      'Bring archived messages back (read state kept)',
      ['archived'],
      'Instead of ids: every archived message of this view, in one statement (`status` archived or left out)',
    ),
    [`/${M}:snooze`]: byIds('Hide messages until a time; then they come back unread and are announced as new', {
      requestBody: body({ until: { type: 'string', format: 'date-time', description: 'In the future, at most a year ahead' } }),
    }),
    [`/${M}:unsnooze`]: byIds('End a snooze now (read state kept)'),
    [`/${M}:markAllRead`]: post(M, 'Mark every message (of one channel) read', {
      parameters: [channelName],
      responses: { ...ok({ type: 'object', properties: { updated: { type: 'integer' } } }), ...errors },
    }),
    [`/${M}:respond`]: post(M, 'Answer a message with one of its buttons (the first answer counts; the message is read)', {
      parameters: [query('filterByTk', { type: 'integer' }, 'Message id', true)],
      requestBody: body({ action: { type: 'string', description: 'The key of the button' } }),
      responses: {
        ...ok(ref('InboxMessage')),
        ...errors,
        404: { description: 'A message that is not the user\'s' },
        409: { description: 'The message was already answered with another button' },
      },
    }),
    [`/${M}:destroy`]: bulk('Delete messages'),
    [`/${M}:stream`]: get(M, 'Server-Sent Events of the current user: `message`, `update`, `count`', {
      description: 'Send `Authorization: Bearer <token>`. Reconnect with `Last-Event-ID` (or `?lastEventId=`) to replay what was missed.',
      parameters: [query('lastEventId', { type: 'integer' }, 'Replay every message after this id')],
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 401: errors[401] },
    }),
    [`/${RESOURCES.myChannels}:list`]: get(RESOURCES.myChannels, 'The current user\'s channels with counts and latest message', {
      parameters: [...view, ...page],
      responses: { 200: { description: 'OK', ...json({ type: 'object', properties: { data: { type: 'array', items: ref('InboxChannel') }, meta: nextCursor } }) }, ...errors },
    }),
    [`/${RESOURCES.myPreferences}:get`]: get(RESOURCES.myPreferences, 'The current user\'s preferences', { responses: { ...ok(ref('InboxPreferences')), ...errors } }),
    [`/${RESOURCES.myPreferences}:set`]: post(RESOURCES.myPreferences, 'Change the current user\'s preferences', {
      requestBody: body({
        toasts: { type: 'boolean' },
        mutedChannels: { type: 'array', items: { type: 'string' } },
        desktopAlerts: { type: 'boolean' },
        sound: { type: 'boolean' },
        quietHours: { type: 'object', nullable: true, properties: { from: { type: 'string', example: '22:00' }, to: { type: 'string', example: '07:00' } } },
      }),
      responses: { ...ok(ref('InboxPreferences')), ...errors },
    }),
    [`/${S}:get`]: get(S, 'App-wide settings (admins)', { responses: { ...ok(ref('InboxSettings')), ...errors } }),
    [`/${S}:set`]: post(S, 'Change app-wide settings (admins)', {
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
      parameters: [query('filterByTk', { type: 'string' }, 'Workflow id, or "default": the alert of every workflow without one', true)],
      responses: { ...ok(ref('WorkflowAlert')), ...errors },
    }),
    [`/${RESOURCES.workflowAlerts}:set`]: post(RESOURCES.workflowAlerts, 'Set or clear a workflow\'s failure alert (admins)', {
      parameters: [query('filterByTk', { type: 'string' }, 'Workflow id, or "default": the alert of every workflow without one', true)],
      requestBody: body({
        roleName: { type: 'string', nullable: true },
        channelName: { type: 'string', nullable: true },
        alsoChannelName: { type: 'string', nullable: true },
      }),
      responses: { ...ok(ref('WorkflowAlert')), ...errors },
    }),
    [`/${RESOURCES.workflowTests}:send`]: post(RESOURCES.workflowTests, '"Test run" of the in-app message node: the message to the caller alone (admins)', {
      description: 'Variables in the config get sample values ("{{$context.data.name}}" → "[name]"); receivers and waiting are ignored.',
      requestBody: body({ config: { type: 'object', additionalProperties: true, description: 'The node\'s config' } }),
      responses: { ...ok(ref('InboxMessage')), ...errors },
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
          archivedAt: { type: 'string', format: 'date-time', description: 'Only on archived messages' },
          snoozedUntil: { type: 'string', format: 'date-time', description: 'Only on snoozed messages' },
          createdAt: { type: 'string', format: 'date-time' },
          options: { type: 'object', additionalProperties: true, description: '`toastDuration`, `mobileUrl`…' },
          actions: {
            type: 'array',
            maxItems: 3,
            items: {
              type: 'object',
              properties: {
                key: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,50}$' },
                title: { type: 'string', maxLength: 50 },
                style: { type: 'string', enum: ['primary', 'default', 'danger'] },
                url: { type: 'string', description: 'An app path or an http(s) URL, followed on click' },
              },
            },
          },
          response: {
            type: 'object',
            nullable: true,
            description: 'The first answer: the button key and when',
            properties: { action: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
          },
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
      InboxPreferences: {
        type: 'object',
        properties: {
          toasts: { type: 'boolean' },
          mutedChannels: { type: 'array', items: { type: 'string' } },
          desktopAlerts: { type: 'boolean' },
          sound: { type: 'boolean' },
          quietHours: { type: 'object', nullable: true, properties: { from: { type: 'string' }, to: { type: 'string' } } },
          importantChannels: {
            type: 'array',
            items: { type: 'string' },
            readOnly: true,
            description: 'Channels an admin made important: no one can mute them (answered, never set)',
          },
        },
      },
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
      WorkflowAlert: {
        type: 'object',
        properties: {
          roleName: { type: 'string', nullable: true },
          channelName: { type: 'string', nullable: true },
          alsoChannelName: { type: 'string', nullable: true, description: 'Also through this Notification Manager channel (e.g. email)' },
        },
      },
      InboxErrors: {
        type: 'object',
        properties: { errors: { type: 'array', items: { type: 'object', properties: { message: { type: 'string' }, field: { type: 'string' } } } } },
      },
    },
  },
};
