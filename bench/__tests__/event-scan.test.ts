import { scanEvents } from '../event-scan';

describe("the stream bench's event scanner", () => {
  const body =
    ': connected\n\nevent: start\nid: 7\ndata: {"after":7}\n\nevent: message\nid: 8\ndata: {"id":8,"title":"a\\nb"}\n\n' +
    'event: count\ndata: {"unread":1}\n\n';
  const expected = [
    { event: 'message', id: undefined, data: '' },
    { event: 'start', id: '7', data: '' },
    { event: 'message', id: '8', data: '' },
    { event: 'count', id: undefined, data: '' },
  ];

  it('reads each event’s name and id, a comment as an event without either', () => {
    const events: unknown[] = [];
    scanEvents((event) => events.push(event))(body);
    expect(events).toEqual(expected);
  });

  it('gives the same events however the body is cut, and none before its blank line', () => {
    for (const size of [1, 2, 5, 13]) {
      const events: unknown[] = [];
      const feed = scanEvents((event) => events.push(event));
      for (let i = 0; i < body.length; i += size) feed(body.slice(i, i + size));
      expect(events).toEqual(expected);
    }
    const events: unknown[] = [];
    scanEvents((event) => events.push(event))('event: message\nid: 9\ndata: {}\n');
    expect(events).toEqual([]);
  });
});
