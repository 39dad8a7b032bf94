import type { RawSseEvent } from '../testing/sse';

/**
 * The names and ids of the events in a stream's body, as it arrives in pieces cut anywhere: this server writes each
 * event as `event:`, `id:` and `data:` lines ending in a blank line, and the data is never read. With the suites' SSE
 * parser (eventsource-parser), four browsers' processes sharing one core read the first sends' events up to 170 ms
 * after the app had written the last one, and the latency counted that as the app's. Lines it does not know
 * (comments, chunk sizes if a proxy adds them) are passed over.
 */
export function scanEvents(onEvent: (event: RawSseEvent) => void): (text: string) => void {
  let rest = '';
  return (text) => {
    const all = rest + text;
    const end = all.lastIndexOf('\n\n');
    if (end < 0) return void (rest = all);
    rest = all.slice(end + 2);
    for (const block of all.slice(0, end).split('\n\n')) {
      let event = 'message';
      let id: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('id: ')) id = line.slice(4);
      }
      onEvent({ event, id, data: '' });
    }
  };
}
