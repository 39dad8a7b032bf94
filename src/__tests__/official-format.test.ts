import { MockServer } from '@nocobase/test';
import { COLLECTIONS } from '../shared/constants';
import { createChannel, createInboxApp, createUsers, userId } from './test-utils';

/** Messages in the official in-app plugin's shape `{ title, content, options: { url, mobileUrl, duration } }`. */
describe('the official message format through our channel', () => {
  let app: MockServer;
  let user: any;

  beforeAll(async () => {
    app = await createInboxApp();
    [user] = await createUsers(app, 1);
    await createChannel(app, 'ours');
  });
  afterAll(async () => app?.destroy());

  const send = (message: Record<string, unknown>) =>
    (app.pm.get('notification-manager') as any).send({
      channelName: 'ours',
      triggerFrom: 'test',
      receivers: { type: 'userId', value: [userId(user)] },
      message: { title: 'hello', ...message },
    });
  const latest = async () =>
    (await app.db.getModel(COLLECTIONS.messages).findOne({ where: { userId: userId(user) }, order: [['id', 'DESC']], raw: true })) as any;
  const optionsOf = (row: any) => (typeof row.options === 'string' ? JSON.parse(row.options) : row.options);

  it('takes the link, the mobile link and the toast duration from the options', async () => {
    const log = await send({ options: { url: '/admin/leads/1', mobileUrl: '/m/leads/1', duration: 8 } });
    expect(log.status).toBe('success');
    const row = await latest();
    expect(row.url).toBe('/admin/leads/1');
    expect(optionsOf(row)).toEqual({ mobileUrl: '/m/leads/1', toastDuration: 8 });
  });

  it('lets our own fields win when both are set', async () => {
    await send({ url: '/admin/ours', toastDuration: 2, options: { url: '/admin/theirs', duration: 9 } });
    const row = await latest();
    expect(row.url).toBe('/admin/ours');
    expect(optionsOf(row)).toEqual({ toastDuration: 2 });
  });

  it("sends a form's mobile link (the workflow node's, the stock node's) as options.mobileUrl, over one in the options", async () => {
    await send({ url: '/admin/leads/2', mobileUrl: '/m/page/p/popups/v/filterbytk/2', options: { mobileUrl: '/m/theirs' } });
    const row = await latest();
    expect(row.url).toBe('/admin/leads/2');
    expect(optionsOf(row)).toEqual({ mobileUrl: '/m/page/p/popups/v/filterbytk/2' });
  });

  it.each([
    [{ options: { url: 'javascript:alert(1)' } }, 'url'],
    [{ options: { mobileUrl: '//evil.example/x' } }, 'options.mobileUrl'],
    [{ url: 'data:text/html,x' }, 'url'],
  ])('refuses an unsafe link %j with the reason in the send log', async (message, field) => {
    const before = await app.db.getModel(COLLECTIONS.messages).count();
    const log = await send(message);
    expect(log.status).toBe('failure');
    expect(log.reason).toContain(field);
    expect(await app.db.getModel(COLLECTIONS.messages).count()).toBe(before);
  });
});
