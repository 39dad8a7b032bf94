import { shouldToast } from '../hooks/useMessageToasts';
import { inboxReducer, initialInboxState, InboxState } from '../inbox-state';
import { makeMessage } from './fakes';
import { countsWithoutMuted, InboxChange } from '../../shared/contract';

const loaded = (): InboxState => {
  const items = [makeMessage({ id: 2, channelName: 'ops' }), makeMessage({ id: 1, channelName: 'ops' })];
  return {
    ...initialInboxState,
    messages: { ...initialInboxState.messages, items },
    counts: countsWithoutMuted({ ops: { unread: 2, total: 2 } }, []),
  };
};
const change = (state: InboxState, patch: Pick<InboxChange, 'change' | 'ids'> & Partial<InboxChange>) =>
  inboxReducer(state, { type: 'changed', change: { userId: 1, ...patch }, at: '2026-01-01T00:00:00.000Z' });

describe('inbox state: messages put aside', () => {
  it.each(['archived', 'snoozed'] as const)('drops %s messages from the loaded list and the counts', (kind) => {
    const next = change(loaded(), { change: kind, ids: [2] });
    expect(next.messages.items.map((m) => m.id)).toEqual([1]);
    expect(next.counts.unread).toBe(1);
  });

  it.each(['unarchived', 'unsnoozed'] as const)('leaves the list as it is on %s (never marks anything unread)', (kind) => {
    const read = change(loaded(), { change: 'read', ids: [1] });
    const next = change(read, { change: kind, ids: [1] });
    expect(next).toBe(read);
    expect(next.messages.items.find((m) => m.id === 1)?.readAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('changes no loaded message on a bulk change of a view (no ids: the fresh counts follow)', () => {
    const state = loaded();
    const next = change(state, { change: 'read', ids: [], filter: { status: 'all', q: 'x' } });
    expect(next.messages.items).toEqual(state.messages.items);
  });
});

describe('important channels', () => {
  it('toast their messages even when the user turned toasts off', () => {
    const off = { toasts: false, mutedChannels: [] };
    const now = Date.now();
    expect(shouldToast(makeMessage({ options: { important: true } }), off, now, true)).toBe(true);
    expect(shouldToast(makeMessage({ options: {} }), off, now, true)).toBe(false);
  });
});

describe('quiet hours', () => {
  it('hold every toast back while they last', () => {
    const now = new Date(2026, 0, 7, 23, 0).getTime();
    const message = makeMessage({ createdAt: new Date(now).toISOString(), options: { important: true } });
    const quiet = { toasts: true, mutedChannels: [], quietHours: { from: '22:00', to: '07:00' } };
    expect(shouldToast(message, quiet, now, true)).toBe(false);
    expect(shouldToast(message, { ...quiet, quietHours: { from: '08:00', to: '09:00' } }, now, true)).toBe(true);
  });
});
