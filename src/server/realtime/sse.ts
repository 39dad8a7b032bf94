/** Pure: the Server-Sent Events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html). */

export interface SseEvent {
  event: string;
  data: unknown;
  /** The `id:` field a reconnecting client sends back as `Last-Event-ID`. */
  id?: number;
}

/** One event; JSON never holds a raw line break, so `data` is always one line. */
export function formatEvent({ event, data, id }: SseEvent): string {
  return formatJsonEvent(event, JSON.stringify(data), id);
}

/** The same, its data already serialized (one line of JSON): what many streams share is serialized once. */
export function formatJsonEvent(event: string, json: string, id?: number): string {
  return `event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${json}\n\n`;
}

/** A comment line: clients ignore it, proxies see traffic and keep the connection. */
export function formatComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
