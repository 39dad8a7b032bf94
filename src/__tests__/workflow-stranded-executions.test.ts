import fs from 'fs';
import os from 'os';
import path from 'path';
import { EXECUTION_STATUS } from '@nocobase/plugin-workflow';
import type { MockServer } from '@nocobase/test';
import sqlite3 from 'sqlite3';
import { COLLECTIONS, INSTRUCTION_TYPE } from '../shared/constants';
import {
  ExecutionRow,
  HAND_BACK_AGAIN_MS,
  STRANDED_AFTER_MS,
  STRANDED_CHECK_MS,
  StrandedExecutionsJob,
  strandedAmong,
} from '../server/workflow/stranded-executions';
import { createChannel, createCollectionWorkflow, createInboxApp, createUsers, defineLeads, userId, waitUntil } from './test-utils';

const onSqlite = (process.env.DB_DIALECT || 'sqlite') === 'sqlite';
const NOW = Date.parse('2026-12-02T10:00:00.000Z');
const queued = (id: number, agoMs: number, more: Partial<ExecutionRow> = {}): ExecutionRow => ({
  id,
  workflowId: 1,
  dispatched: 0,
  status: null,
  startedAt: null,
  createdAt: new Date(NOW - agoMs).toISOString().replace('T', ' ').replace('Z', ' +00:00'),
  ...more,
});

describe('which executions count as stranded', () => {
  const all = () => true;

  it('a queued execution the engine never entered, older than the wait, of an enabled workflow', () => {
    expect(strandedAmong([queued(1, STRANDED_AFTER_MS)], NOW, STRANDED_AFTER_MS, all)).toEqual([1]);
  });

  it('not one created a moment ago: its task may still be on its way', () => {
    expect(strandedAmong([queued(1, STRANDED_AFTER_MS - 1)], NOW, STRANDED_AFTER_MS, all)).toEqual([]);
  });

  it('not one already dispatched, given a status or started, however old', () => {
    const rows = [
      queued(1, 60_000, { dispatched: 1 }),
      queued(2, 60_000, { dispatched: true }),
      queued(3, 60_000, { status: 1 }),
      queued(4, 60_000, { startedAt: '2026-12-02 09:59:00.000 +00:00' }),
      queued(5, 60_000, { dispatched: false }),
    ];
    expect(strandedAmong(rows, NOW, STRANDED_AFTER_MS, all)).toEqual([5]);
  });

  it("not one of a disabled workflow (the engine's own recovery skips those too)", () => {
    const rows = [queued(1, 60_000, { workflowId: 7 }), queued(2, 60_000, { workflowId: '8' })];
    expect(strandedAmong(rows, NOW, STRANDED_AFTER_MS, (id) => id === 8)).toEqual([2]);
  });

  it('reads the creation time however the driver gives it: a Date or text', () => {
    const rows = [queued(1, 60_000, { createdAt: new Date(NOW - 60_000) }), queued(2, 60_000, { createdAt: 'not a time' })];
    expect(strandedAmong(rows, NOW, STRANDED_AFTER_MS, all)).toEqual([1]);
  });
});

/**
 * A second connection to the app's SQLite file taking the write lock, as another request's transaction does: while it
 * holds it, a transaction that has read and then writes is answered SQLITE_BUSY at once (SQLite does not wait there).
 */
class LockHolder {
  private readonly db: sqlite3.Database;

  constructor(file: string) {
    this.db = new sqlite3.Database(file);
    this.db.configure('busyTimeout', 10_000);
  }

  private exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  take = () => this.exec('BEGIN IMMEDIATE');
  release = () => this.exec('COMMIT');
  close = () => new Promise<void>((resolve) => this.db.close(() => resolve()));
}

/** An app on a SQLite file (on `:memory:` every statement shares one connection: nothing ever waits for a lock). */
class AppOnFile {
  app!: MockServer;
  receiver: any;
  private holder!: LockHolder;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-stranded-'));
  private readonly storage = process.env.DB_STORAGE;

  async boot(inbox: Record<string, unknown>): Promise<void> {
    process.env.DB_STORAGE = path.join(this.dir, 'app.sqlite');
    this.app = await createInboxApp({ inbox });
    this.holder = new LockHolder(process.env.DB_STORAGE);
    await defineLeads(this.app);
    [this.receiver] = await createUsers(this.app, 1);
    await createChannel(this.app, 'marketing-clue', 'Marketing Clue');
  }

  async close(): Promise<void> {
    await this.holder?.close();
    await this.app?.destroy();
    process.env.DB_STORAGE = this.storage;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get workflowPlugin(): any {
    return this.app.pm.get('workflow');
  }

  messagesTitled(title: string): Promise<number> {
    return this.app.db.getModel(COLLECTIONS.messages).count({ where: { userId: userId(this.receiver), title } });
  }

  async executionOf(workflowId: number): Promise<any> {
    return this.app.db.getRepository('executions').findOne({ filter: { workflowId }, sort: ['-id'] });
  }

  async disableWorkflows(): Promise<void> {
    await this.app.db.getRepository('workflows').update({ filter: { enabled: true }, values: { enabled: false } });
  }

  /** A new lead whose workflow execution the engine fails to enter: the lock is taken between its read and its write. */
  async leadTheEngineDrops(title: string): Promise<any> {
    const workflow = await createCollectionWorkflow(this.app, {
      collection: 'leads',
      nodes: [{ type: INSTRUCTION_TYPE, config: { channelName: 'marketing-clue', receivers: [userId(this.receiver)], title } }],
    });
    const executions = this.app.db.getModel('executions');
    let taken = false;
    executions.addHook('beforeBulkUpdate', 'test-take-lock', async (options: any) => {
      if (taken || !options.transaction || options.attributes?.dispatched !== true) return;
      taken = true;
      await this.holder.take();
    });
    try {
      await this.app.db.getRepository('leads').create({ values: { name: title } });
      await waitUntil(() => taken, 'the engine to try entering the execution');
      // the engine's statement is retried for about half a second, then it gives up and rolls back
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      executions.removeHook('beforeBulkUpdate', 'test-take-lock');
      await this.holder.release();
    }
    return workflow;
  }
}

const ended = (execution: any) => ![EXECUTION_STATUS.QUEUEING, EXECUTION_STATUS.STARTED].includes(execution.get('status'));

(onSqlite ? describe : describe.skip)('executions the workflow engine dropped on SQLite, handed back by the plugin', () => {
  const file = new AppOnFile();
  beforeAll(() => file.boot({}));
  afterAll(() => file.close());

  it("a new lead's message comes within seconds though the engine failed to enter its execution", async () => {
    const workflow = await file.leadTheEngineDrops('Dropped lead');
    await waitUntil(async () => (await file.messagesTitled('Dropped lead')) === 1, 'the message of the dropped execution', {
      timeoutMs: STRANDED_AFTER_MS + STRANDED_CHECK_MS + 10_000,
    });
    const execution = await waitUntil(async () => {
      const found = await file.executionOf(workflow.get('id'));
      return ended(found) && found;
    }, 'the execution to end');
    expect(execution.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
    expect(await file.messagesTitled('Dropped lead')).toBe(1);
  });
});

(onSqlite ? describe : describe.skip)('the hand-back of dropped executions, run by hand', () => {
  const file = new AppOnFile();
  // off in the app: each test runs its own job, to see what the engine does without it first
  beforeAll(() => file.boot({ strandedCheckMs: 0 }));
  afterAll(() => file.close());
  /** the jobs' logger: a round that failed would say so here */
  const logger = { error: jest.fn() };
  afterEach(async () => {
    await file.disableWorkflows();
    expect(logger.error).not.toHaveBeenCalled();
  });

  /** A job that has made its first round: it looks at executions created since. */
  const jobStarted = async (intervalMs?: number) => {
    const job = new StrandedExecutionsJob(file.app, file.workflowPlugin, logger, intervalMs);
    expect(await job.run()).toBe(0);
    return job;
  };

  it('without it the dropped execution stays queued and its message never comes; with it, the message comes', async () => {
    const job = await jobStarted(100);
    const workflow = await file.leadTheEngineDrops('Dropped, then handed back');
    await new Promise((resolve) => setTimeout(resolve, STRANDED_AFTER_MS));
    const dropped = await file.executionOf(workflow.get('id'));
    expect(dropped.get('status')).toBe(EXECUTION_STATUS.QUEUEING);
    expect(dropped.get('dispatched')).toBe(false);
    expect(await file.messagesTitled('Dropped, then handed back')).toBe(0);

    job.start();
    try {
      await waitUntil(async () => (await file.messagesTitled('Dropped, then handed back')) === 1, 'the message of the handed-back execution');
      const execution = await waitUntil(async () => {
        const found = await file.executionOf(workflow.get('id'));
        return ended(found) && found;
      }, 'the execution to end');
      expect(execution.get('status')).toBe(EXECUTION_STATUS.RESOLVED);
    } finally {
      await job.stop();
    }
    expect(await file.messagesTitled('Dropped, then handed back')).toBe(1);
  });

  it('hands an execution back once, not again on every round while it waits its turn', async () => {
    const job = await jobStarted();
    const workflow = await file.leadTheEngineDrops('Dropped once');
    const dropped = await file.executionOf(workflow.get('id'));
    const created = new Date(dropped.get('createdAt')).getTime();
    const published: unknown[] = [];
    const publish = jest
      .spyOn(file.app.eventQueue, 'publish')
      .mockImplementation(async (_channel, message) => void published.push(message));
    try {
      expect(await job.run(new Date(created + STRANDED_AFTER_MS - 500))).toBe(0); // too recent yet
      expect(await job.run(new Date(created + STRANDED_AFTER_MS))).toBe(1);
      expect(await job.run(new Date(created + STRANDED_AFTER_MS + 5000))).toBe(0);
      expect(published).toEqual([{ executionId: Number(dropped.get('id')) }]);
    } finally {
      publish.mockRestore();
    }
    // a job started after it leaves it to the engine's start-up recovery, which has just run
    const startedLater = await jobStarted();
    expect(await startedLater.run(new Date(created + STRANDED_AFTER_MS))).toBe(0);
    // a minute later it is handed back again, this time for real
    expect(await job.run(new Date(created + STRANDED_AFTER_MS + HAND_BACK_AGAIN_MS + 1000))).toBe(1);
    await waitUntil(async () => (await file.messagesTitled('Dropped once')) === 1, 'the message of the handed-back execution');
  });

  it('finds a dropped execution however many have been created after it', async () => {
    const job = await jobStarted();
    const workflow = await file.leadTheEngineDrops('Dropped, then buried');
    const dropped = await file.executionOf(workflow.get('id'));
    // a busy app: hundreds of executions started and ended since
    const ran = Array.from({ length: 300 }, (_, i) => ({
      workflowId: workflow.get('id'),
      key: workflow.get('key'),
      eventKey: `since-${i}`,
      context: {},
      dispatched: true,
      status: EXECUTION_STATUS.RESOLVED,
      startedAt: new Date(),
    }));
    await file.app.db.getModel('executions').bulkCreate(ran, { hooks: false });
    expect(await job.run(new Date(new Date(dropped.get('createdAt')).getTime() + STRANDED_AFTER_MS))).toBe(1);
    await waitUntil(async () => (await file.messagesTitled('Dropped, then buried')) === 1, 'the message of the handed-back execution');
  });
});
