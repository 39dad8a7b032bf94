import type { ServerResponse } from 'http';
import type { Socket } from 'net';
import type { StreamSink } from './inbox-stream';

/**
 * Sends the head of an event stream's response and answers where its events go. The body ends when the connection
 * closes (no chunked framing), so on HTTP/1 the bytes written to the connection are the body: once nothing of the
 * response is queued ahead of them, each event is one write to the socket. That costs about a fifth less than a
 * chunked write through the response (the chunk's four parts, and the socket corked then uncorked on the next tick),
 * and a send to 10,000 open streams is 10,000 such writes. Otherwise the events go through the response.
 */
export function openEventBody(res: ServerResponse): StreamSink {
  res.setHeader('Connection', 'close');
  res.removeHeader('Transfer-Encoding');
  res.flushHeaders();
  const socket = res.socket;
  const unframed =
    res.req.httpVersionMajor === 1 && (res as { chunkedEncoding?: boolean }).chunkedEncoding === false && !res.hasHeader('Content-Length');
  if (!socket || !unframed || !res.headersSent || res.writableLength !== socket.writableLength) return res;
  return new SocketSink(socket, res);
}

/**
 * Writes to the socket; ends through the response, which then closes the connection (a `Connection: close` response
 * destroys its socket once finished), so a client that never closes its side does not hold the stream open.
 */
class SocketSink implements StreamSink {
  constructor(
    private readonly socket: Socket,
    private readonly res: ServerResponse,
  ) {}

  get writableLength(): number {
    return this.socket.writableLength;
  }

  write(chunk: string): boolean {
    return this.socket.write(chunk);
  }

  end(): void {
    this.res.end();
  }

  once(event: 'drain' | 'close', listener: () => void): unknown {
    return this.socket.once(event, listener);
  }

  off(event: 'drain' | 'close', listener: () => void): unknown {
    return this.socket.off(event, listener);
  }
}
