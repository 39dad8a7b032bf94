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

/** A response with `headers` whose events are `events`: whether they went through the response, and the wire's head and body. */
async function streamed(headers: Record<string, string>, events: string[]) {
  let throughResponse: boolean | undefined;
  const wire = await exchange((res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const sink = openEventBody(res);
    throughResponse = sink === res;
    events.forEach((event) => sink.write(event));
    sink.end();
  });
  const [head, body] = wire.split('\r\n\r\n');
  return { throughResponse, head, body };
}

describe('the body of an event stream (openEventBody)', () => {
  it('is written to the connection as it is, without chunk framing, and ends when the connection closes', async () => {
    const events = ['event: count\ndata: {"unread":1}\n\n', ': ping\n\n'];
    const { throughResponse, head, body } = await streamed({ 'Content-Type': 'text/event-stream' }, events);
    expect(throughResponse).toBe(false);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toMatch(/\r\nConnection: close(\r\n|$)/);
    expect(head).not.toMatch(/Transfer-Encoding|Content-Length/i);
    expect(body).toBe(events.join(''));
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
    const { throughResponse, body } = await streamed({ 'Content-Length': '8' }, [': ping\n\n']);
    expect(throughResponse).toBe(true);
    expect(body).toBe(': ping\n\n');
  });
});
