import { MockServer } from '@nocobase/test';
import { SearchIndexJob } from '../server/services/jobs/search-index-job';
import { SearchIndex, containsPattern, coveringTrigrams, wordsOf } from '../server/services/queries/search-index';
import { FREQUENT_SHARE, TrigramShares } from '../server/services/queries/trigram-shares';
import { Transactions } from '../server/services/store/transactions';
import { COLLECTIONS } from '../shared/constants';
import { createChannel, createInboxApp, QUIET_JOBS, createUsers, inboxOf, loginAs, userId } from './test-utils';

/** More than a search reads as it is (its newest 200 rows): what lies below is found through the index. */
const FILLER = 1200;
/** More than two of the job's chunks (1,000 rows each). */
const BACKLOG = 2_500;
/** The databases that keep a search index: SQLite (FTS5), PostgreSQL (pg_trgm) and MariaDB (FULLTEXT); MySQL reads the rows. */
const INDEXED = ['sqlite', 'postgres', 'mariadb'];
const dialect = process.env.DB_DIALECT || 'sqlite';
/** A test of what only these databases do: skipped, and reported so, on the others. */
const on = (...dialects: string[]) => (dialects.includes(dialect) ? it : it.skip);

describe('the index query of a search', () => {
  it('requires the trigrams that cover the text end to end, each quoted so no character is an operator', () => {
    expect(coveringTrigrams('message 1234')).toBe('"mes" AND "sag" AND "e 1" AND "234"');
    expect(coveringTrigrams('abcd')).toBe('"abc" AND "bcd"');
    expect(coveringTrigrams('aaaaaa')).toBe('"aaa"');
    expect(coveringTrigrams('a"b')).toBe('"a""b"');
    expect(coveringTrigrams('Straße 1')).toBe('"Str" AND "aße" AND "e 1"');
  });

  it('leaves out the trigrams most texts hold, unless every one is', () => {
    expect(coveringTrigrams('message 1234', new Set(['mes', 'sag']))).toBe('"e 1" AND "234"');
    expect(coveringTrigrams('abcd', new Set(['abc', 'bcd']))).toBe('"abc" AND "bcd"');
  });
});

describe('the index query of a search on PostgreSQL (pg_trgm)', () => {
  it('reads the words of three characters or more, lower-cased, each once', () => {
    expect(wordsOf('Invoice 42: INVOICE overdue, ça va? 2026')).toEqual(['invoice', 'overdue', '2026']);
    expect(wordsOf('a-b 42')).toEqual([]);
  });

  it('takes the wildcards and the escape character in a text literally', () => {
    expect(containsPattern('100% done_now')).toBe('%100\\% done\\_now%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });
});

describe('which trigrams are frequent (TrigramShares)', () => {
  it('measures only those it does not remember, and forgets them after a while', async () => {
    let now = 0;
    const shares = new TrigramShares(() => now);
    const measure = jest.fn(async (trigrams: string[]) => new Map(trigrams.map((t) => [t, t === 'mes' ? 0.9 : 0.01])));
    expect(await shares.frequent(['mes', '234'], measure)).toEqual(new Set(['mes']));
    expect(await shares.frequent(['mes', '345'], measure)).toEqual(new Set(['mes']));
    expect(measure.mock.calls).toEqual([[['mes', '234']], [['345']]]);
    now += 11 * 60 * 1000;
    await shares.frequent(['mes'], measure);
    expect(measure).toHaveBeenLastCalledWith(['mes']);
  });

  it('counts a share at the bound as frequent, and an unmeasured one as not', async () => {
    const shares = new TrigramShares();
    const frequent = await shares.frequent(['abc', 'bcd', 'cde'], async () => new Map([['abc', FREQUENT_SHARE], ['bcd', FREQUENT_SHARE - 0.01]]));
    expect(frequent).toEqual(new Set(['abc']));
  });
});

describe('search below the newest rows (the index on SQLite, PostgreSQL and MariaDB, a scan elsewhere)', () => {
  let app: MockServer;
  let owner: any;
  let other: any;
  let agent: any;
  let otherAgent: any;

  const send = async (title: string, to: any[] = [owner], content?: string) => {
    const sent = await inboxOf(app).send({ channelName: 'ops', receivers: to.map(userId), title, ...(content ? { content } : {}) });
    return sent.map((m: any) => m.id);
  };
  /** Rows written straight into the table, one text for all (one run for the index), newer than every send before. */
  const fill = async (count: number) => {
    const createdAt = new Date();
    const rows = Array.from({ length: count }, () => ({
      userId: userId(owner), channelName: 'ops', title: 'Filler', content: 'nothing to see', level: 'info', createdAt, options: {},
    }));
    await app.db.getModel(COLLECTIONS.messages).bulkCreate(rows, { hooks: false });
  };
  const listed = async (params: Record<string, unknown>, as = agent) => {
    const res = await as.resource('myInboxMessages').list({ limit: 50, ...params });
    expect(res.status).toBe(200);
    return (res.body.data as any[]).map((m) => m.id);
  };

  /** The index's runs table, and a name, quoted as the database quotes names. */
  const runsTable = () => quoted(`${String(app.db.getModel(COLLECTIONS.messages).getTableName())}_fts_runs`);
  const quoted = (name: string) => app.db.sequelize.getQueryInterface().quoteIdentifier(name);
  /** The highest id the index holds. */
  const indexEnd = async () => {
    const [[{ end }]] = (await app.db.sequelize.query(`SELECT MAX(${quoted('endId')}) AS ${quoted('end')} FROM ${runsTable()}`)) as any;
    return Number(end);
  };

  /** Indexes everything new, as the job's rounds would: the index is behind until then. */
  const catchUp = (chunks = Infinity) => inboxOf(app).indexForSearch(chunks);

  beforeAll(async () => {
    // no job's round in between (the index's, PostgreSQL: not before an hour): the tests say when the index catches up
    app = await createInboxApp({ inbox: QUIET_JOBS });
    [owner, other] = await createUsers(app, 2);
    await createChannel(app, 'ops', 'Operations');
    agent = await loginAs(app, owner);
    otherAgent = await loginAs(app, other);
  });
  afterAll(async () => app?.destroy());

  it('finds old messages by title or content, any case, wildcards literal, only the user’s own', async () => {
    const [a] = await send('Invoice 42 overdue');
    const [b] = await send('Weekly report', [owner], 'the INVOICE is attached');
    const [c] = await send('100% done_now');
    const [deployOwner, deployOther] = await send('Deploy finished', [owner, other]);
    const [othersInvoice] = await send('Invoice for someone else', [other]);
    await fill(FILLER);

    const answers = async () => {
      expect(await listed({ q: 'invoice' })).toEqual([b, a]);
      expect(await listed({ q: 'INVOICE 42' })).toEqual([a]);
      expect(await listed({ q: '%' })).toEqual([c]);
      expect(await listed({ q: '0% d' })).toEqual([c]);
      expect(await listed({ q: 'e_n' })).toEqual([c]);
      expect(await listed({ q: '"; drop' })).toEqual([]);
      expect(await listed({ q: 'deploy' })).toEqual([deployOwner]);
      expect(await listed({ q: 'invoice' }, otherAgent)).toEqual([othersInvoice]);
      expect(await listed({ q: 'deploy' }, otherAgent)).toEqual([deployOther]);
    };
    // the index behind (these rows came after its last round): the rows above its end are read as they are
    await answers();
    await catchUp();
    await answers();
    // newest first, page by page
    const first = await agent.resource('myInboxMessages').list({ q: 'invoice', limit: 1 });
    expect(first.body.data.map((m: any) => m.id)).toEqual([b]);
    expect(await listed({ q: 'invoice', before: first.body.meta.nextCursor })).toEqual([a]);
    // the view still applies: archived messages leave the search and are found with status=archived
    expect((await agent.resource('myInboxMessages').archive({ filterByTk: a })).status).toBe(200);
    expect(await listed({ q: 'invoice' })).toEqual([b]);
    expect(await listed({ q: 'invoice', status: 'archived' })).toEqual([a]);
  });

  it('finds what was sent after the last search, once it is below the newest rows too', async () => {
    expect(await listed({ q: 'quarterly' })).toEqual([]);
    const [late] = await send('Quarterly figures');
    await fill(FILLER);
    expect(await listed({ q: 'quarterly' })).toEqual([late]);
    await catchUp();
    expect(await listed({ q: 'quarterly' })).toEqual([late]);
  });

  it('never writes: a search while the index is behind opens no transaction', async () => {
    const [late] = await send('Annual review');
    await fill(FILLER);
    const writes = jest.spyOn(Transactions.prototype, 'write');
    const query = jest.spyOn(app.db.sequelize, 'query');
    try {
      expect(await listed({ q: 'annual review' })).toEqual([late]);
      const statements = query.mock.calls.map(([sql]) => String(typeof sql === 'string' ? sql : (sql as any)?.query));
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.filter((sql) => /^\s*(BEGIN|INSERT|UPDATE|DELETE|CREATE|DROP)/i.test(sql))).toEqual([]);
      expect(writes).not.toHaveBeenCalled();
    } finally {
      writes.mockRestore();
      query.mockRestore();
    }
  });

  on('sqlite')('indexes a backlog in short chunks, a bounded number per round; nothing to do costs no transaction (SQLite)', async () => {
    await catchUp();
    const [late] = await send('Budget approved');
    await fill(BACKLOG);
    const writes = jest.spyOn(Transactions.prototype, 'write');
    try {
      // one round of at most one chunk: the index stays behind, the search still finds the row
      expect(await catchUp(1)).toBe(1);
      expect(await listed({ q: 'budget' })).toEqual([late]);
      expect(await catchUp()).toBe(2);
      expect(writes).toHaveBeenCalledTimes(3);
      expect(await catchUp()).toBe(0);
      expect(writes).toHaveBeenCalledTimes(3);
      expect(await listed({ q: 'budget' })).toEqual([late]);
    } finally {
      writes.mockRestore();
    }
  });

  // ids come from a sequence there: a row not committed yet may lie below one that is, and must not be skipped
  on('postgres', 'mariadb')('never indexes past a write under way; its rows are indexed once it commits (PostgreSQL, MariaDB)', async () => {
    await catchUp();
    const end = await indexEnd();
    const model = app.db.getModel(COLLECTIONS.messages);
    const row = { userId: userId(owner), channelName: 'ops', title: 'Pending settlement', content: '', level: 'info', createdAt: new Date(), options: {} };
    const transaction = await app.db.sequelize.transaction();
    let pending: any;
    try {
      pending = await model.create(row, { transaction, hooks: false });
      await fill(FILLER);
      // the fill committed above the pending row: the job waits for no write, and indexes nothing this round
      expect(await catchUp()).toBe(0);
      expect(await indexEnd()).toBe(end);
    } finally {
      await transaction.commit();
    }
    expect(await catchUp()).toBeGreaterThan(0);
    expect(await indexEnd()).toBeGreaterThan(Number(pending.get('id')));
    expect(await listed({ q: 'pending settlement' })).toEqual([Number(pending.get('id'))]);
  });

  on('sqlite')('a send indexes its own rows while the index is current, so the job has nothing to write (SQLite)', async () => {
    await catchUp();
    const [first] = await send('Contract renewed', [owner, other]);
    const [second] = await send('Contract signed');
    expect(await indexEnd()).toBe(second);
    const writes = jest.spyOn(Transactions.prototype, 'write');
    try {
      expect(await catchUp()).toBe(0);
      expect(writes).not.toHaveBeenCalled();
    } finally {
      writes.mockRestore();
    }
    await fill(FILLER);
    expect(await listed({ q: 'contract' })).toEqual([second, first]);
    // behind (rows that came otherwise): a send leaves the index as it is, the job catches up
    await send('Contract archived');
    expect(await indexEnd()).toBe(second);
  });

  on(...INDEXED)('indexes a text once per run of rows that share it, not once per row (SQLite, PostgreSQL, MariaDB)', async () => {
    const [[{ runs }]] = (await app.db.sequelize.query(`SELECT COUNT(*) AS runs FROM ${runsTable()}`)) as any;
    const rows = await app.db.getModel(COLLECTIONS.messages).count();
    expect(rows).toBeGreaterThan(2 * FILLER);
    expect(Number(runs)).toBeLessThan(20);
  });

  on(...INDEXED)('reads the rows as they are while the index does not exist, and builds it again (SQLite, PostgreSQL, MariaDB)', async () => {
    await new SearchIndex(app.db).drop();
    expect(await listed({ q: 'quarterly' })).toHaveLength(1);
    // one round of the job: every row again, in chunks (fewer rows here than a round's bound)
    const errors: string[] = [];
    expect(await new SearchIndexJob(inboxOf(app), { error: (m: string) => errors.push(m) } as any).run()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    expect(await catchUp()).toBe(0);
    expect(await listed({ q: 'quarterly' })).toHaveLength(1);
  });

  on(...INDEXED)('indexes every row once when two rounds run at once, as on two app nodes (SQLite, PostgreSQL, MariaDB)', async () => {
    await catchUp();
    const [late] = await send('Overlapping rounds');
    await fill(BACKLOG);
    await Promise.all([catchUp(), catchUp()]);
    expect(await catchUp()).toBe(0);
    const [[{ overlaps }]] = (await app.db.sequelize.query(
      `SELECT COUNT(*) AS overlaps FROM ${runsTable()} a JOIN ${runsTable()} b ` +
        `ON a.${quoted('startId')} < b.${quoted('startId')} AND b.${quoted('startId')} <= a.${quoted('endId')}`,
    )) as any;
    expect(Number(overlaps)).toBe(0);
    expect(await indexEnd()).toBe(Number(await app.db.getModel(COLLECTIONS.messages).max('id')));
    expect(await listed({ q: 'overlapping rounds' })).toEqual([late]);
  });

  it('asks the index without the trigrams (PostgreSQL, MariaDB: the words) most texts hold, and still finds only the text', async () => {
    // more texts of someone else than the index samples (its newest 500), each its own run, all holding "mes" and "sag"
    const createdAt = new Date();
    const others = Array.from({ length: 600 }, (_, i) => ({
      userId: userId(other), channelName: 'ops', title: `Message ${i}`, content: '', level: 'info', createdAt, options: {},
    }));
    await app.db.getModel(COLLECTIONS.messages).bulkCreate(others, { hooks: false });
    const [mine] = await send('Message 12345 arrived');
    await send('Message 12346 arrived');
    await fill(FILLER);
    await catchUp();
    const query = jest.spyOn(app.db.sequelize, 'query');
    const found = await listed({ q: 'message 12345' });
    const asked = query.mock.calls
      .filter(([sql]) => /MATCH|ILIKE/.test(String(sql)) && /CROSS JOIN|AGAINST/.test(String(sql)))
      .flatMap(([, options]) => ((options as any)?.bind ?? []).filter((value: unknown) => typeof value === 'string'));
    query.mockRestore();
    expect(found).toEqual([mine]);
    // "mes" and "sag" are in nearly every text, "e 1" in a fifth of them
    if (app.db.sequelize.getDialect() === 'sqlite') expect(asked).toEqual(['"e 1" AND "234" AND "345"']);
    // "message" is in nearly every text: only "12345" is asked for, as a pattern of itself
    if (app.db.sequelize.getDialect() === 'postgres') expect(asked).toEqual(['%12345%']);
    // "message" may end a longer word (it starts the text): only "12345" is asked for, as the start of a word
    if (app.db.sequelize.getDialect() === 'mariadb') expect(asked).toEqual(['+12345*']);
  });

  it('walks the index a step of runs at a time: a match below hundreds of runs of others is found (SQLite)', async () => {
    // holds every trigram the index is asked for ("bud", "get", " al", "pha"), not the text: read, then left out
    await send('Budget of alpha team');
    const [mine] = await send('Budget alpha approved');
    // 700 texts of their own (700 runs) for someone else, all holding the search, newer than mine
    const createdAt = new Date();
    const others = Array.from({ length: 700 }, (_, i) => ({
      userId: userId(other), channelName: 'ops', title: `Budget alpha ${i}`, content: '', level: 'info', createdAt, options: {},
    }));
    await app.db.getModel(COLLECTIONS.messages).bulkCreate(others, { hooks: false });
    await fill(FILLER);
    await catchUp();
    expect(await listed({ q: 'budget alpha' })).toEqual([mine]);
    expect(await listed({ q: 'BUDGET ALPHA' }, otherAgent)).toHaveLength(50);
  });

  it('reads the newest rows, then each step of the index with its rows, a statement each', async () => {
    const [old] = await send('Contract renewal due');
    await fill(FILLER);
    await catchUp();
    const search = () => inboxOf(app).list(userId(owner), { q: 'contract renewal', limit: 20 });
    // the first search of a text also measures how common its trigrams are (remembered for the searches after it)
    await search();
    const query = jest.spyOn(app.db.sequelize, 'query');
    try {
      expect((await search()).rows.map((m) => m.id)).toEqual([old]);
      // SQLite, PostgreSQL: the newest rows (no match there), then the index's first step and the rows it found, in one
      // statement; MariaDB: the split first, then the newest rows, that step's runs and their rows; elsewhere (no
      // index) one read of the user's rows
      expect(query).toHaveBeenCalledTimes(({ sqlite: 2, postgres: 2, mariadb: 4 } as Record<string, number>)[dialect] ?? 1);
    } finally {
      query.mockRestore();
    }
  });

  it('reads a user with fewer rows than it reads as they are in one statement, whether it finds the text or not', async () => {
    const [newcomer] = await createUsers(app, 1);
    const [sent] = await send('Harbor report', [newcomer]);
    await fill(FILLER);
    await catchUp();
    const search = (q: string) => inboxOf(app).list(userId(newcomer), { q, limit: 20 });
    // measured once (the first search of a text), then remembered: as the second search of it in the test above
    await search('harbor report');
    await search('nowhere to be found');
    const query = jest.spyOn(app.db.sequelize, 'query');
    try {
      expect((await search('harbor report')).rows.map((m) => m.id)).toEqual([sent]);
      expect((await search('nowhere to be found')).rows).toEqual([]);
      // MariaDB: the split first, then the rows; no step of the index on any database
      expect(query).toHaveBeenCalledTimes(dialect === 'mariadb' ? 4 : 2);
    } finally {
      query.mockRestore();
    }
  });

  on('sqlite')('an index from before its runs brought their own text (an upgrade) is given that: older rows are found (SQLite)', async () => {
    // a send makes the index's tables, its trigger with them
    await send('Before the upgrade');
    await catchUp();
    const trigger = `${String(app.db.getModel(COLLECTIONS.messages).getTableName())}_fts_text`;
    const triggers = async () => {
      const [[{ count }]] = (await app.db.sequelize.query(`SELECT COUNT(*) AS count FROM sqlite_master WHERE type = 'trigger' AND name = ?`, {
        replacements: [trigger],
      })) as any;
      return Number(count);
    };
    await app.db.sequelize.query(`DROP TRIGGER ${quoted(trigger)}`);
    expect(await triggers()).toBe(0);
    const createdAt = new Date();
    await app.db.getModel(COLLECTIONS.messages).bulkCreate(
      [{ userId: userId(owner), channelName: 'ops', title: 'Legacy ledger closed', content: '', level: 'info', createdAt, options: {} }],
      { hooks: false },
    );
    const [legacy] = (await listed({ q: 'legacy ledger' })) as number[];
    await fill(FILLER);
    // the job's round makes what is missing, then indexes the rows: each run's text is there for the search below them
    await catchUp();
    expect(await triggers()).toBe(1);
    expect(await listed({ q: 'legacy ledger' })).toEqual([legacy]);
    const [sent] = await send('Ledger reopened');
    await fill(FILLER);
    expect(await listed({ q: 'ledger' })).toEqual([sent, legacy]);
  });

  on('sqlite')('a send makes the index again when its tables were dropped after the last send (SQLite)', async () => {
    await send('Before the drop');
    await catchUp();
    const texts = quoted(`${String(app.db.getModel(COLLECTIONS.messages).getTableName())}_fts`);
    await app.db.sequelize.query(`DROP TABLE ${runsTable()}`);
    await app.db.sequelize.query(`DROP TABLE ${texts}`);
    // the index begins again from nothing: the job indexes what came before, this send included
    const [made] = await send('Rebuilt index');
    await fill(FILLER);
    expect(await listed({ q: 'rebuilt' })).toEqual([made]);
    await catchUp();
    expect(await indexEnd()).toBeGreaterThanOrEqual(made);
    expect(await listed({ q: 'rebuilt' })).toEqual([made]);
  });
});
