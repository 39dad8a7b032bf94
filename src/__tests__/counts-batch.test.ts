import { MockServer } from '@nocobase/test';
import { CHANNEL_TYPE, COLLECTIONS } from '../shared/constants';
import { COUNTS_PER_READ } from '../server/services/inbox-service';
import { createBystanders, createChannel, createInboxApp, QUIET_JOBS, inboxOf } from './test-utils';
import type { Counts } from '../shared/contract';

const HOUR = 60 * 60 * 1000;

describe('counts of many users at once (countsOf)', () => {
  let app: MockServer;

  const send = async (channelName: string, receivers: number[], title = 'hello') =>
    (await inboxOf(app).send({ channelName, receivers, title })).map((m) => m.id);
  /** Each user's counts read one by one, as a single `count` request reads them. */
  const countsOneByOne = async (userIds: number[]) => {
    const counts = new Map<number, Counts>();
    for (const userId of userIds) counts.set(userId, await inboxOf(app).counts(userId));
    return counts;
  };
  /** The statements a call runs that read the counters table. */
  const counterReadsDuring = async (call: () => Promise<unknown>) => {
    const table = app.db.getModel(COLLECTIONS.counters).getTableName() as string;
    const query = jest.spyOn(app.db.sequelize, 'query');
    try {
      await call();
      return query.mock.calls.filter(([sql]) => String(sql).includes(table)).length;
    } finally {
      query.mockRestore();
    }
  };

  beforeAll(async () => {
    app = await createInboxApp({ inbox: QUIET_JOBS });
    await createChannel(app, 'ops', 'Operations');
    await createChannel(app, 'sales', 'Sales');
  });
  afterAll(async () => app?.destroy());

  it('equals each user’s own counts: muted channels out of the totals, archived and snoozed messages out of every count', async () => {
    const inbox = inboxOf(app);
    const [muting, puttingAside, mutingOnly, alerted, empty] = await createBystanders(app, 5);
    await app.db.getRepository('notificationChannels').create({
      values: { name: 'alerts', title: 'Alerts', notificationType: CHANNEL_TYPE, options: {}, description: '' },
    });

    const [read] = await send('ops', [muting]);
    await send('ops', [muting, puttingAside, alerted]);
    await send('sales', [muting, puttingAside]);
    await send('alerts', [alerted]);
    await inbox.setRead(muting, [read], true);
    await inbox.updatePreferences(muting, { mutedChannels: ['sales'] });
    // a user with no messages but a mute, and one who muted a channel before it became important (the mute is void)
    await inbox.updatePreferences(mutingOnly, { mutedChannels: ['ops'] });
    await inbox.updatePreferences(alerted, { mutedChannels: ['alerts', 'ops'] });
    await app.db.getRepository('notificationChannels').update({ filter: { name: 'alerts' }, values: { options: { important: true } } });
    // every sales message of this user put aside: the channel is not listed; one ops message archived, one snoozed
    const [archivedOps] = await send('ops', [puttingAside]);
    const [snoozedOps] = await send('ops', [puttingAside]);
    const sales = Number(
      (await app.db.getModel(COLLECTIONS.messages).findOne({ where: { userId: puttingAside, channelName: 'sales' } }))?.get('id'),
    );
    await inbox.archive(puttingAside, [archivedOps, sales], true);
    await inbox.snooze(puttingAside, [snoozedOps], new Date(Date.now() + HOUR));

    const users = [muting, puttingAside, mutingOnly, alerted, empty];
    const batched = await inbox.countsOf(users);
    expect(batched).toEqual(await countsOneByOne(users));
    // what that equality stands on, spelled out
    expect(batched.get(muting)).toEqual({
      unread: 1,
      total: 2,
      channels: { ops: { unread: 1, total: 2, muted: false }, sales: { unread: 1, total: 1, muted: true } },
    });
    expect(batched.get(puttingAside)).toEqual({ unread: 1, total: 1, channels: { ops: { unread: 1, total: 1, muted: false } } });
    expect(batched.get(mutingOnly)).toEqual({ unread: 0, total: 0, channels: {} });
    expect(batched.get(alerted)).toEqual({
      unread: 1,
      total: 1,
      channels: { ops: { unread: 1, total: 1, muted: true }, alerts: { unread: 1, total: 1, muted: false } },
    });
    expect(batched.get(empty)).toEqual({ unread: 0, total: 0, channels: {} });
  });

  it(`reads the counters in one statement per ${COUNTS_PER_READ} users, each user's counts as its own read gives them`, async () => {
    const users = await createBystanders(app, COUNTS_PER_READ + 20);
    await send('ops', users);
    await send('sales', users.filter((_, i) => i % 3 === 0));
    await inboxOf(app).updatePreferences(users[COUNTS_PER_READ + 1], { mutedChannels: ['ops'] });
    await inboxOf(app).countsSettled();

    let batched = new Map<number, Counts>();
    expect(await counterReadsDuring(async () => (batched = await inboxOf(app).countsOf(users)))).toBe(2);
    expect(batched).toEqual(await countsOneByOne(users));
    // a user of the second batch, whose mute applies there as in its own read
    expect(batched.get(users[COUNTS_PER_READ + 1])?.channels.ops.muted).toBe(true);
  });
});
