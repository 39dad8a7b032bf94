import { fromSse } from '../stream/inbox-event';

const sse = (event: string, data: string, id: string | null = null) => ({ event, data, id });

describe('stream events as inbox events', () => {
  it('reads the `start` event as where the stream begins', () => {
    expect(fromSse(sse('start', '{"after":12}', '12'))).toEqual({ type: 'start', after: 12 });
    expect(fromSse(sse('start', '{"after":0}', '0'))).toEqual({ type: 'start', after: 0 });
  });

  it('drops a named event whose data lacks the field it is told apart by, and unknown names', () => {
    expect(fromSse(sse('start', '{"after":"12"}'))).toBeNull();
    expect(fromSse(sse('message', '{"title":"no id"}'))).toBeNull();
    expect(fromSse(sse('count', 'not json'))).toBeNull();
    expect(fromSse(sse('later', '{"after":1}'))).toBeNull();
  });

  it('reads a message, an update and a count', () => {
    expect(fromSse(sse('message', '{"id":3}', '3'))).toEqual({ type: 'message', message: { id: 3 } });
    expect(fromSse(sse('update', '{"ids":[3],"change":"read"}'))).toEqual({ type: 'update', change: { ids: [3], change: 'read' } });
    expect(fromSse(sse('count', '{"unread":2}'))).toEqual({ type: 'count', counts: { unread: 2 } });
  });
});
