import { createSseReader, SseEvent } from '../stream/stream-client';

const parseAll = (...chunks: string[]) => {
  const events: SseEvent[] = [];
  const parser = createSseReader((event) => events.push(event));
  chunks.forEach((chunk) => parser.feed(chunk));
  return events;
};

describe('SSE reader (eventsource-parser)', () => {
  it('dispatches named events with their id and data', () => {
    expect(parseAll('event: message\nid: 7\ndata: {"id":7}\n\n')).toEqual([{ event: 'message', id: '7', data: '{"id":7}' }]);
  });

  it('reassembles events split anywhere across chunks', () => {
    expect(parseAll('ev', 'ent: count\nda', 'ta: {"unread"', ':3}\n', '\n')).toEqual([
      { event: 'count', id: null, data: '{"unread":3}' },
    ]);
  });

  // a CR ending a chunk may be half a CRLF: eventsource-parser reads it once the next chunk begins
  it('accepts CRLF and CR line ends, including a CRLF split between chunks', () => {
    expect(parseAll('data: a\r', '\n\r\ndata: b\r\r', ': ping\n')).toEqual([
      { event: 'message', id: null, data: 'a' },
      { event: 'message', id: null, data: 'b' },
    ]);
  });

  it('joins multi-line data with newlines and defaults the event name to "message"', () => {
    expect(parseAll('data: one\ndata:two\n\n')).toEqual([{ event: 'message', id: null, data: 'one\ntwo' }]);
  });

  // eventsource-parser drops an id sent without data (our server never sends one): the id comes with an event
  it('skips comments (pings) and events without data, and keeps the last id for later events', () => {
    expect(parseAll('id: 5\ndata: a\n\n: ping\n\nevent: x\n\n', 'event: update\ndata: {}\n\n')).toEqual([
      { event: 'message', id: '5', data: 'a' },
      { event: 'update', id: '5', data: '{}' },
    ]);
  });

  it('does not dispatch an event whose blank line has not arrived yet', () => {
    expect(parseAll('data: half')).toEqual([]);
  });
});
