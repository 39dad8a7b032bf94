import { createSseParser, SseEvent } from '../stream/sse-parser';

const parseAll = (...chunks: string[]) => {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  chunks.forEach((chunk) => parser.push(chunk));
  return events;
};

describe('SSE parser', () => {
  it('dispatches named events with their id and data', () => {
    expect(parseAll('event: message\nid: 7\ndata: {"id":7}\n\n')).toEqual([{ event: 'message', id: '7', data: '{"id":7}' }]);
  });

  it('reassembles events split anywhere across chunks', () => {
    expect(parseAll('ev', 'ent: count\nda', 'ta: {"unread"', ':3}\n', '\n')).toEqual([
      { event: 'count', id: null, data: '{"unread":3}' },
    ]);
  });

  it('accepts CRLF and CR line ends, including a CRLF split between chunks', () => {
    expect(parseAll('data: a\r', '\n\r\ndata: b\r\r')).toEqual([
      { event: 'message', id: null, data: 'a' },
      { event: 'message', id: null, data: 'b' },
    ]);
  });

  it('joins multi-line data with newlines and defaults the event name to "message"', () => {
    expect(parseAll('data: one\ndata:two\n\n')).toEqual([{ event: 'message', id: null, data: 'one\ntwo' }]);
  });

  it('skips comments (pings) and events without data, and keeps the last id for later events', () => {
    expect(parseAll(': ping\n\nid: 5\n\n', 'event: update\ndata: {}\n\n')).toEqual([{ event: 'update', id: '5', data: '{}' }]);
  });

  it('does not dispatch an event whose blank line has not arrived yet', () => {
    expect(parseAll('data: half')).toEqual([]);
  });
});
