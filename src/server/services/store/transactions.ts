import type { Database } from '@nocobase/database';
import { Transaction, TransactionOptions } from 'sequelize';
import { readCommittedAllowed } from './server-settings';

/** Attempts of a write that lost a deadlock or found SQLite busy: the losing transaction is rolled back whole. */
const ATTEMPTS = 5;
/** How long a SQLite connection waits for another writer's lock before answering SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

const RETRYABLE_CODES = new Set(['40P01', '40001', 'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);

/** Pure: whether an error is a conflict between concurrent transactions that running again resolves. */
export function isRetryable(error: unknown): boolean {
  const { parent, original } = (error ?? {}) as { parent?: { code?: string }; original?: { code?: string } };
  const code = parent?.code ?? original?.code ?? (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

const sqliteQueues = new WeakMap<Database, Promise<unknown>>();

export interface WriteOptions {
  /**
   * MySQL and MariaDB: run at READ COMMITTED instead of their REPEATABLE READ, which locks the gap after every row a
   * statement reads (so the first counter of the next user, whom a send may be writing to) and reads the snapshot of
   * the transaction's first read even after its locks are taken. PostgreSQL's default is READ COMMITTED already.
   */
  readCommitted?: boolean;
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, attempt * 20 + Math.random() * 30));

/**
 * The inbox's own transactions. Each runs `work` in a transaction of its own (or the caller's) and announces the
 * result only once it is committed. On SQLite, where one writer at a time is all the file allows, our writes queue
 * up in this process and take the write lock when they begin (IMMEDIATE), so they never fail half-way on a lock
 * another of ours holds; on every database a deadlock or busy answer runs the whole write again.
 */
export class Transactions {
  constructor(private readonly db: Database) {}

  private get sqlite(): boolean {
    return this.db.sequelize.getDialect() === 'sqlite';
  }

  async write<T>(
    outer: Transaction | undefined,
    work: (transaction: Transaction) => Promise<T>,
    announce: (result: T) => void,
    options: WriteOptions = {},
  ): Promise<T> {
    if (outer) {
      const result = await work(outer);
      outer.afterCommit(() => announce(result));
      return result;
    }
    const once = () => this.once(work, options);
    const result = await (this.sqlite ? this.queued(() => this.attempt(once)) : this.attempt(once));
    announce(result);
    return result;
  }

  /**
   * Work of exactly one statement, which PostgreSQL and MySQL run atomically by themselves: without BEGIN and
   * COMMIT it costs two round trips less. Not for SQLite, whose writes must queue up (see `write`).
   */
  async autocommit<T>(work: (transaction: undefined) => Promise<T>, announce: (result: T) => void): Promise<T> {
    const result = await this.attempt(() => work(undefined));
    announce(result);
    return result;
  }

  /** One queue per database, however many services write to it (the inbox, the official import). */
  private queued<T>(run: () => Promise<T>): Promise<T> {
    const next = (sqliteQueues.get(this.db) ?? Promise.resolve()).then(run, run);
    sqliteQueues.set(this.db, next.catch(() => undefined));
    return next;
  }

  private async transactionOptions({ readCommitted }: WriteOptions): Promise<TransactionOptions> {
    // SQLite: IMMEDIATE takes the write lock when it begins, so the work never fails half-way on a lock upgrade
    if (this.sqlite) return { type: Transaction.TYPES.IMMEDIATE };
    if (readCommitted && (await readCommittedAllowed(this.db))) return { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED };
    return {};
  }

  private async attempt<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
        await pause(attempt);
      }
    }
  }

  private async once<T>(work: (transaction: Transaction) => Promise<T>, options: WriteOptions): Promise<T> {
    const transaction = await this.db.sequelize.transaction(await this.transactionOptions(options));
    let result: T;
    try {
      result = await work(transaction);
    } catch (error) {
      // the work's error is the one to report; a rollback that fails as well must not hide it
      await transaction.rollback().catch(() => undefined);
      throw error;
    }
    // no rollback after a failed commit: sequelize has already closed that connection, and a rollback would throw
    // "finished with state: commit" over the real error
    await transaction.commit();
    return result;
  }
}

/**
 * sequelize opens a connection per transaction on a file database and sets no busy timeout: one busy answer and
 * the write fails. Every SQLite connection of the app waits for the lock instead, ours and NocoBase's: our writes
 * (sends, the search index's background rounds) hold the lock for milliseconds, and a NocoBase write landing in that
 * window (a workflow updating its execution) would otherwise fail at once. Where waiting could deadlock (a DEFERRED
 * transaction upgrading its read lock while another commits), SQLite still answers busy at once, as before.
 */
export function waitOnSqliteLocks(db: Database, timeoutMs = SQLITE_BUSY_TIMEOUT_MS): void {
  if (db.sequelize.getDialect() !== 'sqlite') return;
  type Connection = { configure?: (option: 'busyTimeout', value: number) => void };
  type Manager = {
    getConnection(options?: { uuid?: string }): Promise<Connection>;
    connections?: Record<string, Connection>;
    inboxBusyTimeout?: boolean;
  };
  const manager = (db.sequelize as unknown as { connectionManager: Manager }).connectionManager;
  if (manager.inboxBusyTimeout) return;
  manager.inboxBusyTimeout = true;
  // once per connection: sequelize asks for the connection again on every statement, and configuring it each time
  // cost a send to 10,000 users about a millisecond
  const configured = new WeakSet<Connection>();
  const configure = (connection: Connection) => {
    if (configured.has(connection)) return;
    connection.configure?.('busyTimeout', timeoutMs);
    configured.add(connection);
  };
  Object.values(manager.connections ?? {}).forEach(configure);
  const getConnection = manager.getConnection.bind(manager);
  manager.getConnection = async (options) => {
    const connection = await getConnection(options);
    configure(connection);
    return connection;
  };
}
