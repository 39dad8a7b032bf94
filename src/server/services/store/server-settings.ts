import type { Database } from '@nocobase/database';
import { QueryTypes } from 'sequelize';

type ServerRow = Record<string, unknown> | undefined;

const answers = new WeakMap<Database, Map<string, Promise<boolean>>>();

/**
 * MySQL and MariaDB: a yes or no about the server, judged from the one row `sql` (a SELECT of its variables) reads.
 * Asked once it answers: an unanswered question (a dropped connection) is asked again next time. Elsewhere false.
 */
export function askMysqlServer(db: Database, sql: string, judge: (row: ServerRow) => boolean): Promise<boolean> {
  if (!['mysql', 'mariadb'].includes(db.sequelize.getDialect())) return Promise.resolve(false);
  let asked = answers.get(db);
  if (!asked) answers.set(db, (asked = new Map()));
  let known = asked.get(sql);
  if (!known) {
    known = db.sequelize
      .query<Record<string, unknown>>(sql, { type: QueryTypes.SELECT })
      .then(([row]) => judge(row))
      .catch(() => {
        asked?.delete(sql);
        return false;
      });
    asked.set(sql, known);
  }
  return known;
}

/**
 * Whether this server takes writes at READ COMMITTED: one that logs statements (binlog_format STATEMENT) refuses them
 * there.
 */
export const readCommittedAllowed = (db: Database) =>
  askMysqlServer(db, 'SELECT @@log_bin AS logBin, @@binlog_format AS format', readCommittedIn);

/** Pure: readCommittedAllowed's answer from the server's row. */
export const readCommittedIn = (row: ServerRow): boolean =>
  !(Number(row?.logBin) === 1 && String(row?.format).toUpperCase() === 'STATEMENT');

/**
 * Whether the rows one INSERT … SELECT writes get consecutive ids, in the order it inserts them. InnoDB gives them so
 * when it holds its table-level AUTO-INC lock for such a statement (`innodb_autoinc_lock_mode` 0 or 1, MariaDB's
 * default; MySQL 8 defaults to 2, which interleaves) and ids step by one (a Galera cluster steps by its number of
 * nodes). Then a fan-out knows its ids from the first one and the row count, without RETURNING them.
 */
export const consecutiveInsertIds = (db: Database) =>
  askMysqlServer(db, 'SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step', consecutiveIdsIn);

/** Pure: consecutiveInsertIds's answer from the server's row. */
export const consecutiveIdsIn = (row: ServerRow): boolean => [0, 1].includes(Number(row?.mode)) && Number(row?.step) === 1;
