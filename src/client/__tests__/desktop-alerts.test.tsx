// Desktop alerts: the pure decision, the preferences' permission flow, and the live path (one OS notification and
// one tone per browser, the click that brings the message forward), with Notification and AudioContext faked.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { shouldAlert, AlertInput } from '../desktop-alerts';
import { fakeBroadcastChannel, fakeLocks, makeMessage } from './fakes';
import { bell, openInbox, renderInbox } from './render-inbox';
import type { Preferences } from '../../shared/contract';

class FakeNotification {
  static permission: NotificationPermission = 'granted';
  /** what the browser's prompt answers */
  static answer: NotificationPermission = 'granted';
  static requestPermission = jest.fn(async () => (FakeNotification.permission = FakeNotification.answer));
  static shown: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  close = jest.fn();
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
}

const tones: number[] = [];
class FakeAudioContext {
  state = 'running';
  currentTime = 0;
  destination = {};
  createOscillator() {
    return { type: '', frequency: { value: 0 }, connect: <T,>(node: T) => node, start: () => tones.push(1), stop: () => undefined };
  }
  createGain() {
    return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: <T,>(node: T) => node };
  }
  resume = async () => undefined;
  close = async () => undefined;
}

const PREFS: Preferences = { toasts: true, mutedChannels: [] };
const NOON = new Date(2026, 5, 1, 12, 0).getTime();
const fresh = makeMessage({ id: 50, createdAt: new Date(NOON - 1000).toISOString() });
const hhmm = (at: number) => new Date(at).toTimeString().slice(0, 5);
/** quiet hours around `at` (local time, as the user sets them) */
const quietAround = (at: number) => ({ from: hhmm(at - 3600_000), to: hhmm(at + 3600_000) });

const setHidden = (hidden: boolean) =>
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });

beforeEach(() => {
  FakeNotification.permission = 'granted';
  FakeNotification.answer = 'granted';
  FakeNotification.requestPermission.mockClear();
  FakeNotification.shown = [];
  tones.length = 0;
  Object.assign(window, { Notification: FakeNotification, AudioContext: FakeAudioContext });
});
afterEach(() => {
  delete (window as Partial<typeof window>).Notification;
  delete (window as Partial<typeof window>).AudioContext;
  delete (document as { visibilityState?: unknown }).visibilityState;
});

describe('shouldAlert', () => {
  const input = (patch: Omit<Partial<AlertInput>, 'prefs'> & { prefs?: Partial<Preferences> } = {}): AlertInput => ({
    message: fresh,
    hidden: true,
    leader: true,
    now: NOON,
    permission: 'granted',
    ...patch,
    prefs: { ...PREFS, desktopAlerts: true, sound: true, ...patch.prefs },
  });

  it('notifies and sounds from the hidden leader tab once the user turned both on', () => {
    expect(shouldAlert(input())).toEqual({ notify: true, sound: true });
  });

  it('does neither by default', () => {
    expect(shouldAlert({ ...input(), prefs: PREFS })).toEqual({ notify: false, sound: false });
  });

  it('leaves a visible tab to its toast, but still sounds', () => {
    expect(shouldAlert(input({ hidden: false }))).toEqual({ notify: false, sound: true });
  });

  it('stays silent in a follower tab: the leader speaks for the browser', () => {
    expect(shouldAlert(input({ leader: false }))).toEqual({ notify: false, sound: false });
  });

  it('stays silent in quiet hours, also when they wrap past midnight', () => {
    expect(shouldAlert(input({ prefs: { quietHours: quietAround(NOON) } }))).toEqual({ notify: false, sound: false });
    const night = new Date(2026, 5, 1, 23, 30).getTime();
    const late = { ...fresh, createdAt: new Date(night).toISOString() };
    expect(shouldAlert(input({ message: late, now: night, prefs: { quietHours: { from: '22:00', to: '07:00' } } }))).toEqual({
      notify: false,
      sound: false,
    });
    expect(shouldAlert(input({ prefs: { quietHours: { from: '22:00', to: '07:00' } } }))).toEqual({ notify: true, sound: true });
  });

  it('needs the browser permission for the notification, not for the tone', () => {
    for (const permission of ['denied', 'default', 'unsupported'] as const) {
      expect(shouldAlert(input({ permission }))).toEqual({ notify: false, sound: true });
    }
  });

  it('ignores what is not news: read, muted, or replayed long after it was sent', () => {
    expect(shouldAlert(input({ message: { ...fresh, readAt: new Date(NOON).toISOString() } }))).toEqual({ notify: false, sound: false });
    expect(shouldAlert(input({ prefs: { mutedChannels: [fresh.channelName] } }))).toEqual({ notify: false, sound: false });
    expect(shouldAlert(input({ now: NOON + 10 * 60_000 }))).toEqual({ notify: false, sound: false });
  });
});

describe('the preferences panel', () => {
  const openPreferences = async (preferences: Preferences = PREFS) => {
    const rendered = renderInbox({ messages: [makeMessage()], preferences });
    const dialog = await openInbox();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Inbox preferences' }));
    return { ...rendered, dialog };
  };
  const setCalls = (callsTo: (route: string) => { data?: unknown }[]) => callsTo('myInboxPreferences:set').map((call) => call.data);

  it('shows every alert off by default, each switch labelled', async () => {
    const { dialog } = await openPreferences();
    for (const name of ['Desktop notification while this tab is hidden', 'Play a sound when a message arrives', 'Quiet hours']) {
      expect(within(dialog).getByRole('switch', { name })).not.toBeChecked();
    }
  });

  it('asks the browser when desktop alerts are switched on, saves the choice and shows the answer', async () => {
    FakeNotification.permission = 'default';
    const { dialog, callsTo } = await openPreferences();
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Desktop notification while this tab is hidden' }));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(setCalls(callsTo)).toEqual([{ desktopAlerts: true }]));
    expect(await within(dialog).findByText('Allowed by this browser.')).toBeInTheDocument();
    expect(within(dialog).getByRole('switch', { name: 'Desktop notification while this tab is hidden' })).toHaveAccessibleDescription(
      'Allowed by this browser.',
    );
  });

  it('says so when the browser blocks notifications', async () => {
    FakeNotification.permission = 'default';
    FakeNotification.answer = 'denied';
    const { dialog } = await openPreferences();
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Desktop notification while this tab is hidden' }));
    expect(await within(dialog).findByText(/^Blocked by this browser/)).toBeInTheDocument();
  });

  it('offers to ask again in a browser that was never asked, and says when it cannot notify at all', async () => {
    FakeNotification.permission = 'default';
    const { dialog, unmount } = await openPreferences({ ...PREFS, desktopAlerts: true });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Allow notifications' }));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(await within(dialog).findByText('Allowed by this browser.')).toBeInTheDocument();
    unmount();

    delete (window as Partial<typeof window>).Notification;
    const other = await openPreferences({ ...PREFS, desktopAlerts: true });
    expect(await within(other.dialog).findByText('This browser does not support notifications.')).toBeInTheDocument();
  });

  it('saves the sound and the quiet hours, from the keyboard-reachable switch and time fields', async () => {
    const { dialog, callsTo } = await openPreferences();
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Play a sound when a message arrives' }));
    await waitFor(() => expect(setCalls(callsTo)).toEqual([{ sound: true }]));
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Quiet hours' }));
    await waitFor(() => expect(setCalls(callsTo)[1]).toEqual({ quietHours: { from: '22:00', to: '07:00' } }));
    const from = await within(dialog).findByLabelText('From');
    expect(within(dialog).getByLabelText('Until')).toHaveValue('07:00');
    fireEvent.change(from, { target: { value: '23:15' } });
    await waitFor(() => expect(setCalls(callsTo)[2]).toEqual({ quietHours: { from: '23:15', to: '07:00' } }));
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Quiet hours' }));
    await waitFor(() => expect(setCalls(callsTo)[3]).toEqual({ quietHours: null }));
  });
});

describe('live alerts', () => {
  const ON: Preferences = { ...PREFS, desktopAlerts: true, sound: true };
  const now = () => new Date().toISOString();

  const live = async (preferences: Preferences) => {
    const rendered = renderInbox({ messages: [makeMessage({ id: 1 })], preferences, live: true });
    await waitFor(() => expect(rendered.stream.connections).toHaveLength(1));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 1 unread'));
    return rendered;
  };

  it('shows an OS notification and plays the tone for a message that arrives while the tab is hidden', async () => {
    setHidden(true);
    const { stream } = await live(ON);
    act(() => stream.send('message', makeMessage({ id: 60, title: 'Server down', content: 'DB **unreachable**\nmore', createdAt: now() }), 60));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    expect(FakeNotification.shown[0].title).toBe('Server down');
    expect(FakeNotification.shown[0].options).toEqual({ body: 'DB unreachable', tag: 'inbox-message-60' });
    expect(tones).toHaveLength(1);
    expect(screen.queryByText('Server down')).toBeNull(); // no toast in a hidden tab
  });

  it('stays silent while the tab is visible (the toast shows) or when the alerts are off', async () => {
    setHidden(false);
    const { stream, unmount } = await live({ ...ON, sound: false });
    act(() => stream.send('message', makeMessage({ id: 61, title: 'Seen', createdAt: now() }), 61));
    expect(await screen.findByText('Seen')).toBeInTheDocument();
    unmount();

    setHidden(true);
    const off = await live(PREFS);
    act(() => off.stream.send('message', makeMessage({ id: 62, title: 'Unheard', createdAt: now() }), 62));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 2 unread'));
    expect(FakeNotification.shown).toHaveLength(0);
    expect(tones).toHaveLength(0);
  });

  it('fires neither toast, tone nor notification in quiet hours', async () => {
    setHidden(false);
    const { stream } = await live({ ...ON, quietHours: quietAround(Date.now()) });
    act(() => stream.send('message', makeMessage({ id: 63, title: 'Night shift', createdAt: now() }), 63));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 2 unread'));
    setHidden(true);
    act(() => stream.send('message', makeMessage({ id: 64, title: 'Night shift 2', createdAt: now() }), 64));
    await waitFor(() => expect(bell()).toHaveAccessibleName('Messages, 3 unread'));
    expect(screen.queryByText(/Night shift/)).toBeNull();
    expect(FakeNotification.shown).toHaveLength(0);
    expect(tones).toHaveLength(0);
  });

  it('alerts once per browser: only the tab holding the stream', async () => {
    setHidden(true);
    const browser = { locks: fakeLocks(), BroadcastChannel: fakeBroadcastChannel() };
    const seed = [makeMessage({ id: 1 })];
    const first = renderInbox({ messages: seed, preferences: ON, live: true, crossTab: browser });
    renderInbox({ messages: seed, preferences: ON, live: true, crossTab: browser });
    const bells = () => screen.getAllByRole('button', { name: /^Messages/ });
    await waitFor(() => expect(first.stream.connections).toHaveLength(1));
    await waitFor(() => bells().forEach((one) => expect(one).toHaveAccessibleName('Messages, 1 unread')));
    act(() => first.stream.send('message', makeMessage({ id: 65, createdAt: now() }), 65));
    await waitFor(() => bells().forEach((one) => expect(one).toHaveAccessibleName('Messages, 2 unread')));
    expect(FakeNotification.shown).toHaveLength(1);
    expect(tones).toHaveLength(1);
  });

  it('brings the tab forward on a click and follows the message link', async () => {
    setHidden(true);
    const focus = jest.spyOn(window, 'focus').mockImplementation(() => undefined);
    const { stream, navigate, callsTo } = await live(ON);
    act(() => stream.send('message', makeMessage({ id: 66, url: '/admin/ops', createdAt: now() }), 66));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    act(() => FakeNotification.shown[0].onclick?.());
    expect(focus).toHaveBeenCalled();
    expect(FakeNotification.shown[0].close).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith('/admin/ops');
    await waitFor(() => expect(callsTo('myInboxMessages:markRead').length).toBe(1));
    focus.mockRestore();
  });

  it('opens the inbox on the message when it has no link', async () => {
    setHidden(true);
    const focus = jest.spyOn(window, 'focus').mockImplementation(() => undefined);
    const { stream, store } = await live(ON);
    const message = makeMessage({ id: 67, title: 'No link here', channelName: 'ops', createdAt: now() });
    store.messages.push(message);
    act(() => stream.send('message', message, 67));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    act(() => FakeNotification.shown[0].onclick?.());
    expect(focus).toHaveBeenCalled();
    await waitFor(() => expect(bell()).toHaveAttribute('aria-expanded', 'true'));
    const dialog = await screen.findByRole('dialog');
    expect((await within(dialog).findAllByText('No link here')).length).toBeGreaterThan(0);
    expect(within(dialog).getByRole('option', { name: /^ops/ })).toHaveAttribute('aria-selected', 'true');
    focus.mockRestore();
  });
});
