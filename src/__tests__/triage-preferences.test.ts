import { MockServer } from '@nocobase/test';
import { inQuietHours } from '../shared/quiet-hours';
import { createInboxApp, createUsers, loginAs } from './test-utils';

describe('desktop alerts, sound and quiet hours preferences', () => {
  let app: MockServer;
  let agent: any;
  let other: any;
  const update = (values: unknown, as = agent) => as.resource('myInboxPreferences').set({ values });
  const get = async (as = agent) => (await as.resource('myInboxPreferences').get()).body.data;

  beforeAll(async () => {
    app = await createInboxApp({ acl: true, plugins: ['error-handler', 'data-source-main'] });
    const [user, second] = await createUsers(app, 2);
    agent = await loginAs(app, user);
    other = await loginAs(app, second);
  });
  afterAll(async () => app?.destroy());

  it('are off by default, stored per user, and keep the other preferences', async () => {
    expect(await get()).toMatchObject({ desktopAlerts: false, sound: false, quietHours: null, toasts: true });
    const res = await update({ desktopAlerts: true, sound: true, quietHours: { from: '22:00', to: '07:30' } });
    expect(res.status).toBe(200);
    await update({ toasts: false });
    expect(await get()).toMatchObject({ desktopAlerts: true, sound: true, quietHours: { from: '22:00', to: '07:30' }, toasts: false });
    expect(await get(other)).toMatchObject({ desktopAlerts: false, quietHours: null });
    await update({ quietHours: null });
    expect((await get()).quietHours).toBeNull();
  });

  it.each([
    [{ desktopAlerts: 'yes' }, 'desktopAlerts'],
    [{ sound: 1 }, 'sound'],
    [{ quietHours: { from: '25:00', to: '07:00' } }, 'quietHours'],
    [{ quietHours: { from: '22:00' } }, 'quietHours'],
    [{ quietHours: '22:00-07:00' }, 'quietHours'],
  ])('refuses %j with a 400 naming %s', async (values, field) => {
    const res = await update(values);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
  });

  it('tells whether a local time is quiet, across midnight too', () => {
    const at = (h: number, m = 0) => new Date(2026, 0, 7, h, m);
    expect(inQuietHours({ from: '22:00', to: '07:00' }, at(23))).toBe(true);
    expect(inQuietHours({ from: '22:00', to: '07:00' }, at(6, 59))).toBe(true);
    expect(inQuietHours({ from: '22:00', to: '07:00' }, at(7))).toBe(false);
    expect(inQuietHours({ from: '12:00', to: '13:00' }, at(12, 30))).toBe(true);
    expect(inQuietHours({ from: '12:00', to: '13:00' }, at(13, 30))).toBe(false);
    expect(inQuietHours({ from: '09:00', to: '09:00' }, at(9))).toBe(false);
    expect(inQuietHours(null, at(9))).toBe(false);
  });
});
