import { MockServer } from '@nocobase/test';
import { createChannel, createInboxApp, createUsers, inboxOf, loginAs, userId } from './test-utils';

describe("a user's inbox actions", () => {
  let app: MockServer;
  let owner: any;
  let agent: any;
  const send = (channelName: string, title: string, to = [userId(owner)]) =>
    inboxOf(app).send({ channelName, receivers: to, title, content: `${title} body` });

  beforeAll(async () => {
    app = await createInboxApp({ acl: true });
    [owner] = await createUsers(app, 1);
    await createChannel(app, 'leads', 'Marketing Clue');
    await createChannel(app, 'ops', 'Operations');
    for (let i = 1; i <= 5; i++) await send('leads', `lead ${i}`);
    for (let i = 1; i <= 3; i++) await send('ops', `op ${i}`);
    agent = await loginAs(app, owner);
  });
  afterAll(async () => app?.destroy());

  const list = async (params: Record<string, unknown>) => {
    const res = await agent.resource('myInboxMessages').list(params);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('lists a channel newest first and pages by cursor without gaps or repeats', async () => {
    const first = await list({ channelName: 'leads', limit: 2 });
    expect(first.data.map((m: any) => m.title)).toEqual(['lead 5', 'lead 4']);
    expect(first.meta.nextCursor).toBe(first.data[1].id);
    const second = await list({ channelName: 'leads', limit: 2, before: first.meta.nextCursor });
    expect(second.data.map((m: any) => m.title)).toEqual(['lead 3', 'lead 2']);
    const last = await list({ channelName: 'leads', limit: 2, before: second.meta.nextCursor });
    expect(last.data.map((m: any) => m.title)).toEqual(['lead 1']);
    expect(last.meta.nextCursor).toBeNull();
  });

  it('lists all channels together when no channel is named, and takes filter[channelName] too', async () => {
    expect((await list({ limit: 100 })).data).toHaveLength(8);
    expect((await list({ filter: { channelName: 'ops' } })).data.map((m: any) => m.channelName)).toEqual(['ops', 'ops', 'ops']);
  });

  it('counts unread per channel and in total; channel list carries counts and the latest message', async () => {
    const count = await agent.resource('myInboxMessages').count();
    expect(count.body.data).toMatchObject({ unread: 8, total: 8, channels: { leads: { unread: 5, total: 5 }, ops: { unread: 3 } } });
    const channels = await agent.resource('myInboxChannels').list();
    expect(channels.body.data.map((c: any) => [c.name, c.title, c.unreadCount, c.latestMessage.title])).toEqual([
      ['ops', 'Operations', 3, 'op 3'],
      ['leads', 'Marketing Clue', 5, 'lead 5'],
    ]);
  });

  it('marks read and unread, filters by status, and keeps counts right', async () => {
    const [newest] = (await list({ channelName: 'leads', limit: 1 })).data;
    const read = await agent.resource('myInboxMessages').markRead({ filterByTk: newest.id });
    expect(read.status).toBe(200);
    expect((await list({ channelName: 'leads', status: 'read' })).data.map((m: any) => m.id)).toEqual([newest.id]);
    expect((await list({ channelName: 'leads', status: 'unread' })).data).toHaveLength(4);
    const unreadChannels = await agent.resource('myInboxChannels').list({ status: 'read' });
    expect(unreadChannels.body.data.map((c: any) => c.name)).toEqual(['leads']);
    expect((await agent.resource('myInboxMessages').count()).body.data.channels.leads.unread).toBe(4);

    await agent.resource('myInboxMessages').markUnread({ filterByTk: [newest.id] });
    expect((await agent.resource('myInboxMessages').count()).body.data.channels.leads.unread).toBe(5);
  });

  it('marks all read in one channel, then everywhere', async () => {
    const one = await agent.resource('myInboxMessages').markAllRead({ channelName: 'ops' });
    expect(one.body.data.updated).toBe(3);
    let count = (await agent.resource('myInboxMessages').count()).body.data;
    expect([count.channels.ops.unread, count.channels.leads.unread]).toEqual([0, 5]);
    await agent.resource('myInboxMessages').markAllRead();
    count = (await agent.resource('myInboxMessages').count()).body.data;
    expect(count.unread).toBe(0);
    expect((await agent.resource('myInboxChannels').list({ status: 'unread' })).body.data).toEqual([]);
  });

  it('deletes own messages and moves the channel latest back', async () => {
    const [newest] = (await list({ channelName: 'ops', limit: 1 })).data;
    const res = await agent.resource('myInboxMessages').destroy({ filterByTk: newest.id });
    expect(res.status).toBe(200);
    const channels = (await agent.resource('myInboxChannels').list()).body.data;
    expect(channels.find((c: any) => c.name === 'ops')).toMatchObject({ totalCount: 2, latestMessage: { title: 'op 2' } });
  });

  it('pages the channel list by cursor', async () => {
    const first = (await agent.resource('myInboxChannels').list({ limit: 1 })).body;
    const second = (await agent.resource('myInboxChannels').list({ limit: 1, before: first.meta.nextCursor })).body;
    expect([...first.data, ...second.data].map((c: any) => c.name).sort()).toEqual(['leads', 'ops']);
  });

  it('keeps preferences per user and leaves muted channels out of the totals', async () => {
    const defaults = { toasts: true, mutedChannels: [], desktopAlerts: false, sound: false, quietHours: null };
    expect((await agent.resource('myInboxPreferences').get()).body.data).toEqual({ ...defaults, importantChannels: [] });
    await send('ops', 'op 4');
    const updated = await agent.resource('myInboxPreferences').set({ values: { toasts: false, mutedChannels: ['ops'] } });
    expect(updated.body.data).toEqual({ ...defaults, toasts: false, mutedChannels: ['ops'], importantChannels: [] });
    const count = (await agent.resource('myInboxMessages').count()).body.data;
    expect(count.channels.ops).toMatchObject({ unread: 1, muted: true });
    expect(count.unread).toBe(0);
  });
});
