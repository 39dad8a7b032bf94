import http, { ServerResponse } from 'http';
import net from 'net';
import type { AddressInfo } from 'net';
import { openEventBody } from '../server/realtime/event-body';

/**
 * One request answered by `answer`; resolves with what the connection carried, head and body, once the server closed
 * it. The client never closes its side: only the server ends the connection.
 */
async function exchange(answer: (res: ServerResponse) => void): Promise<string> {
  const server = http.createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const socket = net.connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', allowHalfOpen: true });
    socket.write('GET /stream HTTP/1.1\r\nHost: test\r\n\r\n');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    await new Promise((resolve) => socket.on('end', resolve));
    return text;
  } finally {
    server.close();
  }
}

describe('the body of an event stream (openEventBody)', () => {
  it('is written to the connection as it is, without chunk framing, and ends when the connection closes', async () => {
    let throughResponse = true;
    const wire = await exchange((res) => {
      res.setHeader('Content-Type', 'text/event-stream');
      const sink = openEventBody(res);
      throughResponse = sink === res;
      sink.write('event: count\ndata: {"unread":1}\n\n');
      sink.write(': ping\n\n');
      sink.end();
    });
    const [head, body] = wire.split('\r\n\r\n');
    expect(throughResponse).toBe(false);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toMatch(/\r\nConnection: close(\r\n|$)/);
    expect(head).not.toMatch(/Transfer-Encoding|Content-Length/i);
    expect(body).toBe('event: count\ndata: {"unread":1}\n\n: ping\n\n');
  });

  it('closes the connection once ended, though the client keeps its side open', async () => {
    let closed: Promise<unknown> = Promise.resolve();
    await exchange((res) => {
      closed = new Promise((resolve) => res.socket?.once('close', resolve));
      openEventBody(res).end();
    });
    // `close` says whether the socket closed on an error: it did not
    await expect(closed).resolves.toBe(false);
  });

  it('goes through the response when the response has a length of its own', async () => {
    let wroteToResponse = false;
    const wire = await exchange((res) => {
      res.setHeader('Content-Length', '8');
      const sink = openEventBody(res);
      wroteToResponse = sink === res;
      sink.write(': ping\n\n');
      sink.end();
    });
    expect(wroteToResponse).toBe(true);
    expect(wire.split('\r\n\r\n')[1]).toBe(': ping\n\n');
  });
});
