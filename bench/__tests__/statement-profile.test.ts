import { STATEMENT_KINDS, StatementProfile, medianProfile, statementKind } from '../statement-profile';

describe("the fan-out bench's statement profile", () => {
  const tables = { messages: '"inboxMessages"', counters: '"inboxCounters"', pending: '"inboxPendingCounts"', sendLog: '"notificationSendLogs"' };

  it('tells each statement of a send by its text', () => {
    expect(statementKind('START TRANSACTION;', tables)).toBe('begin');
    expect(statementKind('BEGIN DEFERRED TRANSACTION;', tables)).toBe('begin');
    expect(statementKind(' COMMIT;', tables)).toBe('commit');
    expect(statementKind('INSERT INTO "inboxMessages" ("userId") SELECT 1', tables)).toBe('messages');
    expect(statementKind('INSERT INTO "inboxCounters" ("userId") SELECT "userId" FROM "inboxMessages"', tables)).toBe('counters');
    expect(statementKind('WITH m AS (INSERT INTO "inboxMessages" (x) SELECT 1 RETURNING id), c AS (INSERT INTO "inboxCounters" AS c (x) SELECT 1 FROM m) SELECT 1', tables)).toBe(
      'messages + counters',
    );
    expect(statementKind('INSERT INTO "inboxPendingCounts" ("firstId","lastId") VALUES ($1,$2)', tables)).toBe('counters');
    expect(statementKind('WITH m AS (INSERT INTO "inboxMessages" (x) SELECT 1 RETURNING id), p AS (INSERT INTO "inboxPendingCounts" (x) SELECT 1) SELECT 1', tables)).toBe(
      'messages + counters',
    );
    expect(statementKind('INSERT INTO "notificationSendLogs" ("id") VALUES ($1)', tables)).toBe('send log');
    expect(statementKind('SELECT "id" FROM "inboxMessages" WHERE "id" BETWEEN $1 AND $2', tables)).toBe('other');
  });

  it('sums up several sends as the median of each kind and of the wall time', () => {
    const profile = (messages: number, wallMs: number): StatementProfile => ({
      statements: 4,
      ms: { ...(Object.fromEntries(STATEMENT_KINDS.map((kind) => [kind, 0])) as StatementProfile['ms']), messages, commit: 1 },
      wallMs,
    });
    const summary = medianProfile([profile(10, 20), profile(30, 40), profile(12, 25)]);
    expect(summary).toEqual({ ms: expect.objectContaining({ messages: 12, commit: 1, counters: 0 }), wallMs: 25, sends: 3 });
  });
});
