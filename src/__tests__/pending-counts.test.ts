import { MockServer } from '@nocobase/test';
import { COLLECTIONS, PLUGIN_NAME } from '../shared/constants';
import type { InboxService } from '../server/services/inbox-service';
import { QUIET_JOBS, createChannel, createInboxApp, createUsers, inboxOf, userId } from './test-utils';

const DAY = 24 * 60 * 60 * 1000;

describe('counts while a send waits for its fold into the counters', () => {
  let app: MockServer;
  let inbox: InboxService;
  let users: number[];

  beforeAll(async () => {
    app = await createInboxApp({ inbox: QUIET_JOBS });
    for (const name of ['ops', 'leads']) await createChannel(app, name);
    users = (await createUsers(app, 3)).map(userId);
    inbox = inboxOf(app);
  });
  afterAll(async () => app?.destroy());
  afterEach(() => jest.restoreAllMocks());

  /** Sends from here on stay pending until `foldPendingCounts`: no fold after them, and SQLite defers as the others do. */
  const holdFolds = () => {
    jest.spyOn(inbox['store'].counters, 'defers', 'get').mockReturnValue(true);
    jest.spyOn(inbox['folds'], 'kick').mockImplementation(() => undefined);
  };
  const pendingSends = () => app.db.getModel(COLLECTIONS.pendingCounts).count();
  const send = async (channelName: string, receivers: number[]) => (await inbox.send({ channelName, receivers, title: channelName })).map((m) => m.id);

  /** A user's unread and total per channel counted from the messages themselves (archived and snoozed ones left out). */
  const truth = async (user: number) => {
    const rows = (await app.db.getModel(COLLECTIONS.messages).findAll({
      where: { userId: user, archivedAt: null, snoozedUntil: null },
      raw: true,
    })) as any[];
    const channels: Record<string, { unread: number; total: number }> = {};
    for (const row of rows) {
      const channel = (channels[row.channelName] ??= { unread: 0, total: 0 });
      channel.total++;
      if (!row.readAt) channel.unread++;
    }
    return channels;
  };
  const counted = async (user: number) =>
    Object.fromEntries(Object.entries((await inbox.counts(user)).channels).map(([name, { unread, total }]) => [name, { unread, total }]));
  const everything = (user: number) => Promise.all([inbox.counts(user), inbox.channelList(user, {})]);
  const counterRows = async () =>
    ((await app.db.getModel(COLLECTIONS.counters).findAll({ raw: true })) as any[])
      .map((c) => [Number(c.userId), c.channelName, Number(c.unreadCount), Number(c.totalCount), Number(c.lastMessageId)])
      .sort((a, b) => String(a).localeCompare(String(b)));

  it('reads every count and the channel list exactly before the fold, changes included, and the same after it', async () => {
    // one message counted already: a change's recount must leave the pending ones beside it to the fold
    await send('ops', [users[0]]);
    await inbox.countsSettled();
    holdFolds();
    const ops = await send('ops', users);
    const [lead] = await send('leads', [users[0]]);
    expect(await pendingSends()).toBe(2);
    expect(await app.db.getModel(COLLECTIONS.counters).count()).toBe(1);

    expect(await inbox.counts(users[0])).toMatchObject({ unread: 3, total: 3 });
    const list = await inbox.channelList(users[0], {});
    expect(list.rows.map((c) => [c.name, c.unreadCount, c.totalCount, c.latestMessage?.id])).toEqual([
      ['leads', 1, 1, lead],
      ['ops', 2, 2, ops[0]],
    ]);
    expect((await inbox.channelList(users[0], { status: 'unread', limit: 1 })).rows.map((c) => c.name)).toEqual(['leads']);

    // changes to pending messages: each count stays what the messages say
    await inbox.setRead(users[0], [ops[0]], true);
    await inbox.archive(users[1], [ops[1]], true);
    await inbox.destroy(users[2], [ops[2]]);
    for (const user of users) expect(await counted(user)).toEqual(await truth(user));
    expect((await inbox.channelList(users[0], { status: 'read' })).rows.map((c) => c.name)).toEqual(['ops']);
    const before = await Promise.all(users.map(everything));

    expect(await inbox.foldPendingCounts()).toBe(2);
    expect(await pendingSends()).toBe(0);
    expect(await Promise.all(users.map(everything))).toEqual(before);
    // the archived pair keeps its row (zero), as a counted send's would: unarchiving recounts it
    expect(await counterRows()).toEqual(
      [
        [users[0], 'leads', 1, 1, lead],
        [users[0], 'ops', 1, 2, ops[0]],
        [users[1], 'ops', 0, 0, 0],
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );
    await inbox.archive(users[1], [ops[1]], false);
    expect(await counted(users[1])).toEqual({ ops: { unread: 1, total: 1 } });
  });

  it('leaves a pending message a retention purge deletes to its fold, which no longer finds it', async () => {
    const [counted0] = await send('leads', [users[2]]);
    await inbox.countsSettled();
    holdFolds();
    const [pending] = await send('leads', [users[2]]);
    await inbox.setRead(users[2], [counted0, pending], true);
    const old = new Date(Date.now() - 100 * DAY);
    await app.db.getModel(COLLECTIONS.messages).update({ readAt: old, createdAt: old }, { where: { id: [counted0, pending] }, hooks: false });
    await inbox.updateSettings({ retentionDays: 30 });
    try {
      expect(await inbox.purgeExpired()).toBe(2);
    } finally {
      await inbox.updateSettings({ retentionDays: 0 });
    }
    expect(await counted(users[2])).toEqual(await truth(users[2]));
    expect(await inbox.foldPendingCounts()).toBe(1);
    expect(await counted(users[2])).toEqual(await truth(users[2]));
    expect((await counterRows()).filter(([user, channel]) => user === users[2] && channel === 'leads')).toEqual([]);
  });

  it("folds in the periodic round what no send's own fold did (a crash, a failed fold)", async () => {
    holdFolds();
    const [id] = await send('ops', [users[1]]);
    expect(await pendingSends()).toBe(1);
    const round = (app.pm.get(PLUGIN_NAME) as any).countFolds;
    expect(await round.run()).toBe(1);
    expect(await pendingSends()).toBe(0);
    expect((await counterRows()).find(([user, channel]) => user === users[1] && channel === 'ops')?.[4]).toBe(id);
    expect(await counted(users[1])).toEqual(await truth(users[1]));
  });
});
