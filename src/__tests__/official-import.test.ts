import { MockServer } from '@nocobase/test';
import { CHANNEL_TYPE, COLLECTIONS, OFFICIAL } from '../shared/constants';
import { checkImportRequest, fromOfficial } from '../server/services/import/official-import';
import { createChannel, createInboxApp, createUsers, inboxOf, loginAs, userId } from './test-utils';

const OFFICIAL_PLUGINS = ['error-handler', 'data-source-main', 'notification-in-app-message'];

/** Sends through notification-manager, as a workflow's stock node would. */
const managerSend = (app: MockServer, channelName: string, userIds: number[], message: Record<string, unknown>) =>
  (app.pm.get('notification-manager') as any).send({
    channelName,
    triggerFrom: 'test',
    receivers: { type: 'userId', value: userIds },
    message,
  });

const officialRows = (app: MockServer, where: Record<string, unknown> = {}) =>
  app.db.getModel(OFFICIAL.messages).findAll({ where, order: [['createdAt', 'ASC'], ['id', 'ASC']], raw: true }) as Promise<any[]>;

describe('import from the official in-app plugin', () => {
  let app: MockServer;
  let admin: any;
  let alice: any;
  let bob: any;
  let gone: any;

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, plugins: OFFICIAL_PLUGINS });
    [alice, bob, gone] = await createUsers(app, 3);
    [admin] = await createUsers(app, 1, ['admin', 'member']);
    await createChannel(app, 'legacy', 'Legacy', OFFICIAL.channelType);
    await createChannel(app, 'ours', 'Ours');
    const to = [alice, bob, gone].map(userId);
    await managerSend(app, 'legacy', to, { title: 'First', content: 'hello', options: { url: '/admin/leads/1', mobileUrl: '/m/leads/1', duration: 5 } });
    await managerSend(app, 'legacy', to, { title: 'Second', content: 'world', options: { url: 'javascript:alert(1)' } });
    await managerSend(app, 'legacy', [userId(alice)], { title: 'Third', content: '!', options: {} });
    // alice read the first one in the official inbox; the user `gone` was deleted since
    const [first] = await officialRows(app, { userId: userId(alice), title: 'First' });
    const marked = await (await loginAs(app, alice)).resource(OFFICIAL.messages).updateMyOwn({ filterByTk: first.id, values: { status: 'read' } });
    expect(marked.status).toBe(200);
    await app.db.getModel('users').destroy({ where: { id: userId(gone) } });
  });
  afterAll(async () => app?.destroy());

  const importAs = async (user: any, values: Record<string, unknown>, role = 'admin') =>
    (await loginAs(app, user, role)).resource('inboxSettings').importOfficial({ values });
  const listOf = async (user: any) => (await loginAs(app, user)).resource('myInboxMessages').list({ channelName: 'legacy' });

  it('is refused to a member (403) and copies nothing', async () => {
    const res = await importAs(alice, {}, 'member');
    expect(res.status).toBe(403);
    expect(await app.db.getModel(COLLECTIONS.messages).count()).toBe(0);
  });

  it('answers a bad option with a 400 naming it', async () => {
    for (const [values, field] of [
      [{ maxRows: 0 }, 'maxRows'],
      [{ convertChannels: 'yes' }, 'convertChannels'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ nope: 1 }, 'nope'],
    ] as const) {
      const res = await importAs(admin, values);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe(field);
    }
  });

  it('shows admins what there is to import', async () => {
    const res = await (await loginAs(app, admin, 'admin')).resource('inboxSettings').officialStatus();
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ available: true, messages: 7, channels: ['legacy'], imported: 0 });
  });

  it('copies every message of existing users with its read state, time and safe link, converting the channels', async () => {
    const res = await importAs(admin, { convertChannels: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ imported: 5, skipped: 2, channelsConverted: ['legacy'], done: true });

    const list = await listOf(alice);
    const official = await officialRows(app, { userId: userId(alice) });
    expect(list.body.data.map((m: any) => m.title)).toEqual(['Third', 'Second', 'First']);
    const [third, second, first] = list.body.data;
    expect(first).toMatchObject({ url: '/admin/leads/1', options: { mobileUrl: '/m/leads/1', duration: 5 } });
    expect(first.readAt).not.toBeNull();
    expect(new Date(first.createdAt).getTime()).toBe(new Date(official[0].createdAt).getTime());
    expect([second.url, second.readAt, third.readAt]).toEqual([null, null, null]);
    expect((await listOf(bob)).body.data.map((m: any) => m.title)).toEqual(['Second', 'First']);

    const count = await (await loginAs(app, alice)).resource('myInboxMessages').count();
    expect(count.body.data).toMatchObject({ unread: 2, total: 3, channels: { legacy: { unread: 2, total: 3 } } });
    const channel = await app.db.getRepository('notificationChannels').findOne({ filter: { name: 'legacy' } });
    expect(channel.get('notificationType')).toBe(CHANNEL_TYPE);
  });

  it('imports nothing the second time', async () => {
    const res = await importAs(admin, { convertChannels: true });
    expect(res.body.data).toMatchObject({ imported: 0, skipped: 7, channelsConverted: [], done: true });
    expect((await listOf(alice)).body.data).toHaveLength(3);
    const status = await (await loginAs(app, admin, 'admin')).resource('inboxSettings').officialStatus();
    expect(status.body.data).toMatchObject({ messages: 7, channels: [], imported: 5 });
  });

  it('delivers an official-format send through the converted channel with its link', async () => {
    const log = await managerSend(app, 'legacy', [userId(bob)], { title: 'After', content: 'x', options: { url: '/admin/leads/9', duration: 3 } });
    expect(log.status).toBe('success');
    const [latest] = (await listOf(bob)).body.data;
    expect(latest).toMatchObject({ title: 'After', url: '/admin/leads/9', options: { toastDuration: 3 } });
  });

  it('goes step by step from a cursor and resumes where it stopped', async () => {
    await managerSend(app, 'ours', [userId(bob)], { title: 'ours' }); // not official: untouched
    await createChannel(app, 'legacy2', 'Legacy 2', OFFICIAL.channelType);
    await managerSend(app, 'legacy2', [userId(alice), userId(bob)], { title: 'Step', content: '' });
    const steps: any[] = [];
    let after: string | null = null;
    do {
      const res = await importAs(admin, { maxRows: 4, ...(after ? { after } : {}) });
      expect(res.status).toBe(200);
      steps.push(res.body.data);
      after = res.body.data.cursor;
    } while (!steps[steps.length - 1].done);
    expect(steps.length).toBe(3);
    expect(steps.reduce((sum, s) => sum + s.imported, 0)).toBe(2);
    const count = await (await loginAs(app, alice)).resource('myInboxMessages').count();
    expect(count.body.data.channels.legacy2).toMatchObject({ unread: 1, total: 1 });
  });

  it('loses nothing when a batch fails half-way: the batch is undone whole and the next run copies it', async () => {
    await createChannel(app, 'legacy3', 'Legacy 3', OFFICIAL.channelType);
    await managerSend(app, 'legacy3', [userId(alice), userId(bob)], { title: 'Crash', content: '' });
    const importer = inboxOf(app)['officialImport'] as any;
    const counters = jest.spyOn(importer, 'addToCounters').mockRejectedValueOnce(new Error('power cut'));
    const countsBefore = await (await loginAs(app, alice)).resource('myInboxMessages').count();
    await expect(importer.run(checkImportRequest({}))).rejects.toThrow('power cut');
    expect(await app.db.getModel(COLLECTIONS.messages).count({ where: { channelName: 'legacy3' } })).toBe(0);
    counters.mockRestore();

    expect(await importer.run(checkImportRequest({}))).toMatchObject({ imported: 2, done: true });
    const countsAfter = await (await loginAs(app, alice)).resource('myInboxMessages').count();
    expect(countsAfter.body.data.total).toBe(countsBefore.body.data.total + 1);
    expect(countsAfter.body.data.channels.legacy3).toMatchObject({ unread: 1, total: 1 });
  });
});

describe('official rows, pure', () => {
  const row = { id: 'a', userId: '7', channelName: 'c', title: 't', content: null, status: 'unread', createdAt: '2024-01-02T03:04:05.000Z', options: '{"url":"//evil.example","mobileUrl":"javascript:x","k":1}' };

  it('drops unsafe links and keeps the other options', () => {
    expect(fromOfficial(row)).toMatchObject({ userId: 7, url: null, content: '', readAt: null, options: { k: 1 } });
    expect(fromOfficial(row).options).not.toHaveProperty('mobileUrl');
  });

  it('takes a cursor only as it was answered', () => {
    expect(() => checkImportRequest({ after: Buffer.from('[1,2]').toString('base64url') })).toThrow(/after/);
    expect(checkImportRequest(undefined)).toMatchObject({ convertChannels: false, after: null });
  });
});
