import type { Database } from '@nocobase/database';
import type { Logger } from '@nocobase/logger';
import type { InboxService } from '../inbox-service';
import { PeriodicJob } from './periodic-job';

/** How often new messages are indexed for search: a search reads the rows not indexed yet as they are meanwhile. */
export const SEARCH_INDEX_MS = 3000;

/**
 * Whether the job runs on this database: PostgreSQL, MariaDB, and SQLite but not in memory (the tests), where one
 * connection serves every transaction, so a round in the background would take in the app's own statements; there
 * the index catches up when asked (`InboxService.indexForSearch`). MySQL keeps no index.
 */
export function indexesInBackground(db: Database): boolean {
  const dialect = db.sequelize.getDialect();
  if (dialect === 'postgres' || dialect === 'mariadb') return true;
  return dialect === 'sqlite' && (db.sequelize as unknown as { options: { storage?: string } }).options.storage !== ':memory:';
}

/**
 * Keeps the search index (SQLite with FTS5, PostgreSQL with pg_trgm, MariaDB's FULLTEXT) caught up, so searches never write. Each round
 * indexes a bounded number of short chunks, so a large backlog (a first start on a big database) is worked off over
 * successive rounds without holding SQLite's write lock for long; a current index costs one read. Every app node may run it: each chunk reads
 * the index's end again under the write lock, and the rows say where to go on after a restart.
 */
export class SearchIndexJob extends PeriodicJob {
  constructor(
    private readonly inbox: InboxService,
    logger: Pick<Logger, 'error'>,
    intervalMs = SEARCH_INDEX_MS,
  ) {
    super(intervalMs, logger, 'search indexing');
  }

  protected work(): Promise<number> {
    return this.inbox.indexForSearch();
  }
}
