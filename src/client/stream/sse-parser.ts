/** One dispatched Server-Sent Event; `id` is the stream's last event id at that point (it persists, per the spec). */
export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Pure, incremental parser of a `text/event-stream` body (WHATWG HTML §9.2.6): feed it decoded chunks
 * as they arrive, split anywhere, with LF, CRLF or CR line ends; comments (`: ping`) are skipped.
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let data: string[] = [];
  let eventName = '';
  let lastEventId: string | null = null;

  const dispatch = () => {
    if (data.length) onEvent({ event: eventName || 'message', data: data.join('\n'), id: lastEventId });
    data = [];
    eventName = '';
  };

  const readLine = (line: string) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
    else if (field === 'id' && !value.includes('\u0000')) lastEventId = value;
  };

  // a CR ending one chunk may be the first half of a CRLF: the LF opening the next chunk is then skipped
  let afterCR = false;

  return {
    push(chunk: string) {
      if (!chunk) return;
      buffer += afterCR && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
      afterCR = chunk.endsWith('\r');
      const lineEnd = /\r\n|\r|\n/g;
      let start = 0;
      let match: RegExpExecArray | null;
      while ((match = lineEnd.exec(buffer))) {
        readLine(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
  };
}
