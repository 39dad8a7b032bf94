import { shouldToast, toastSeconds } from '../hooks/useMessageToasts';
import { relativeTime } from '../relative-time';
import { makeMessage } from './fakes';

describe('relativeTime', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('speaks the user language', () => {
    expect(relativeTime('2026-03-01T11:57:00Z', now, 'en-US')).toBe('3 minutes ago');
    expect(relativeTime('2026-02-28T12:00:00Z', now, 'fr-FR')).toBe('hier');
    expect(relativeTime('2026-03-01T11:59:50Z', now, 'en-US')).toBe('now');
  });
});

describe('toasts', () => {
  const preferences = { toasts: true, mutedChannels: [] as string[] };
  const now = Date.now();

  it('toasts a fresh unread message', () => {
    expect(shouldToast(makeMessage(), preferences, now, true)).toBe(true);
  });

  it('stays quiet when toasts are off, the channel is muted, the tab is hidden, or the message is old or read', () => {
    expect(shouldToast(makeMessage(), { ...preferences, toasts: false }, now, true)).toBe(false);
    expect(shouldToast(makeMessage({ channelName: 'ops' }), { ...preferences, mutedChannels: ['ops'] }, now, true)).toBe(false);
    expect(shouldToast(makeMessage(), preferences, now, false)).toBe(false);
    expect(shouldToast(makeMessage({ createdAt: new Date(now - 3600e3).toISOString() }), preferences, now, true)).toBe(false);
    expect(shouldToast(makeMessage({ readAt: new Date().toISOString() }), preferences, now, true)).toBe(false);
  });

  it('toasts an old message again when its snooze has just ended', () => {
    const old = new Date(now - 3600e3).toISOString();
    expect(shouldToast(makeMessage({ createdAt: old, wokenAt: new Date(now - 1000).toISOString() }), preferences, now, true)).toBe(true);
  });

  it("lasts the sender's toastDuration, 0 keeping it open, 4.5 s by default", () => {
    expect(toastSeconds(makeMessage({ options: { toastDuration: 10 } }))).toBe(10);
    expect(toastSeconds(makeMessage({ options: { toastDuration: 0 } }))).toBe(0);
    expect(toastSeconds(makeMessage({ options: {} }))).toBe(4.5);
    expect(toastSeconds(makeMessage({ options: { toastDuration: 'soon' } }))).toBe(4.5);
    expect(toastSeconds(makeMessage({ options: { toastDuration: null } }))).toBe(4.5);
  });
});
