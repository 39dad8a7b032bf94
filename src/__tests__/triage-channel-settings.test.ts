import { MockServer } from '@nocobase/test';
import { CHANNEL_TYPE, COLLECTIONS } from '../shared/constants';
import { channelSettingsOf } from '../shared/channel-settings';
import { createInboxApp, createUsers, inboxOf, loginAs, userId } from './test-utils';

const DAY = 24 * 60 * 60 * 1000;

describe('admin channel settings: important, defaults, allowed roles, retention', () => {
  let app: MockServer;
  let member: any;
  let admin: any;
  let agent: any;

  const channel = async (name: string, options: Record<string, unknown>) => {
    const repo = app.db.getRepository('notificationChannels');
    await repo.destroy({ filter: { name } });
    await repo.create({ values: { name, title: name, notificationType: CHANNEL_TYPE, options, description: '' } });
    return name;
  };
  const sendTo = (channelName: string, receivers: any[], extra: Record<string, unknown> = {}) =>
    inboxOf(app).send({ channelName, receivers: receivers.map(userId), title: 'Hello', ...extra });

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, plugins: ['error-handler', 'data-source-main'] });
    [member] = await createUsers(app, 1, ['member']);
    [admin] = await createUsers(app, 1, ['admin', 'member']);
    agent = await loginAs(app, member);
  });
  afterAll(async () => app?.destroy());

  it('reads malformed or missing settings as not set', () => {
    expect(channelSettingsOf({ important: 'yes', defaultLevel: 'loud', toastDuration: -1, retentionDays: 1.5, allowedRoles: 'admin' })).toEqual({
      important: false,
      defaultLevel: null,
      toastDuration: null,
      retentionDays: null,
      allowedRoles: [],
    });
    expect(channelSettingsOf(null).allowedRoles).toEqual([]);
  });

  it("gives a message the channel's default level and toast duration where the sender set none", async () => {
    await channel('defaults', { defaultLevel: 'warning', toastDuration: 12 });
    const [plain] = await sendTo('defaults', [member]);
    expect(plain.level).toBe('warning');
    expect(plain.options.toastDuration).toBe(12);
    const [own] = await sendTo('defaults', [member], { level: 'error', options: { toastDuration: 3 } });
    expect(own.level).toBe('error');
    expect(own.options.toastDuration).toBe(3);
  });

  it("uses a channel's new settings from the next send on, though sends read them from a copy", async () => {
    await channel('changing', { defaultLevel: 'warning' });
    expect((await sendTo('changing', [member]))[0].level).toBe('warning');
    await app.db.getRepository('notificationChannels').update({ filter: { name: 'changing' }, values: { options: { defaultLevel: 'error' } } });
    expect((await sendTo('changing', [member]))[0].level).toBe('error');
    await app.db.getRepository('notificationChannels').destroy({ filter: { name: 'changing' } });
    await expect(sendTo('changing', [member])).rejects.toThrow(/no channel named "changing"/);
  });

  it('marks an important channel’s messages, refuses muting it, and ignores an old mute', async () => {
    await channel('alerts', {});
    await sendTo('alerts', [member]);
    const muted = await agent.resource('myInboxPreferences').set({ values: { mutedChannels: ['alerts'] } });
    expect(muted.status).toBe(200);
    expect((await agent.resource('myInboxMessages').count()).body.data.channels.alerts.muted).toBe(true);

    await channel('alerts', { important: true });
    const [message] = await sendTo('alerts', [member]);
    expect(message.options.important).toBe(true);
    const prefs = await agent.resource('myInboxPreferences').get();
    expect(prefs.body.data.mutedChannels).toEqual([]);
    // the client reads which channels it must offer no mute for; it cannot set them
    expect(prefs.body.data.importantChannels).toContain('alerts');
    const kept = await agent.resource('myInboxPreferences').set({ values: { toasts: true } });
    expect(kept.body.data.importantChannels).toContain('alerts');
    const claimed = await agent.resource('myInboxPreferences').set({ values: { importantChannels: [] } });
    expect(claimed.status).toBe(400);
    expect(claimed.body.errors[0].field).toBe('importantChannels');
    const counts = (await agent.resource('myInboxMessages').count()).body.data;
    expect(counts.channels.alerts.muted).toBe(false);
    expect(counts.unread).toBeGreaterThanOrEqual(1);
    const refused = await agent.resource('myInboxPreferences').set({ values: { mutedChannels: ['alerts'] } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('mutedChannels');
  });

  it('delivers only to users holding an allowed role, and counts the others in the send log', async () => {
    await channel('admins-only', { allowedRoles: ['admin'] });
    const report = await inboxOf(app).sendReport({ channelName: 'admins-only', receivers: [userId(member), userId(admin)], title: 'x' });
    expect(report.messages.map((m) => m.userId)).toEqual([userId(admin)]);
    expect(report.dropped).toBe(1);

    const manager = app.pm.get('notification-manager') as any;
    await manager.send({ channelName: 'admins-only', triggerFrom: 'test', message: { receivers: [userId(member), userId(admin)], title: 'y' } });
    const [log] = await app.db.getRepository('notificationSendLogs').find({ filter: { channelName: 'admins-only' } });
    expect(log.get('status')).toBe('success');
    expect(log.get('reason')).toMatch(/^1 receiver\(s\) dropped/);

    await expect(sendTo('admins-only', [member])).rejects.toMatchObject({ status: 400, field: 'receivers' });
  });

  it("purges a channel's read messages by its own retention days, whatever the app-wide setting", async () => {
    await channel('short', { retentionDays: 1 });
    await channel('kept', { retentionDays: 0 });
    await channel('plain', {});
    const messages = app.db.getModel(COLLECTIONS.messages);
    const readLongAgo = async (name: string, daysAgo: number) => {
      const [m] = await sendTo(name, [member]);
      await inboxOf(app).setRead(userId(member), [m.id], true);
      await messages.update({ readAt: new Date(Date.now() - daysAgo * DAY) }, { where: { id: m.id }, hooks: false });
      return m.id;
    };
    const ids = { short: await readLongAgo('short', 2), kept: await readLongAgo('kept', 400), plain: await readLongAgo('plain', 40) };
    const fresh = await readLongAgo('short', 0);
    const left = async () => (await messages.findAll({ attributes: ['id'], raw: true })).map((r: any) => Number(r.id));

    await inboxOf(app).updateSettings({ retentionDays: 0 });
    expect(await inboxOf(app).purgeExpired()).toBe(1);
    expect(await left()).not.toContain(ids.short);
    expect(await left()).toEqual(expect.arrayContaining([ids.kept, ids.plain, fresh]));

    await inboxOf(app).updateSettings({ retentionDays: 30 });
    expect(await inboxOf(app).purgeExpired()).toBe(1);
    expect(await left()).not.toContain(ids.plain);
    expect(await left()).toEqual(expect.arrayContaining([ids.kept, fresh]));
    await inboxOf(app).updateSettings({ retentionDays: 0 });
  });

  describe("refuses a bad setting when an admin saves one of our channels", () => {
    const save = (name: string, options: Record<string, unknown>) =>
      loginAs(app, admin, 'admin').then((adminAgent) =>
        adminAgent
          .resource('notificationChannels')
          .create({ values: { name, title: name, notificationType: CHANNEL_TYPE, options, description: '' } }),
      );
    const stored = (name: string) => app.db.getRepository('notificationChannels').findOne({ filter: { name } });

    it.each([
      [{ important: 'yes' }, 'options.important'],
      [{ defaultLevel: 'loud' }, 'options.defaultLevel'],
      [{ toastDuration: -1 }, 'options.toastDuration'],
      [{ toastDuration: 601 }, 'options.toastDuration'],
      [{ retentionDays: 1.5 }, 'options.retentionDays'],
      [{ allowedRoles: 'admin' }, 'options.allowedRoles'],
      [{ allowedRoles: ['no-such-role'] }, 'options.allowedRoles'],
    ])('%j: a 400 naming %s, and nothing saved', async (options, field) => {
      const name = `bad_${field.split('.')[1]}_${Math.random().toString(36).slice(2, 8)}`;
      const answer = await save(name, options);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0]).toMatchObject({ field });
      expect(await stored(name)).toBeNull();
    });

    it('saves good settings, empty fields, and keys it does not know', async () => {
      const answer = await save('good_settings', {
        important: true,
        defaultLevel: 'warning',
        toastDuration: 0,
        retentionDays: '',
        allowedRoles: ['admin'],
        somethingElse: 1,
      });
      expect(answer.status).toBe(200);
      expect(channelSettingsOf((await stored('good_settings')).get('options'))).toMatchObject({ important: true, allowedRoles: ['admin'] });
    });
  });
});
