import type { MockServer } from '@nocobase/test';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { COLLECTIONS } from '../shared/constants';
import { createChannel, createInboxApp, createUsers, inboxOf, loginAs, userId } from './test-utils';

const dialect = process.env.DB_DIALECT || 'sqlite';

/** Every (user, channel) counter against the messages themselves: [counter, truth] pairs that must be equal. */
async function countersAgainstMessages(app: MockServer) {
  await inboxOf(app).countsSettled();
  const messages = (await app.db.getModel(COLLECTIONS.messages).findAll({
    attributes: ['userId', 'channelName', 'readAt', 'id'],
    raw: true,
  })) as any[];
  const truth = new Map<string, { unread: number; total: number; last: number }>();
  for (const m of messages) {
    const key = `${m.userId}/${m.channelName}`;
    const entry = truth.get(key) ?? { unread: 0, total: 0, last: 0 };
    entry.total++;
    if (!m.readAt) entry.unread++;
    entry.last = Math.max(entry.last, Number(m.id));
    truth.set(key, entry);
  }
  const counters = (await app.db.getModel(COLLECTIONS.counters).findAll({ raw: true })) as any[];
  const stored = new Map(
    counters.map((c) => [
      `${c.userId}/${c.channelName}`,
      { unread: Number(c.unreadCount), total: Number(c.totalCount), last: Number(c.lastMessageId) },
    ]),
  );
  return { stored: Object.fromEntries(stored), truth: Object.fromEntries(truth) };
}

const pick = <T>(items: T[], n: number) => items.sort(() => Math.random() - 0.5).slice(0, n);

describe('counters stay exact under concurrent sends and changes', () => {
  let app: MockServer;
  let users: any[];

  beforeAll(async () => {
    app = await createInboxApp({ acl: true });
    for (const name of ['ops', 'leads']) await createChannel(app, name);
    users = await createUsers(app, 3);
  });
  afterAll(async () => app?.destroy());

  it('after 60 interleaved sends, marks, mark-alls and deletes, every counter equals COUNT(*) of its messages', async () => {
    const inbox = inboxOf(app);
    const ids = users.map(userId);
    for (const channelName of ['ops', 'leads']) await inbox.send({ channelName, receivers: ids, title: 'seed' });
    const mine = async (user: number) =>
      ((await app.db.getModel(COLLECTIONS.messages).findAll({ attributes: ['id'], where: { userId: user }, raw: true })) as any[]).map(
        (m) => Number(m.id),
      );
    const operations: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < 15; i++) {
      const user = ids[i % ids.length];
      const channelName = i % 2 ? 'ops' : 'leads';
      operations.push(
        () => inbox.send({ channelName, receivers: ids, title: `send ${i}` }),
        () => inbox.markAllRead(user, i % 3 ? channelName : undefined),
        async () => inbox.setRead(user, pick(await mine(user), 2), i % 2 === 0).catch(ignoreVanished),
        async () => inbox.destroy(user, pick(await mine(user), 1)).catch(ignoreVanished),
      );
    }
    const results = await Promise.allSettled(pick(operations, operations.length).map((run) => run()));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const { stored, truth } = await countersAgainstMessages(app);
    expect(stored).toEqual(truth);
  });
});

/** A delete racing a mark may remove the picked message first: that 404 is the right answer, not a failure. */
function ignoreVanished(error: any) {
  if (error?.status !== 404) throw error;
}

(dialect === 'sqlite' ? describe : describe.skip)('file-backed SQLite, as npm start runs it', () => {
  let app: MockServer;
  let dir: string;
  let user: any;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-sqlite-'));
    const memory = process.env.DB_STORAGE;
    process.env.DB_STORAGE = path.join(dir, 'app.sqlite');
    try {
      app = await createInboxApp({ acl: true });
    } finally {
      process.env.DB_STORAGE = memory;
    }
    await createChannel(app, 'ops');
    [user] = await createUsers(app, 1);
    await inboxOf(app).send({ channelName: 'ops', receivers: [userId(user)], title: 'first' });
  });
  afterAll(async () => {
    await app?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 20 concurrent markAllRead / markUnread / send calls of one user, all of them, and stays usable', async () => {
    const agent = await loginAs(app, user);
    const [first] = (await agent.resource('myInboxMessages').list()).body.data;
    const calls = Array.from({ length: 20 }, (_, i) => {
      if (i % 3 === 0) return agent.resource('myInboxMessages').markAllRead().then((r: any) => r.status);
      if (i % 3 === 1) return agent.resource('myInboxMessages').markUnread({ filterByTk: first.id }).then((r: any) => r.status);
      return inboxOf(app)
        .send({ channelName: 'ops', receivers: [userId(user)], title: `concurrent ${i}` })
        .then(() => 200);
    });
    expect(await Promise.all(calls)).toEqual(Array(20).fill(200));
    // the database is not left locked: our reads, our writes and NocoBase's own writes all go on
    expect((await agent.resource('myInboxMessages').count()).status).toBe(200);
    expect((await agent.resource('myInboxMessages').markAllRead()).status).toBe(200);
    await app.db.getRepository('users').create({ values: { username: 'after-the-storm', roles: ['member'] } });
    const { stored, truth } = await countersAgainstMessages(app);
    expect(stored).toEqual(truth);
  });
});
