import { MockServer } from '@nocobase/test';
import { COLLECTIONS, PLUGIN_NAME } from '../shared/constants';
import { InboxService } from '../server/services/inbox-service';
import { SnoozeJob } from '../server/services/jobs/snooze-job';
import { createChannel, createInboxApp, createUsers, emptyMessages, inboxOf, loginAs, userId, waitUntil } from './test-utils';
import type { InboxChange } from '../shared/contract';

const HOUR = 60 * 60 * 1000;
const inAnHour = () => new Date(Date.now() + HOUR).toISOString();

describe('triage: search, level filter, archive, snooze, bulk actions', () => {
  let app: MockServer;
  let owner: any;
  let other: any;
  let agent: any;
  let otherAgent: any;
  const changes: InboxChange[] = [];

  const send = async (title: string, extra: Record<string, unknown> = {}, to = owner) => {
    const [message] = await inboxOf(app).send({ channelName: 'ops', receivers: [userId(to)], title, ...extra });
    return message.id;
  };
  const messages = (params: Record<string, unknown> = {}, as = agent) => as.resource('myInboxMessages').list(params);
  const listed = async (params: Record<string, unknown> = {}, as = agent) =>
    ((await messages({ limit: 100, ...params }, as)).body.data as any[]).map((m) => m.id);
  const counts = async (as = agent) => (await as.resource('myInboxMessages').count()).body.data;
  const action = (name: string, params: Record<string, unknown>, as = agent) => as.resource('myInboxMessages')[name](params);
  /** Counters equal what the messages say: visible ones only. */
  const expectCountersRight = async (user = owner) => {
    const rows = (await app.db.getModel(COLLECTIONS.messages).findAll({
      where: { userId: userId(user), archivedAt: null, snoozedUntil: null },
      raw: true,
    })) as any[];
    const data = await counts(user === owner ? agent : otherAgent);
    expect(data.total).toBe(rows.length);
    expect(data.unread).toBe(rows.filter((r) => !r.readAt).length);
  };
  const clear = () => emptyMessages(app);

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, plugins: ['error-handler', 'data-source-main'], inbox: { snoozeCheckMs: 200 } });
    [owner, other] = await createUsers(app, 2);
    await createChannel(app, 'ops', 'Operations');
    await createChannel(app, 'sales', 'Sales');
    agent = await loginAs(app, owner);
    otherAgent = await loginAs(app, other);
    inboxOf(app).events.on('changed', (change) => changes.push(change));
  });
  afterAll(async () => app?.destroy());
  beforeEach(clear);

  describe('q and level', () => {
    it('finds text in the title or the content, case-insensitively, with % and _ taken literally', async () => {
      const a = await send('Invoice 42 overdue');
      const b = await send('Weekly report', { content: 'the INVOICE is attached' });
      const c = await send('100% done_now');
      await send('Unrelated');
      expect(await listed({ q: 'invoice' })).toEqual([b, a]);
      expect(await listed({ q: '%' })).toEqual([c]);
      expect(await listed({ q: '_' })).toEqual([c]);
      expect(await listed({ q: 'e_n' })).toEqual([c]);
      expect(await listed({ q: "'; drop table x; --" })).toEqual([]);
    });

    it('filters one level or a comma list, and refuses an unknown level naming the field', async () => {
      const info = await send('i');
      const warning = await send('w', { level: 'warning' });
      const error = await send('e', { level: 'error' });
      expect(await listed({ level: 'warning' })).toEqual([warning]);
      expect(await listed({ level: 'error,warning' })).toEqual([error, warning]);
      expect(await listed({ filter: { level: 'info' } })).toEqual([info]);
      for (const level of ['loud', 'info,loud']) {
        const res = await messages({ level });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('level');
      }
    });

    it.each([
      ['an unknown status', { status: 'gone' }, 'status'],
      ['an unknown sort', { sort: 'oldest' }, 'sort'],
      ['a search of 201 characters', { q: 'x'.repeat(201) }, 'q'],
      ['a malformed cursor', { sort: 'unread', before: 'unread:x' }, 'before'],
    ])('refuses %s with a 400 naming the field', async (_what, params, field) => {
      const res = await messages(params);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    });

    it('never lists another user’s messages, whatever the filter', async () => {
      await send('secret invoice', {}, other);
      expect(await listed({ q: 'invoice' })).toEqual([]);
      expect(await listed({ status: 'archived' })).toEqual([]);
    });
  });

  describe('sort=unread', () => {
    it('lists unread first then newest, across pages by cursor', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push(await send(`m${i}`));
      await inboxOf(app).setRead(userId(owner), [ids[4], ids[2]], true);
      const expected = [ids[3], ids[1], ids[0], ids[4], ids[2]];
      const seen: number[] = [];
      let before: unknown;
      for (let page = 0; page < 5; page++) {
        const res = await messages({ sort: 'unread', limit: 2, ...(before ? { before } : {}) });
        seen.push(...res.body.data.map((m: any) => m.id));
        before = res.body.meta.nextCursor;
        if (!before) break;
      }
      expect(seen).toEqual(expected);
    });

    it('orders channels with unread messages first', async () => {
      await send('old unread', { channelName: 'sales' });
      const read = await send('newer, read');
      await inboxOf(app).setRead(userId(owner), [read], true);
      const res = await agent.resource('myInboxChannels').list({ sort: 'unread' });
      expect(res.body.data.map((c: any) => c.name)).toEqual(['sales', 'ops']);
      const newest = await agent.resource('myInboxChannels').list({});
      expect(newest.body.data.map((c: any) => c.name)).toEqual(['ops', 'sales']);
    });
  });

  describe('archive', () => {
    it('takes messages out of the lists and every count, keeps their read state, lists them with status=archived', async () => {
      const read = await send('read one');
      const unread = await send('unread one', { channelName: 'sales' });
      const kept = await send('kept');
      await inboxOf(app).setRead(userId(owner), [read], true);
      changes.length = 0;
      const res = await action('archive', { filterByTk: [read, unread] });
      expect(res.status).toBe(200);
      expect(res.body.data.ids.sort()).toEqual([read, unread].sort());
      expect(changes).toEqual([expect.objectContaining({ change: 'archived', userId: userId(owner) })]);
      expect(await listed()).toEqual([kept]);
      const archived = (await messages({ status: 'archived' })).body.data;
      expect(archived.map((m: any) => m.id)).toEqual([unread, read]);
      expect(archived.find((m: any) => m.id === read).readAt).not.toBeNull();
      expect(archived[0].archivedAt).toEqual(expect.any(String));
      expect(await counts()).toMatchObject({ unread: 1, total: 1 });
      expect((await counts()).channels.sales).toBeUndefined();
      const channels = await agent.resource('myInboxChannels').list({});
      expect(channels.body.data.map((c: any) => c.name)).toEqual(['ops']);
      const archivedChannels = await agent.resource('myInboxChannels').list({ status: 'archived' });
      expect(archivedChannels.body.data.map((c: any) => [c.name, c.totalCount, c.unreadCount])).toEqual([
        ['sales', 1, 1],
        ['ops', 1, 0],
      ]);
      await expectCountersRight();

      await action('unarchive', { filterByTk: unread });
      expect(await listed()).toEqual([kept, unread]);
      expect(await counts()).toMatchObject({ unread: 2, total: 2 });
      await expectCountersRight();
    });

    it("answers 404 for another user's id and changes nothing", async () => {
      const mine = await send('mine');
      const theirs = await send('theirs', {}, other);
      const res = await action('archive', { filterByTk: [mine, theirs] });
      expect(res.status).toBe(404);
      expect(res.body.errors[0].field).toBe('filterByTk');
      expect(await listed()).toEqual([mine]);
      expect(await listed({}, otherAgent)).toEqual([theirs]);
    });
  });

  describe('snooze', () => {
    it.each([
      [{ until: new Date(Date.now() - 1000).toISOString() }],
      [{ until: new Date(Date.now() + 400 * 24 * HOUR).toISOString() }],
      [{ until: 'tomorrow' }],
      [{}],
    ])('refuses %j with a 400 naming until', async (values) => {
      const id = await send('x');
      const res = await action('snooze', { filterByTk: id, values });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('until');
      expect(await listed()).toEqual([id]);
    });

    it('hides until unsnoozed, out of the counts, listed with status=snoozed', async () => {
      const id = await send('later');
      const other1 = await send('now');
      const res = await action('snooze', { filterByTk: id, values: { until: inAnHour() } });
      expect(res.status).toBe(200);
      expect(await listed()).toEqual([other1]);
      const snoozed = (await messages({ status: 'snoozed' })).body.data;
      expect(snoozed.map((m: any) => m.id)).toEqual([id]);
      expect(snoozed[0].snoozedUntil).toEqual(expect.any(String));
      expect(await counts()).toMatchObject({ unread: 1, total: 1 });
      await action('unsnooze', { filterByTk: id });
      expect(await listed()).toEqual([other1, id]);
      await expectCountersRight();
    });

    it('brings a due message back unread within 5 s and announces it as new, once', async () => {
      const id = await send('wake me');
      await inboxOf(app).setRead(userId(owner), [id], true);
      const created: number[] = [];
      const off = inboxOf(app).events.on('created', (m) => created.push(...m.map((x) => x.id)));
      const rounds = jest.spyOn(inboxOf(app), 'wakeDue');
      try {
        const res = await action('snooze', { filterByTk: id, values: { until: new Date(Date.now() + 1200).toISOString() } });
        expect(res.status).toBe(200);
        expect(await counts()).toMatchObject({ unread: 0, total: 0 });
        await waitUntil(() => created.length > 0, 'the message to wake', { timeoutMs: 5000 });
        expect(created).toEqual([id]);
        const [back] = (await messages()).body.data;
        expect(back).toMatchObject({ id, readAt: null });
        expect(back.snoozedUntil).toBeUndefined();
        expect(await counts()).toMatchObject({ unread: 1, total: 1 });
        // a round starts only once the one before it ended: two more starts, a whole round ran after the wake
        const seen = rounds.mock.calls.length;
        await waitUntil(() => rounds.mock.calls.length >= seen + 2, 'a whole snooze round after the wake');
        expect(created).toEqual([id]);
      } finally {
        rounds.mockRestore();
        off();
      }
    });

    it('wakes, on the first round after a start, what fell due while no node ran', async () => {
      const id = await send('overnight');
      const until = new Date(Date.now() + HOUR);
      await inboxOf(app).snooze(userId(owner), [id], until);
      const afterRestart = new SnoozeJob(inboxOf(app), app.pm.get(PLUGIN_NAME)!.log);
      expect(await afterRestart.run(new Date(until.getTime() - 1000))).toBe(0);
      expect(await afterRestart.run(new Date(until.getTime() + 8 * HOUR))).toBe(1);
      expect(await listed()).toEqual([id]);
    });

    it('wakes each due message exactly once when several nodes race for it', async () => {
      const ids = [await send('a'), await send('b', { channelName: 'sales' }), await send('c', {}, other)];
      const until = new Date(Date.now() + HOUR);
      await inboxOf(app).snooze(userId(owner), ids.slice(0, 2), until);
      await inboxOf(app).snooze(userId(other), ids.slice(2), until);
      // a second service on the same database stands for a second app node
      const nodes = [inboxOf(app), new InboxService(app.db), new InboxService(app.db)];
      const announced: number[] = [];
      const offs = nodes.map((node) => node.events.on('created', (m) => announced.push(...m.map((x) => x.id))));
      try {
        const later = new Date(until.getTime() + 1000);
        const woken = await Promise.all(nodes.map((node) => node.wakeDue(later)));
        expect(woken.reduce((a, b) => a + b, 0)).toBe(3);
        expect(announced.sort()).toEqual([...ids].sort());
      } finally {
        offs.forEach((off) => off());
      }
      await expectCountersRight(owner);
      await expectCountersRight(other);
    });
  });

  describe('bulk actions on values.filter', () => {
    it('reads, unreads, archives and deletes every message of a view, and only the current user’s', async () => {
      const hits = [await send('deploy ok'), await send('deploy failed', { level: 'error' })];
      const sales = await send('deploy in sales', { channelName: 'sales' });
      const miss = await send('lunch');
      const theirs = await send('deploy theirs', {}, other);
      const filter = { channelName: 'ops', q: 'deploy' };
      changes.length = 0;
      const read = await action('markRead', { values: { filter } });
      expect(read.body.data).toEqual({ updated: 2 });
      expect(changes).toEqual([expect.objectContaining({ change: 'read', ids: [], filter: expect.objectContaining({ q: 'deploy' }) })]);
      expect(await listed({ status: 'unread' })).toEqual([miss, sales]);
      expect((await action('markUnread', { values: { filter: { ...filter, level: 'error' } } })).body.data).toEqual({ updated: 1 });
      expect(await listed({ status: 'unread' })).toEqual([miss, sales, hits[1]]);
      await expectCountersRight();

      expect((await action('archive', { values: { filter: { q: 'deploy' } } })).body.data).toEqual({ updated: 3 });
      expect(await listed()).toEqual([miss]);
      await expectCountersRight();
      const destroyed = await action('destroy', { values: { filter: { status: 'archived', channelName: 'sales' } } });
      expect(destroyed.body.data).toEqual({ updated: 1 });
      expect(await listed({ status: 'archived' })).toEqual([hits[1], hits[0]]);
      expect(await listed({}, otherAgent)).toEqual([theirs]);
      expect(await app.db.getModel(COLLECTIONS.messages).count({ where: { id: sales } })).toBe(0);
      await expectCountersRight();
    });

    it('unarchives every archived message of a view, only the current user’s, read state kept', async () => {
      const deploys = [await send('deploy ok'), await send('deploy failed', { level: 'error' })];
      const sales = await send('deploy in sales', { channelName: 'sales' });
      const lunch = await send('lunch');
      const shown = await send('deploy still shown');
      const theirs = await send('deploy theirs', {}, other);
      await action('markRead', { filterByTk: deploys[0] });
      await action('archive', { filterByTk: [...deploys, sales, lunch] });
      await action('archive', { filterByTk: theirs }, otherAgent);
      changes.length = 0;

      const res = await action('unarchive', { values: { filter: { status: 'archived', channelName: 'ops', q: 'DEPLOY' } } });
      expect(res.body.data).toEqual({ updated: 2 });
      expect(changes).toEqual([
        expect.objectContaining({ change: 'unarchived', ids: [], filter: expect.objectContaining({ status: 'archived', channelName: 'ops', q: 'DEPLOY' }) }),
      ]);
      expect(await listed()).toEqual([shown, deploys[1], deploys[0]]);
      expect(await listed({ status: 'unread' })).toEqual([shown, deploys[1]]);
      expect(await listed({ status: 'archived' })).toEqual([lunch, sales]);
      expect(await listed({ status: 'archived' }, otherAgent)).toEqual([theirs]);
      await expectCountersRight();
      await expectCountersRight(other);
      expect((await counts()).channels.ops).toMatchObject({ unread: 2, total: 3 });

      // the status may be left out (the archive is meant); nothing left to bring back changes nothing
      expect((await action('unarchive', { values: { filter: { level: 'error' } } })).body.data).toEqual({ updated: 0 });
      expect((await action('unarchive', { values: { filter: {} } })).body.data).toEqual({ updated: 2 });
      expect(await listed({ status: 'archived' })).toEqual([]);
      expect(await listed({ status: 'archived' }, otherAgent)).toEqual([theirs]);
      expect((await counts()).channels).toMatchObject({ ops: { unread: 3, total: 4 }, sales: { unread: 1, total: 1 } });
      await expectCountersRight();
      await expectCountersRight(other);
    });

    it.each([
      [{ filter: { status: 'unread' } }, 'status'],
      [{ filter: { status: 'gone' } }, 'status'],
      [{ filter: { archived: true } }, 'filter.archived'],
      [{ filter: [] }, 'filter'],
      [{ filter: { q: 'x'.repeat(201) } }, 'q'],
    ])('refuses an unarchive of values %j with a 400 naming %s', async (values, field) => {
      const id = await send('x');
      await action('archive', { filterByTk: id });
      const res = await action('unarchive', { values });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
      expect(await listed({ status: 'archived' })).toEqual([id]);
    });

    it.each([
      [{ filter: 'all' }, 'filter'],
      [{ filter: { userId: 1 } }, 'filter.userId'],
      [{ filter: { level: 'loud' } }, 'level'],
      [{ filter: { status: 'gone' } }, 'status'],
    ])('refuses values %j with a 400 naming %s', async (values, field) => {
      const id = await send('x');
      const res = await action('markRead', { values });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
      expect(await listed({ status: 'unread' })).toEqual([id]);
    });
  });

  describe('search in the channel list', () => {
    it('summarises the channels with matching messages only', async () => {
      await send('alpha one');
      const latest = await send('alpha two', { channelName: 'sales' });
      await send('beta', { channelName: 'sales' });
      const res = await agent.resource('myInboxChannels').list({ q: 'ALPHA' });
      expect(res.body.data.map((c: any) => [c.name, c.totalCount, c.latestMessage?.id])).toEqual([
        ['sales', 1, latest],
        ['ops', 1, expect.any(Number)],
      ]);
      const bad = await agent.resource('myInboxChannels').list({ level: 'nope' });
      expect(bad.status).toBe(400);
    });
  });
});
