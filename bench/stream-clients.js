// The browsers of the stream scenario, in a process of their own so their CPU and memory are not the server's.
// Opens one SSE request per given user and records when each `message` event arrives (ms since the epoch,
// sub-millisecond). Talks to the bench over IPC: open → opened, wait → arrivals, close.
const http = require('http');
const { performance } = require('perf_hooks');

const now = () => performance.timeOrigin + performance.now();
const requests = [];
let arrivals = [];
let waiter = null;

function onEvent(key, block, stream) {
  let event = 'message';
  let id;
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('id:')) id = Number(line.slice(3).trim());
  }
  if (event === 'message' && id !== undefined) {
    arrivals.push([key, id, now()]);
    if (waiter && arrivals.length >= waiter.expected) waiter.done();
  } else if (event === 'count' && !stream.ready) {
    stream.ready = true;
    stream.onReady();
  }
}

function open(url, key, headers) {
  return new Promise((resolve) => {
    const stream = { ready: false, onReady: () => resolve(true) };
    const request = http.get(url, { headers: { ...headers, Accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return resolve(false);
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith(':')) onEvent(key, block, stream);
        }
      });
    });
    request.on('error', () => resolve(false));
    requests.push(request);
  });
}

process.on('message', async (command) => {
  if (command.type === 'open') {
    const started = now();
    const opened = await Promise.all(command.streams.map((s) => open(s.url, s.key, s.headers)));
    process.send({ type: 'opened', failed: opened.filter((ok) => !ok).length, ms: now() - started });
  } else if (command.type === 'wait') {
    const reply = () => {
      clearTimeout(timer);
      waiter = null;
      process.send({ type: 'arrivals', arrivals });
      arrivals = [];
    };
    const timer = setTimeout(reply, command.timeoutMs);
    waiter = { expected: command.expected, done: reply };
    if (arrivals.length >= command.expected) reply();
  } else if (command.type === 'close') {
    requests.forEach((r) => r.destroy());
    process.exit(0);
  }
});
