import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { InboxError } from '../server/services/errors';
import { createChannel, createInboxApp, createUsers, inboxOf, loginAs, userId } from './test-utils';

const INJECTIONS = [
  "' OR '1'='1",
  '1; DROP TABLE "inboxMessages"; --',
  '{"$gt":0}',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  '-1',
  '1e309',
];

describe('bad input: 4xx naming the field, no partial write, no 500', () => {
  let app: MockServer;
  let owner: any;
  let other: any;
  let agent: any;

  beforeAll(async () => {
    app = await createInboxApp({ acl: true });
    [owner, other] = await createUsers(app, 2);
    await createChannel(app, 'leads');
    await createChannel(app, 'mail', 'Mail', 'email');
    await inboxOf(app).send({ channelName: 'leads', receivers: [userId(other)], title: 'not yours' });
    agent = await loginAs(app, owner);
  });
  afterAll(async () => app?.destroy());

  const sendError = async (input: Record<string, unknown>) => {
    const base = { channelName: 'leads', receivers: [userId(owner)], title: 'ok' };
    try {
      await inboxOf(app).send({ ...base, ...input });
    } catch (error) {
      expect(error).toBeInstanceOf(InboxError);
      return (error as InboxError).field;
    }
    throw new Error('expected a validation error');
  };

  it.each([
    [{ title: '' }, 'title'],
    [{ title: '   ' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 42 }, 'title'],
    [{ content: 'x'.repeat(64 * 1024 + 1) }, 'content'],
    [{ content: { html: 1 } }, 'content'],
    [{ level: 'critical' }, 'level'],
    [{ url: 'javascript:alert(1)' }, 'url'],
    [{ url: 'JaVaScRiPt:alert(1)' }, 'url'],
    [{ url: 'data:text/html,<script>alert(1)</script>' }, 'url'],
    [{ url: 'vbscript:msgbox(1)' }, 'url'],
    [{ url: '//evil.example.com' }, 'url'],
    [{ url: '/\\evil.example.com' }, 'url'],
    [{ url: 'java\tscript:alert(1)' }, 'url'],
    [{ url: 'ftp://example.com/file' }, 'url'],
    [{ options: 'not an object' }, 'options'],
    [{ channelName: '' }, 'channelName'],
    [{ channelName: 'nope' }, 'channelName'],
    [{ channelName: 'mail' }, 'channelName'],
    [{ receivers: [] }, 'receivers'],
    [{ receivers: [{ what: 1 }] }, 'receivers'],
    [{ receivers: [987654321] }, 'receivers'],
    [{ receivers: [{ filter: { nosuchfield: { $eq: 1 } } }] }, 'receivers'],
  ])('send %j is refused on %s', async (input, field) => {
    expect(await sendError(input)).toBe(field);
  });

  it('accepts the documented shapes: 64 KB content, app paths, http(s) URLs, every level', async () => {
    for (const [url, level] of [['/admin/leads/1', 'info'], ['https://example.com/a?b=1', 'success'], ['http://x.test', 'warning']]) {
      await expect(inboxOf(app).send({ channelName: 'leads', receivers: [userId(owner)], title: 't', url, level })).resolves.toHaveLength(1);
    }
    const [big] = await inboxOf(app).send({ channelName: 'leads', receivers: [userId(owner)], title: 't', level: 'error', content: 'x'.repeat(64 * 1024) });
    expect(big.content).toHaveLength(64 * 1024);
  });

  it('a fan-out that fails part-way leaves zero rows and zero counters', async () => {
    const tables = [COLLECTIONS.messages, COLLECTIONS.counters, COLLECTIONS.pendingCounts].map((name) => app.db.getModel(name));
    const counts = async () => {
      await inboxOf(app).countsSettled();
      return Promise.all(tables.map((table) => table.count()));
    };
    const before = await counts();
    // the send's counting: pending in the statement (PostgreSQL) or after the insert (MariaDB), or an upsert (SQLite)
    const counters = inboxOf(app)['store'].counters;
    const counting: [any, string][] = [[counters.pending, 'insertFrom'], [counters.pending, 'register'], [counters, 'addingUpsert']];
    const fail = () => {
      throw new Error('disk full');
    };
    counting.forEach(([target, method]) => jest.spyOn(target, method).mockImplementation(fail));
    try {
      await expect(
        inboxOf(app).send({ channelName: 'leads', receivers: [userId(owner), userId(other)], title: 'lost' }),
      ).rejects.toThrow('disk full');
    } finally {
      jest.restoreAllMocks();
    }
    expect(await counts()).toEqual(before);
  });

  const params: [string, string, string][] = [
    ['myInboxMessages', 'list', 'channelName'],
    ['myInboxMessages', 'list', 'status'],
    ['myInboxMessages', 'list', 'before'],
    ['myInboxMessages', 'list', 'limit'],
    ['myInboxChannels', 'list', 'status'],
    ['myInboxChannels', 'list', 'before'],
    ['myInboxMessages', 'markRead', 'filterByTk'],
    ['myInboxMessages', 'markUnread', 'filterByTk'],
    ['myInboxMessages', 'destroy', 'filterByTk'],
    ['myInboxMessages', 'markAllRead', 'channelName'],
  ];
  describe.each(params)('%s:%s %s', (resource, action, name) => {
    it.each(INJECTIONS)('%s → 4xx or an empty answer, never a 500 or a leak', async (value) => {
      const res = await agent.resource(resource)[action]({ [name]: value });
      expect(res.status).toBeLessThan(500);
      // a value the router cannot even place in a path (a "/" in an id) is NocoBase's own 404, before our action
      if (res.body.errors) expect(res.body.errors[0].message).toMatch(new RegExp(name));
      expect(JSON.stringify(res.body)).not.toContain('not yours');
    });
  });

  it.each([
    ['status', 'unknown'],
    ['limit', '0'],
    ['limit', '101'],
    ['before', 'abc'],
  ])('list with %s=%s is a 400 naming it', async (name, value) => {
    const res = await agent.resource('myInboxMessages').list({ [name]: value });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: name });
  });

  it('a filter object full of operators cannot widen the query', async () => {
    const res = await agent.resource('myInboxMessages').list({ filter: { userId: userId(other), $or: [{ id: { $gt: 0 } }] } });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.not.arrayContaining([expect.objectContaining({ title: 'not yours' })]));
  });

  it.each([
    [{ toasts: 'yes' }, 'toasts'],
    [{ mutedChannels: 'leads' }, 'mutedChannels'],
    [{ mutedChannels: [1] }, 'mutedChannels'],
    [{ userId: 2 }, 'userId'],
  ])('preferences %j are refused naming %s', async (values, field) => {
    const res = await agent.resource('myInboxPreferences').set({ values });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
  });

  it('destroy with no id is a 400 naming filterByTk', async () => {
    const res = await agent.resource('myInboxMessages').destroy();
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('filterByTk');
  });
});
