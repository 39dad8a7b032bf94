import type { InboxHub } from '../stream/cross-tab';
import { HubShelf } from '../stream/hub-shelf';
import type { InboxEvent } from '../stream/inbox-event';

/** A hub whose events the test emits; `stop` is recorded. */
function fakeHubs() {
  const made: { emit: (event: InboxEvent) => void; hub: InboxHub & { stop: jest.Mock } }[] = [];
  const create = (onEvent: (event: InboxEvent) => void) => {
    const hub = { isLeader: true, publish: onEvent, stop: jest.fn() };
    made.push({ emit: onEvent, hub });
    return hub;
  };
  return { made, create };
}

const count = (unread: number): InboxEvent => ({ type: 'count', counts: { unread } as never });

describe('a page keeps the stream of an inbox that unmounts for a moment', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('hands the released hub, still open, to an inbox mounted again within the linger, with the events of the gap', () => {
    const shelf = new HubShelf();
    const { made, create } = fakeHubs();
    const first: InboxEvent[] = [];
    const second: InboxEvent[] = [];
    shelf.lease('user-1', 3000, create, (event) => first.push(event)).release();
    made[0].emit(count(1)); // came while no inbox was mounted
    jest.advanceTimersByTime(2999);
    const lease = shelf.lease('user-1', 3000, create, (event) => second.push(event));

    expect(made).toHaveLength(1);
    expect(lease.hub).toBe(made[0].hub);
    expect(made[0].hub.stop).not.toHaveBeenCalled();
    expect(first).toEqual([]);
    expect(second).toEqual([count(1)]);
    made[0].emit(count(2));
    expect(second).toEqual([count(1), count(2)]);
    jest.advanceTimersByTime(10_000);
    expect(made[0].hub.stop).not.toHaveBeenCalled(); // held again: no linger runs out
    lease.release();
  });

  it('stops a released hub nobody takes once the linger is over, and the next inbox gets a new one', () => {
    const shelf = new HubShelf();
    const { made, create } = fakeHubs();
    shelf.lease('user-1', 3000, create, () => undefined).release();
    jest.advanceTimersByTime(3000);
    expect(made[0].hub.stop).toHaveBeenCalledTimes(1);
    shelf.lease('user-1', 3000, create, () => undefined);
    expect(made).toHaveLength(2);
  });

  it('stops at once without a linger, and keeps hubs of other keys (users, apps) apart', () => {
    const shelf = new HubShelf();
    const { made, create } = fakeHubs();
    shelf.lease('user-1', 0, create, () => undefined).release();
    expect(made[0].hub.stop).toHaveBeenCalledTimes(1);
    shelf.lease('user-1', 3000, create, () => undefined).release();
    shelf.lease('user-2', 3000, create, () => undefined);
    expect(made).toHaveLength(3);
  });

  it('gives two inboxes mounted at once a hub each (as two tabs), and shelves one of them when both unmount', () => {
    const shelf = new HubShelf();
    const { made, create } = fakeHubs();
    const [a, b] = [shelf.lease('user-1', 3000, create, () => undefined), shelf.lease('user-1', 3000, create, () => undefined)];
    expect(a.hub).not.toBe(b.hub);
    a.release();
    b.release();
    expect(made[0].hub.stop).not.toHaveBeenCalled();
    expect(made[1].hub.stop).toHaveBeenCalledTimes(1);
  });
});
