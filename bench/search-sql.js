// Search at 1,000,000 messages in plain SQL (node bench/search-sql.js, SQLite in memory): the old scan, the trigram
// index path (search-index.ts) and the official plugin's list (count + page, title LIKE), same rows as bench/seed.ts.
// For a machine too loaded to finish `npm run bench` at 1M: no NocoBase app, so no harness overhead in the figures.
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(':memory:');
const exec = (sql) => new Promise((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res())));
const all = (sql, p = []) => new Promise((res, rej) => db.all(sql, p, (e, r) => (e ? rej(e) : res(r))));
const N = 1_000_000;
const CONTENT = 'Quarterly figures are ready: open the report to review the numbers of your team before Friday.';
async function time(f, runs = 7) {
  const wall = [], cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint();
    await f();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6); const c = process.cpuUsage(c0); cpu.push((c.user + c.system) / 1000);
  }
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { wall: +med(wall).toFixed(1), cpu: +med(cpu).toFixed(1) };
}
(async () => {
  const t0 = Date.now();
  await exec(`CREATE TABLE m (id INTEGER PRIMARY KEY AUTOINCREMENT, userId BIGINT NOT NULL, channelName VARCHAR(255) NOT NULL, title VARCHAR(255) NOT NULL, content MEDIUMTEXT, level VARCHAR(16) NOT NULL DEFAULT 'info', url TEXT, readAt DATETIME, createdAt DATETIME NOT NULL, options JSON, actions JSON, response JSON, archivedAt DATETIME, snoozedUntil DATETIME);
CREATE TABLE o (id UUID PRIMARY KEY, userId BIGINT, channelName VARCHAR(255), title TEXT, content TEXT, status VARCHAR(255), receiveTimestamp BIGINT, options JSON, createdAt DATETIME, updatedAt DATETIME);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM c WHERE i < ${N - 1}),
p AS (SELECT i, CASE WHEN i%10=0 THEN 1 ELSE 2+abs(random())%9999 END AS u, abs(random())%20 AS ch FROM c)
INSERT INTO m (userId, channelName, title, content, level, createdAt, options, archivedAt)
SELECT u, 'inbox-'||ch, t, '${CONTENT}', 'info', '2026-01-01', '{}', a FROM (SELECT i, u, ch, 'Message '||i AS t, NULL AS a FROM p UNION ALL SELECT i, u, ch, 'Archived '||i, '2026-01-01' FROM p WHERE (i/10)%10=0) ORDER BY i, a;
CREATE INDEX m1 ON m(userId, channelName, id); CREATE INDEX m2 ON m(userId, id); CREATE INDEX m3 ON m(userId, level, id); CREATE INDEX m4 ON m(userId, archivedAt); CREATE INDEX m5 ON m(snoozedUntil);
INSERT INTO o SELECT 'u'||id, userId, 'official-'||substr(channelName,7), title, content, 'read', id*1000, '{}', createdAt, createdAt FROM m WHERE archivedAt IS NULL;`);
  console.log('seeded in', (Date.now() - t0) / 1000, 's;', (await all('select count(*) n from m'))[0].n, 'ours rows');
  const t1 = Date.now();
  // the catch-up as search-index.ts runs it
  await exec(`CREATE VIRTUAL TABLE s USING fts5(title, content, content='', contentless_delete=1, tokenize='trigram'); CREATE TABLE r ("startId" INTEGER PRIMARY KEY, "endId" INTEGER NOT NULL);`);
  const top = (await all('select max(id) t from m'))[0].t;
  for (let from = 1; from <= top; from += 20000) {
    const to = Math.min(from + 19999, top);
    await exec(`INSERT INTO r ("startId","endId") SELECT MIN(i), MAX(i) FROM (SELECT i, SUM(starts) OVER (ORDER BY i) AS run FROM (SELECT id AS i, CASE WHEN LAG(id) OVER w IS NULL OR LAG(title) OVER w IS NOT title OR LAG(content) OVER w IS NOT content THEN 1 ELSE 0 END AS starts FROM m WHERE id BETWEEN ${from} AND ${to} WINDOW w AS (ORDER BY id))) GROUP BY run;
INSERT INTO s (rowid, title, content) SELECT m.id, m.title, m.content FROM r JOIN m ON m.id = r."startId" WHERE r."startId" BETWEEN ${from} AND ${to};`);
  }
  console.log('index built (every message its own text: the worst case) in', (Date.now() - t1) / 1000, 's');
  const shown = `userId = 1 AND archivedAt IS NULL AND snoozedUntil IS NULL`;
  const hit = (q) => `(instr(lower(title), '${q}') > 0 OR instr(lower(content), '${q}') > 0)`;
  const oldScan = (q) => all(`SELECT * FROM m WHERE ${shown} AND ${hit(q)} ORDER BY id DESC LIMIT 30`);
  const indexed = async (q) => {
    await all(`SELECT (SELECT "endId" FROM r ORDER BY "startId" DESC LIMIT 1) AS i, (SELECT MAX(id) FROM m) AS t`);
    const [edge] = await all(`SELECT id FROM m WHERE userId = 1 ORDER BY id DESC LIMIT 1 OFFSET 999`);
    const newest = await all(`SELECT * FROM m WHERE ${shown} AND ${hit(q)} AND id >= ${edge.id} ORDER BY id DESC LIMIT 30`);
    if (newest.length >= 30) return newest;
    const older = await all(`SELECT * FROM m WHERE ${shown} AND ${hit(q)} AND id < ${edge.id} AND id IN (SELECT m.id FROM r JOIN m ON m.userId = 1 AND m.id BETWEEN r."startId" AND r."endId" WHERE r."startId" IN (SELECT rowid FROM s WHERE s MATCH '"${q}"')) ORDER BY id DESC LIMIT ${30 - newest.length}`);
    return [...newest, ...older];
  };
  // NocoBase's list with paginate: a count and a page, title LIKE for $includes
  const official = async (q) => {
    await all(`SELECT count(*) FROM o WHERE userId = 1 AND title LIKE '%${q}%'`);
    return all(`SELECT * FROM o WHERE userId = 1 AND title LIKE '%${q}%' ORDER BY receiveTimestamp DESC LIMIT 30`);
  };
  for (const q of ['message 99', 'message 12345', 'no such text']) {
    const a = (await oldScan(q)).map((x) => x.id), b = (await indexed(q)).map((x) => x.id);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('differ for ' + q);
    console.log(JSON.stringify({ q, rows: a.length, oldScan: await time(() => oldScan(q)), indexed: await time(() => indexed(q)), official: await time(() => official(q), 3) }));
  }
  const archived = () => all(`SELECT * FROM m WHERE userId = 1 AND archivedAt IS NOT NULL ORDER BY id DESC LIMIT 30`);
  console.log(JSON.stringify({ archived: await time(archived), rows: (await archived()).length }));
})().catch((e) => { console.error(e); process.exit(1); });
