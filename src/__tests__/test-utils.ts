// The server suites' helpers: the app, users and waiting every suite shares (testing/), and the workflow ones.
import type { MockServer } from '@nocobase/test';
import { COLLECTIONS, WORKFLOW_EXECUTION_PATH } from '../shared/constants';
import { inboxOf, userId } from '../../testing/app';
import { waitUntil } from '../../testing/poll';

export * from '../../testing/app';
export { waitUntil } from '../../testing/poll';
export * from '../../testing/workflow';

/**
 * Empties the messages, their counters and the sends not folded into them yet, once the folds under way are done.
 * A fold left behind would otherwise add the next test's messages to the counters a second time: emptying the
 * table starts its ids over on MySQL/MariaDB, so they fall in the old pending ranges.
 */
export async function emptyMessages(app: MockServer) {
  await inboxOf(app).countsSettled();
  for (const name of [COLLECTIONS.messages, COLLECTIONS.counters, COLLECTIONS.pendingCounts]) {
    await app.db.getModel(name).destroy({ where: {}, truncate: true });
  }
}

/** Waits until `count` executions of the workflow have ended (any final status), oldest first. */
export async function waitForExecutions(app: MockServer, workflowId: number | string, count = 1) {
  return waitUntil(async () => {
    const all = await app.db.getRepository('executions').find({ filter: { workflowId }, sort: ['id'], appends: ['jobs'] });
    const ended = all.filter((execution: any) => ![null, 0].includes(execution.get('status')));
    return ended.length >= count && ended;
  }, `${count} executions of workflow ${workflowId} to end`);
}

/** The failure alerts `user` got about `execution`: error messages linking to the execution's page. */
export async function executionAlertsOf(app: MockServer, user: any, execution: any): Promise<any[]> {
  return (await app.db.getModel(COLLECTIONS.messages).findAll({
    where: { userId: userId(user), level: 'error', url: `${WORKFLOW_EXECUTION_PATH}${execution.get('id')}` },
    raw: true,
  })) as any[];
}

/** A workflow node type whose every run throws, as a broken script or an unreachable service would. */
export const EXPLODING_NODE = 'test-explode';

export function registerExplodingNode(app: MockServer, message: string): void {
  (app.pm.get('workflow') as any).registerInstruction(EXPLODING_NODE, {
    run: () => {
      throw new Error(message);
    },
  });
}
