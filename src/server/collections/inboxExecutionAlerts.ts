import { defineCollection } from '@nocobase/database';
import { COLLECTIONS } from '../../shared/constants';
import { historyCollectionOptions } from '../collection-parts';

/**
 * One row per workflow execution whose supervisors were alerted, written in the alert's transaction: its
 * primary key is what makes "one alert per execution" hold across reruns and app nodes.
 */
export default defineCollection({
  name: COLLECTIONS.executionAlerts,
  ...historyCollectionOptions,
  fields: [
    // executions use snowflake ids, beyond what a JS number holds exactly: kept as text
    { name: 'executionId', type: 'string', primaryKey: true, allowNull: false },
    { name: 'workflowId', type: 'bigInt', allowNull: false },
  ],
});
