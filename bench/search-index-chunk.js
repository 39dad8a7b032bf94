// The write lock one search-index chunk holds (node bench/search-index-chunk.js [rows per chunk] [same|distinct]):
// a file SQLite of 200,000 messages, each chunk one IMMEDIATE transaction running the statements search-index.ts runs.
// `distinct` (the default) gives every row its own title, the worst case; `same` one text for all (a send's fan-out).
const fs = require('fs');
const os = require('os');
const path = require('path');
const sqlite3 = require('sqlite3');

const CHUNK = Number(process.argv[2] ?? 1000);
const SAME = process.argv[3] === 'same';
const ROWS = 200_000;
const CHUNKS = 40;
const file = path.join(os.tmpdir(), `search-index-chunk-${process.pid}.sqlite`);
const db = new sqlite3.Database(file);
const exec = (sql) => new Promise((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res())));
const one = (sql) => new Promise((res, rej) => db.get(sql, [], (e, r) => (e ? rej(e) : res(r))));
const CONTENT = 'Quarterly figures are ready: open the report to review the numbers of your team before Friday.';

(async () => {
  await exec(`CREATE TABLE m (id INTEGER PRIMARY KEY AUTOINCREMENT, userId BIGINT, title VARCHAR(255), content TEXT);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM c WHERE i < ${ROWS - 1})
INSERT INTO m (userId, title, content) SELECT i % 1000, ${SAME ? "'Message'" : "'Message '||i"}, '${CONTENT}' FROM c;
CREATE VIRTUAL TABLE s USING fts5(title, content, content='', contentless_delete=1, tokenize='trigram');
CREATE TABLE r ("startId" INTEGER PRIMARY KEY, "endId" INTEGER NOT NULL);`);
  const ms = [];
  for (let k = 0; k < CHUNKS; k++) {
    const t0 = process.hrtime.bigint();
    await exec('BEGIN IMMEDIATE');
    const { indexed } = await one(`SELECT (SELECT "endId" FROM r ORDER BY "startId" DESC LIMIT 1) AS indexed, (SELECT MAX(id) FROM m) AS top`);
    const after = indexed ?? 0;
    const c = await one(
      `SELECT (SELECT MIN(id) FROM m WHERE id > ${after}) AS "from", COALESCE((SELECT id FROM m WHERE id > ${after} ` +
        `ORDER BY id LIMIT 1 OFFSET ${CHUNK - 1}), (SELECT MAX(id) FROM m)) AS "to"`,
    );
    const gone = `WHERE "startId" < (SELECT MIN(id) FROM m) AND "endId" < (SELECT MIN(id) FROM m)`;
    await exec(`DELETE FROM s WHERE rowid IN (SELECT "startId" FROM r ${gone}); DELETE FROM r ${gone};
INSERT INTO r ("startId","endId") SELECT MIN(i), MAX(i) FROM (SELECT i, SUM(starts) OVER (ORDER BY i) AS run FROM (
SELECT id AS i, CASE WHEN LAG(id) OVER w IS NULL OR LAG(title) OVER w IS NOT title OR LAG(content) OVER w IS NOT content
THEN 1 ELSE 0 END AS starts FROM m WHERE id BETWEEN ${c.from} AND ${c.to} WINDOW w AS (ORDER BY id))) GROUP BY run;
INSERT INTO s (rowid, title, content) SELECT m.id, m.title, m.content FROM r JOIN m ON m.id = r."startId"
WHERE r."startId" BETWEEN ${c.from} AND ${c.to};
COMMIT`);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1);
  console.log(`${CHUNKS} chunks of ${CHUNK} rows (${SAME ? 'one text' : 'every row its own text'}): write lock median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
  db.close(() => fs.rmSync(file, { force: true }));
})();
