import { Plugin } from '@nocobase/server';
import type PluginNotificationManagerServer from '@nocobase/plugin-notification-manager';
import path from 'path';
import { ACL_SNIPPET, CHANNEL_TYPE, RESOURCES } from '../shared/constants';
import { inboxSettings } from './actions/inboxSettings';
import { myInboxChannels } from './actions/myInboxChannels';
import { myInboxMessages } from './actions/myInboxMessages';
import { myInboxPreferences } from './actions/myInboxPreferences';
import { ownDataAcl } from './actions/own-data-acl';
import { destroyParams } from './actions/destroy-params';
import { streamGate } from './actions/stream-gate';
import { answerInboxErrors } from './actions/inbox-errors';
import { checkChannelOnSave } from './channel/channel-settings-check';
import { createInboxChannel } from './channel/inbox-channel';
import { Realtime } from './realtime/realtime';
import { realtimeConfig } from './realtime/realtime-config';
import { InboxService } from './services/inbox-service';
import { SearchIndex } from './services/queries/search-index';
import { RetentionJob } from './services/jobs/retention-job';
import { SearchIndexJob, indexesInBackground } from './services/jobs/search-index-job';
import { SnoozeJob } from './services/jobs/snooze-job';
import { PeriodicJob, RoundJob } from './services/jobs/periodic-job';
import { COUNT_FOLD_CHECK_MS } from './services/store/count-folds';
import { waitOnSqliteLocks } from './services/store/transactions';
import { keepRoomForCounterUpdates } from './services/store/room-for-updates';
import { dropCountersWithOwners } from './services/store/counters-owners';
import { partialIndexesByColumn } from './services/store/partial-indexes';
import { withoutChannelKeyIndex } from './services/store/channel-key-index';
import { indexesOfThisDialect } from './services/store/dialect-indexes';
import { skipColumnTypesOfRawReads } from './services/store/raw-reads';
import { setupWorkflow } from './workflow';
import type { WaitingJobs } from './workflow/waiting-jobs';

export class PluginInAppMessageServer extends Plugin {
  inbox!: InboxService;
  realtime!: Realtime;
  /** in-app message jobs waiting for a read or an answer (none without plugin-workflow) */
  waiting?: WaitingJobs;
  private retention?: RetentionJob;
  private snoozes?: SnoozeJob;
  private searchIndexing?: SearchIndexJob;
  /** folds the counts no node folded right after its send (a crash, a failed fold) */
  private countFolds?: PeriodicJob;

  async beforeLoad() {
    waitOnSqliteLocks(this.db);
    skipColumnTypesOfRawReads(this.db);
    this.inbox = new InboxService(this.db);
  }

  async load() {
    await this.db.import({ directory: path.resolve(__dirname, 'collections') });
    partialIndexesByColumn(this.db);
    indexesOfThisDialect(this.db);
    withoutChannelKeyIndex(this.db);
    keepRoomForCounterUpdates(this.db);
    dropCountersWithOwners(this.db);

    // by name: a lookup by class misses when the app loads plugins through a symlink (--preserve-symlinks)
    (this.pm.get('notification-manager') as PluginNotificationManagerServer).registerChannelType({
      type: CHANNEL_TYPE,
      Channel: createInboxChannel(() => this.inbox),
      useQueue: false,
    });
    this.db.on('notificationChannels.beforeSave', checkChannelOnSave(this.db));

    this.realtime = new Realtime(this.app, this.inbox, realtimeConfig(this.options), this.log);
    await this.realtime.start();
    this.app.on('beforeStop', () => this.realtime.stop());
    this.app.resourceManager.define(myInboxMessages(this.inbox, this.realtime.hub));
    for (const resource of [myInboxChannels, myInboxPreferences, inboxSettings]) {
      this.app.resourceManager.define(resource(this.inbox));
    }
    const ownResources = [RESOURCES.myMessages, RESOURCES.myChannels, RESOURCES.myPreferences];
    ownResources.forEach((resource) => this.app.acl.allow(resource, '*', 'loggedIn'));
    this.app.acl.use(ownDataAcl(ownResources), { tag: 'inbox-own-data', before: 'core' });
    this.app.dataSourceManager.use(destroyParams, { tag: 'inbox-destroy-params', before: 'validate-filter-params' });
    // after the error handler (the gate's 503 is answered like every error), ahead of the rest of request handling
    this.app.use(streamGate(this.realtime.opening), { tag: 'inbox-stream-gate', after: 'errorHandler', before: 'cors' });
    answerInboxErrors(this.app);
    this.app.acl.registerSnippet({
      name: ACL_SNIPPET,
      actions: [`${RESOURCES.settings}:*`, `${RESOURCES.workflowAlerts}:*`, `${RESOURCES.workflowTests}:*`],
    });
    this.waiting = setupWorkflow(this.app, this.inbox, this.log, { strandedCheckMs: this.options.strandedCheckMs });

    this.retention = new RetentionJob(this.inbox, this.log);
    this.snoozes = new SnoozeJob(this.inbox, this.log, this.options.snoozeCheckMs);
    this.countFolds = new RoundJob(COUNT_FOLD_CHECK_MS, this.log, 'counts fold', () => this.inbox.foldPendingCounts());
    if (indexesInBackground(this.db)) this.searchIndexing = new SearchIndexJob(this.inbox, this.log, this.options.searchIndexMs);
    // the jobs start once the app serves and stop, each round finished, before it closes the database
    this.app.on('afterStart', () => this.jobs.forEach((job) => job.start()));
    this.app.on('beforeStop', () => Promise.all([...this.jobs.map((job) => job.stop()), this.inbox.countsSettled()]));
  }

  private get jobs(): PeriodicJob[] {
    const jobs: (PeriodicJob | undefined)[] = [this.retention, this.snoozes, this.searchIndexing, this.countFolds];
    return jobs.filter((job): job is PeriodicJob => job !== undefined);
  }

  /** The search index is raw SQL beside our tables (SQLite, PostgreSQL; built by its job): it goes with the plugin. */
  async remove() {
    await new SearchIndex(this.db).drop();
  }
}

export default PluginInAppMessageServer;
