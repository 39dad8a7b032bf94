import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { RetentionJob } from '../server/services/jobs/retention-job';
import { createChannel, createInboxApp, QUIET_JOBS, createUsers, emptyMessages, inboxOf, userId } from './test-utils';

const DAY = 24 * 60 * 60 * 1000;
const dialect = process.env.DB_DIALECT || 'sqlite';

describe('retention of read messages', () => {
  let app: MockServer;
  let user: any;
  const messages = () => app.db.getModel(COLLECTIONS.messages);

  beforeAll(async () => {
    app = await createInboxApp({ inbox: QUIET_JOBS });
    [user] = await createUsers(app, 1);
    await createChannel(app, 'leads');
  });
  afterAll(async () => app?.destroy());

  /**
   * A message of `user`, read `readDaysAgo` days ago (null: unread), its counts folded: a batch meeting a fold in a
   * deadlock runs again, and the tests that follow a purge's batches call by call would see it twice (retried, not wrong).
   */
  const seed = async (title: string, readDaysAgo: number | null) => {
    const [m] = await inboxOf(app).send({ channelName: 'leads', receivers: [userId(user)], title });
    await inboxOf(app).countsSettled();
    if (readDaysAgo !== null) {
      await inboxOf(app).setRead(userId(user), [m.id], true);
      await messages().update({ readAt: new Date(Date.now() - readDaysAgo * DAY) }, { where: { id: m.id }, hooks: false });
    }
    return m.id;
  };

  const emptyInbox = async () => {
    await emptyMessages(app);
    await inboxOf(app).updateSettings({ retentionDays: 30 });
  };

  /** Runs `meanwhile` on another connection in the first batch: before it locks its rows, or once it holds them. */
  const atFirstBatchLock = (when: 'before' | 'holding', meanwhile: () => Promise<unknown>) => {
    const store = inboxOf(app)['store'] as any;
    const lock = store.lockStillExpired.bind(store);
    return jest.spyOn(store, 'lockStillExpired').mockImplementationOnce(async (...args: any[]) => {
      if (when === 'before') await meanwhile();
      const rows = await lock(...args);
      if (when === 'holding') await meanwhile();
      return rows;
    });
  };

  it('keeps everything while retentionDays is 0 (the default)', async () => {
    await seed('old read', 400);
    expect(await inboxOf(app).settings()).toEqual({ retentionDays: 0 });
    expect(await inboxOf(app).purgeExpired()).toBe(0);
    expect(await messages().count({ where: { title: 'old read' } })).toBe(1);
  });

  it('deletes read messages older than retentionDays, keeps unread and recent ones, and recounts', async () => {
    await seed('recent read', 2);
    await seed('unread old', null);
    await inboxOf(app).updateSettings({ retentionDays: 30 });
    const job = new RetentionJob(inboxOf(app), { info: jest.fn(), error: jest.fn() } as any);
    expect(await job.run()).toBe(1);
    const titles = (await messages().findAll({ attributes: ['title'], raw: true })).map((m: any) => m.title).sort();
    expect(titles).toEqual(['recent read', 'unread old']);
    const counts = await inboxOf(app).counts(userId(user));
    expect(counts.channels.leads).toMatchObject({ total: 2, unread: 1 });
  });

  it('purges in batches, each its own transaction, walking ids in order past the unread ones, and recounts', async () => {
    await emptyMessages(app);
    await inboxOf(app).updateSettings({ retentionDays: 30 });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await seed(`batch ${i}`, i === 2 ? null : 100));
    const store = inboxOf(app)['store'];
    const purge = jest.spyOn(store, 'purgeReadBefore');
    const deleted = await inboxOf(app).purgeExpired(new Date(), 2);
    const calls = purge.mock.calls.map((call) => [call[1].after, call[2]]);
    const batchTransactions = purge.mock.calls.map((call) => call[3]);
    purge.mockRestore();
    expect(deleted).toBe(4);
    // 2 read, then 2 read (the unread one in between skipped), then none left
    expect(calls).toEqual([[0, 2], [ids[1], 2], [ids[4], 2]]);
    expect(new Set(batchTransactions).size).toBe(3);
    const left = await messages().findAll({ attributes: ['id'], raw: true });
    expect(left.map((m: any) => Number(m.id))).toEqual([ids[2]]);
    const counts = await inboxOf(app).counts(userId(user));
    expect(counts.channels.leads).toMatchObject({ total: 1, unread: 1 });
  });

  it('walks only the ids there were when it began: a message written meanwhile waits for the next purge', async () => {
    await emptyMessages(app);
    await inboxOf(app).updateSettings({ retentionDays: 30 });
    const old = [await seed('old 1', 100), await seed('old 2', 100)];
    const store = inboxOf(app)['store'];
    const newest = store.newestId.bind(store);
    let meanwhile = 0;
    // written (and, as an import may, read long ago) once the purge has begun
    const began = jest.spyOn(store, 'newestId').mockImplementationOnce(async () => {
      const id = await newest();
      meanwhile = await seed('written meanwhile', 100);
      return id;
    });
    const purge = jest.spyOn(store, 'purgeReadBefore');
    try {
      expect(await inboxOf(app).purgeExpired(new Date(), 1)).toBe(2);
      expect(purge.mock.calls.map((call) => call[1])).toEqual([
        { after: 0, upTo: old[1] },
        { after: old[0], upTo: old[1] },
        { after: old[1], upTo: old[1] },
      ]);
    } finally {
      began.mockRestore();
      purge.mockRestore();
    }
    expect((await messages().findAll({ attributes: ['id'], raw: true })).map((m: any) => Number(m.id))).toEqual([meanwhile]);
    expect(await inboxOf(app).purgeExpired()).toBe(1);
  });

  // SQLite has one writer at a time: nothing can commit between a batch's read and its locks there
  (dialect === 'sqlite' ? it.skip : it)(
    'keeps a message marked unread between a batch\'s first read and its locks, its counters exact (READ COMMITTED on MariaDB)',
    async () => {
      await emptyInbox();
      const [kept, gone] = [await seed('read again meanwhile', 100), await seed('stays read', 100)];
      // the user reads it again after the batch found it, before the batch locks the rows
      const spy = atFirstBatchLock('before', () => inboxOf(app).setRead(userId(user), [kept], false));
      try {
        expect(await inboxOf(app).purgeExpired()).toBe(1);
      } finally {
        spy.mockRestore();
      }
      const left = await messages().findAll({ attributes: ['id'], raw: true });
      expect(left.map((m: any) => Number(m.id))).toEqual([kept]);
      expect(left).not.toContainEqual({ id: gone });
      expect((await inboxOf(app).counts(userId(user))).channels.leads).toMatchObject({ total: 1, unread: 1 });
    },
  );

  // SQLite has one writer at a time: there the send waits for the batch, as every write does
  (dialect === 'sqlite' ? it.skip : it)(
    'lets a send to the users of a batch through while the batch deletes their old messages, every counter exact',
    async () => {
      await emptyInbox();
      await seed('old', 100);
      let sent: Promise<unknown> | undefined;
      // a send to the same user must finish while the batch holds its rows (it would wait forever for the user's
      // counters if the batch had locked them first)
      const spy = atFirstBatchLock('holding', () => (sent = inboxOf(app).send({ channelName: 'leads', receivers: [userId(user)], title: 'sent meanwhile' })));
      try {
        expect(await inboxOf(app).purgeExpired()).toBe(1);
      } finally {
        spy.mockRestore();
      }
      await expect(sent).resolves.toHaveLength(1);
      const titles = (await messages().findAll({ attributes: ['title'], raw: true })).map((m: any) => m.title);
      expect(titles).toEqual(['sent meanwhile']);
      expect((await inboxOf(app).counts(userId(user))).channels.leads).toMatchObject({ total: 1, unread: 1 });
    },
  );

  it('leaves every counter as a full recount would, recounting only the channels whose newest message went', async () => {
    await emptyMessages(app);
    await createChannel(app, 'ops');
    const [other] = await createUsers(app, 1);
    const inbox = inboxOf(app);
    const send = async (receiver: any, channelName: string, title: string) =>
      (await inbox.send({ channelName, receivers: [userId(receiver)], title }))[0].id;
    const oldRead = async (ids: number[]) => {
      for (const id of ids) await inbox.setRead(Number((await messages().findByPk(id))?.get('userId')), [id], true);
      await messages().update({ readAt: new Date(Date.now() - 100 * DAY) }, { where: { id: ids }, hooks: false });
    };
    // the user's leads: three old read ones (one archived, one snoozed) below a recent unread one that stays
    const [plain, archived, snoozed] = [await send(user, 'leads', 'plain'), await send(user, 'leads', 'archived'), await send(user, 'leads', 'snoozed')];
    await inbox.archive(userId(user), [archived], true);
    await inbox.snooze(userId(user), [snoozed], new Date(Date.now() + DAY));
    await oldRead([plain, archived, snoozed]);
    await send(user, 'leads', 'stays');
    // the user's ops: only old read ones, the newest among them; the other user's leads: an old read one below an unread
    const ops = [await send(user, 'ops', 'ops 1'), await send(user, 'ops', 'ops 2')];
    await oldRead(ops);
    const otherOld = await send(other, 'leads', 'other old');
    await oldRead([otherOld]);
    await send(other, 'leads', 'other unread');
    await inbox.updateSettings({ retentionDays: 30 });

    const counters = async () =>
      (await app.db.getModel(COLLECTIONS.counters).findAll({ raw: true, order: [['userId', 'ASC'], ['channelName', 'ASC']] })).map((c: any) => ({
        userId: Number(c.userId), channelName: c.channelName, unread: Number(c.unreadCount), total: Number(c.totalCount), last: Number(c.lastMessageId),
      }));
    await inbox.countsSettled();
    const query = jest.spyOn(app.db.sequelize, 'query');
    const deleted = await inbox.purgeExpired();
    const recounts = query.mock.calls.filter(([sql]) => /COUNT\(\*\)/.test(String(sql))).length;
    query.mockRestore();
    expect(deleted).toBe(6);
    const afterPurge = await counters();
    for (const u of [user, other]) {
      await app.db.sequelize.transaction((t) => inbox['store'].counters.recount(userId(u), undefined, t));
    }
    expect(afterPurge).toEqual(await counters());
    expect(afterPurge).toEqual([
      expect.objectContaining({ userId: userId(user), channelName: 'leads', unread: 1, total: 1 }),
      expect.objectContaining({ userId: userId(other), channelName: 'leads', unread: 1, total: 1 }),
    ]);
    // one recount statement, for the pairs whose newest message went (the user's ops), none for the others
    expect(recounts).toBe(1);
  });

  it('runs at start, again on its interval, and never after stop', async () => {
    const purge = jest.spyOn(inboxOf(app), 'purgeExpired').mockResolvedValue(0);
    const job = new RetentionJob(inboxOf(app), { info: jest.fn(), error: jest.fn() } as any, 20);
    // the job's own clock, moved by hand: three intervals pass however busy the machine is
    jest.useFakeTimers();
    let calls: number;
    let callsAfterStop: number;
    try {
      job.start();
      // async: each round's promise settles before the next tick, as it does between real intervals
      await jest.advanceTimersByTimeAsync(70);
      await job.stop();
      calls = purge.mock.calls.length;
      await jest.advanceTimersByTimeAsync(50);
      callsAfterStop = purge.mock.calls.length;
    } finally {
      jest.useRealTimers();
    }
    purge.mockRestore();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(callsAfterStop).toBe(calls);
  });

  it('a failing purge is logged, not thrown', async () => {
    const error = jest.fn();
    const purge = jest.spyOn(inboxOf(app), 'purgeExpired').mockRejectedValue(new Error('db down'));
    await expect(new RetentionJob(inboxOf(app), { info: jest.fn(), error } as any).run()).resolves.toBe(0);
    purge.mockRestore();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('db down'));
  });

  it('rejects a bad retentionDays naming it', async () => {
    const { checkSettingsPatch } = await import('../server/services/preferences/settings');
    expect(() => checkSettingsPatch({ retentionDays: -1 })).toThrow(/retentionDays/);
    expect(() => checkSettingsPatch({ retentionDays: 1.5 })).toThrow(/retentionDays/);
    expect(() => checkSettingsPatch({ nope: 1 })).toThrow(/nope/);
  });
});
