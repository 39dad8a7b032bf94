import type { Database, Model } from '@nocobase/database';
import { Op, Transaction } from 'sequelize';
import { CHANNEL_TYPE, COLLECTIONS, DEFAULT_LEVEL, OFFICIAL } from '../../../shared/constants';
import type { ImportResult, OfficialStatus } from '../../../shared/official-import';
import { classifyLink } from '../../../shared/safe-url';
import type { Counters } from '../store/counters';
import { invalid } from '../errors';
import { jsonRowsSource } from '../store/json-rows';
import { TableSql, chunksBySize } from '../store/sql';
import type { Transactions } from '../store/transactions';
import { LIMITS } from '../../../shared/contract';

/** One row of the official plugin's `notificationInAppMessages`, as any dialect reads it back. */
export interface OfficialRow {
  id: string;
  userId: number | string;
  channelName: string;
  title: string | null;
  content: string | null;
  status: string | null;
  createdAt: Date | string | null;
  updatedAt?: Date | string | null;
  receiveTimestamp?: number | string | null;
  options: unknown;
}

/** The same message as a row of ours. */
export interface ImportedRow {
  userId: number;
  channelName: string;
  title: string;
  content: string;
  level: string;
  url: string | null;
  readAt: Date | null;
  createdAt: Date;
  options: Record<string, unknown>;
}

export interface ImportRequest {
  convertChannels: boolean;
  /** Stop after reading this many official rows (the settings panel imports in steps to show progress). */
  maxRows: number;
  /** Where a previous step stopped (its `cursor`). */
  after: Cursor | null;
}

interface Cursor {
  createdAt: Date;
  id: string;
}

const COLUMNS = ['userId', 'channelName', 'title', 'content', 'level', 'url', 'readAt', 'createdAt', 'options'] as const;
/** Bytes a copied row puts in its INSERT, roughly: statements stay far below MariaDB's packet limit. */
const sizeOf = (row: ImportedRow) => 512 + Buffer.byteLength(row.title) + Buffer.byteLength(row.content);
/** Rows per INSERT (one JSON parameter each, see json-rows.ts); chunks also stay under 4 MB of text. */
const ROWS_PER_INSERT = 2000;
/** Official rows read per batch; each batch is one transaction. */
const BATCH_ROWS = 5000;
const MAX_ROWS = 10_000_000;
/** Index put on the official table while importing: batches are read in time order without sorting it all. */
const CURSOR_INDEX = 'inbox_import_cursor';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const toDate = (value: unknown): Date | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(date.getTime()) ? null : date;
};

const parseJson = (value: unknown): Record<string, unknown> => {
  if (typeof value !== 'string') return isPlainObject(value) ? value : {};
  try {
    const parsed = JSON.parse(value);
    return isPlainObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
};

/**
 * Pure: an official message as ours. `options.url` becomes the View link, the rest of the options stay; a link
 * (url or mobileUrl) that is not safe is dropped, not copied, as a send would have refused it.
 */
export function fromOfficial(row: OfficialRow): ImportedRow {
  const { url, ...options } = parseJson(row.options);
  if ('mobileUrl' in options) {
    const mobile = classifyLink(options.mobileUrl);
    if (mobile) options.mobileUrl = mobile.href;
    else delete options.mobileUrl;
  }
  const createdAt = toDate(row.createdAt) ?? toDate(Number(row.receiveTimestamp)) ?? new Date(0);
  return {
    userId: Number(row.userId),
    channelName: row.channelName,
    title: String(row.title ?? '').slice(0, LIMITS.titleChars),
    content: row.content ?? '',
    level: DEFAULT_LEVEL,
    url: classifyLink(url)?.href ?? null,
    // the official table keeps no read time: its last update is when the status last changed
    readAt: row.status === 'read' ? (toDate(row.updatedAt) ?? createdAt) : null,
    createdAt,
    options,
  };
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');

function decodeCursor(value: unknown): Cursor {
  const bad = () => invalid('after', 'must be the cursor a previous import step answered');
  if (typeof value !== 'string' || value.length > 200) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || typeof parsed[1] !== 'string') throw bad();
  const createdAt = toDate(parsed[0]);
  if (!createdAt) throw bad();
  return { createdAt, id: parsed[1] };
}

/** Pure: checks `values` of `inboxSettings:importOfficial`, or throws a 400 naming the bad field. */
export function checkImportRequest(input: unknown): ImportRequest {
  const values = input ?? {};
  if (!isPlainObject(values)) throw invalid('values', 'must be an object');
  const { convertChannels = false, maxRows = MAX_ROWS, after = null, ...rest } = values;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalid(unknown[0], 'is not an import option');
  if (typeof convertChannels !== 'boolean') throw invalid('convertChannels', 'must be true or false');
  if (!Number.isInteger(maxRows) || (maxRows as number) < 1 || (maxRows as number) > MAX_ROWS) {
    throw invalid('maxRows', `must be a whole number from 1 to ${MAX_ROWS}`);
  }
  return { convertChannels, maxRows: maxRows as number, after: after === null ? null : decodeCursor(after) };
}

/**
 * Copies the official plugin's messages into ours, batch by batch, each batch one transaction that also
 * records the copied ids and updates the counters: a crash loses at most the batch in flight, and running
 * it again copies only what is missing.
 */
export class OfficialImport {
  private readonly messages: TableSql;
  private readonly imported: TableSql;
  /** One import at a time in this process; the imported-ids key keeps other nodes from copying a row twice. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly counters: Counters,
    private readonly transactions: Transactions,
  ) {
    this.messages = new TableSql(db, COLLECTIONS.messages);
    this.imported = new TableSql(db, COLLECTIONS.importedMessages);
  }

  private get official() {
    return this.db.hasCollection(OFFICIAL.messages) ? this.db.getModel(OFFICIAL.messages) : null;
  }

  private get channels() {
    return this.db.getModel('notificationChannels');
  }

  async status(): Promise<OfficialStatus> {
    const official = this.official;
    const channels = (await this.channels.findAll({
      attributes: ['name'],
      where: { notificationType: OFFICIAL.channelType },
      order: [['name', 'ASC']],
      raw: true,
    })) as unknown as { name: string }[];
    return {
      available: !!official,
      messages: official ? await official.count() : 0,
      channels: channels.map((c) => c.name),
      imported: await this.db.getModel(COLLECTIONS.importedMessages).count(),
    };
  }

  run(request: ImportRequest): Promise<ImportResult> {
    const next = this.running.then(() => this.importRows(request));
    this.running = next.catch(() => undefined);
    return next;
  }

  private async importRows(request: ImportRequest): Promise<ImportResult> {
    const official = this.official;
    if (!official) throw invalid('official', 'the official in-app message plugin is not enabled: enable it to import');
    const channelsConverted = request.convertChannels ? await this.convertChannels() : [];
    await this.addCursorIndex();
    const result: ImportResult = { imported: 0, skipped: 0, channelsConverted, done: false, cursor: null };
    let cursor = request.after;
    for (let read = 0; read < request.maxRows; ) {
      const limit = Math.min(BATCH_ROWS, request.maxRows - read);
      const rows = await this.readBatch(cursor, limit);
      read += rows.length;
      if (rows.length) {
        const last = rows[rows.length - 1];
        cursor = { createdAt: toDate(last.createdAt) as Date, id: last.id };
        const copied = await this.copyBatch(rows);
        result.imported += copied;
        result.skipped += rows.length - copied;
      }
      if (rows.length < limit) {
        await this.dropCursorIndex();
        return { ...result, done: true };
      }
    }
    return { ...result, cursor: cursor && encodeCursor(cursor) };
  }

  /** Channels of the official type become ours: workflows sending through them keep working unchanged. */
  private async convertChannels(): Promise<string[]> {
    const repository = this.db.getRepository('notificationChannels');
    const rows: Model[] = await repository.find({ filter: { notificationType: OFFICIAL.channelType }, fields: ['name'] });
    const names = rows.map((row) => row.get('name') as string).sort();
    if (names.length) {
      await repository.update({ filter: { name: { $in: names } }, values: { notificationType: CHANNEL_TYPE } });
    }
    return names;
  }

  /** Official rows after `cursor`, oldest first, so imported ids follow the order the messages arrived in. */
  private async readBatch(cursor: Cursor | null, limit: number): Promise<OfficialRow[]> {
    const official = this.official!;
    const where = cursor
      ? {
          [Op.or]: [
            { createdAt: { [Op.gt]: cursor.createdAt } },
            { createdAt: cursor.createdAt, id: { [Op.gt]: cursor.id } },
          ],
        }
      : { createdAt: { [Op.ne]: null } };
    const attributes = ['id', 'userId', 'channelName', 'title', 'content', 'status', 'createdAt', 'receiveTimestamp', 'options'];
    if (official.getAttributes().updatedAt) attributes.push('updatedAt');
    return (await official.findAll({
      attributes,
      where,
      order: [['createdAt', 'ASC'], ['id', 'ASC']],
      limit,
      raw: true,
    })) as unknown as OfficialRow[];
  }

  /** Copies the rows not copied before whose user and channel exist; answers how many it copied. */
  private async copyBatch(rows: OfficialRow[]): Promise<number> {
    // the inbox's own transactions: on SQLite it queues with the sends instead of meeting their lock
    return this.transactions.write(undefined, async (transaction) => {
      const fresh = await this.copyable(rows, transaction);
      if (!fresh.length) return 0;
      const imported = this.imported;
      for (const chunk of chunksBySize(fresh, () => 1, Infinity, ROWS_PER_INSERT)) {
        const binds = imported.binds();
        const source = jsonRowsSource(imported, binds, ['sourceId'], chunk.map((row) => [row.id]));
        await imported.run(`INSERT INTO ${imported.table()} (${imported.column('sourceId')}) ${source}`, binds, transaction);
      }
      const ids: number[] = [];
      for (const chunk of chunksBySize(fresh.map(fromOfficial), sizeOf, 4 * 1024 * 1024, ROWS_PER_INSERT)) {
        ids.push(...(await this.insertMessages(chunk, transaction)));
      }
      await this.addToCounters(ids, transaction);
      return fresh.length;
    }, () => undefined);
  }

  /** One INSERT of copied messages, in the order given; answers their new ids. */
  private async insertMessages(rows: ImportedRow[], transaction: Transaction): Promise<number[]> {
    const m = this.messages;
    const binds = m.binds();
    const source = jsonRowsSource(m, binds, [...COLUMNS], rows.map((row) => COLUMNS.map((column) => row[column])));
    const sql = `INSERT INTO ${m.table()} (${COLUMNS.map((c) => m.column(c)).join(',')}) ${source}`;
    const created = await m.insertReturning<{ id: number }>(sql, binds, ['id'], transaction);
    return created.map((row) => Number(row.id));
  }

  /** Adds copied messages, read or not, to their (user, channel) counters: one grouped upsert per chunk. */
  private async addToCounters(ids: number[], transaction: Transaction): Promise<void> {
    const m = this.messages;
    const [userId, channelName, id, readAt] = ['userId', 'channelName', 'id', 'readAt'].map((a) => m.column(a));
    for (const chunk of chunksBySize(ids, () => 1, Infinity, 5000)) {
      const binds = m.binds();
      const source =
        `SELECT ${userId}, ${channelName}, SUM(CASE WHEN ${readAt} IS NULL THEN 1 ELSE 0 END), COUNT(*), MAX(${id}) ` +
        `FROM ${m.table()} WHERE ${id} IN (${binds.ids(chunk)}) GROUP BY ${userId}, ${channelName}`;
      await m.run(this.counters.addingUpsert(source), binds, transaction);
    }
  }

  private async copyable(rows: OfficialRow[], transaction: Transaction): Promise<OfficialRow[]> {
    const idsOf = async (model: string, key: string, values: unknown[]) => {
      const found = (await this.db.getModel(model).findAll({
        attributes: [key],
        where: { [key]: { [Op.in]: [...new Set(values)] } },
        raw: true,
        transaction,
      })) as unknown as Record<string, unknown>[];
      return new Set(found.map((row) => String(row[key])));
    };
    const done = await idsOf(COLLECTIONS.importedMessages, 'sourceId', rows.map((row) => row.id));
    const users = await idsOf('users', 'id', rows.map((row) => Number(row.userId)));
    const channels = await idsOf('notificationChannels', 'name', rows.map((row) => row.channelName));
    return rows.filter((row) => !done.has(row.id) && users.has(String(Number(row.userId))) && channels.has(row.channelName));
  }

  private async indexes(): Promise<{ name: string }[]> {
    const official = this.official!;
    return (await this.db.sequelize.getQueryInterface().showIndex(official.getTableName())) as { name: string }[];
  }

  private async addCursorIndex(): Promise<void> {
    if ((await this.indexes()).some((index) => index.name === CURSOR_INDEX)) return;
    const official = this.official!;
    const fields = ['createdAt', 'id'].map((a) => official.getAttributes()[a]?.field ?? a);
    await this.db.sequelize.getQueryInterface().addIndex(official.getTableName(), fields, { name: CURSOR_INDEX });
  }

  private async dropCursorIndex(): Promise<void> {
    if (!(await this.indexes()).some((index) => index.name === CURSOR_INDEX)) return;
    await this.db.sequelize.getQueryInterface().removeIndex(this.official!.getTableName(), CURSOR_INDEX);
  }
}
