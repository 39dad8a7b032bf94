import { RESOURCES } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { userAction } from './handle';

/** The current user's toast and mute preferences: one record per user, read with `get`, changed with `set`. */
export const myInboxPreferences = (inbox: InboxService) => ({
  name: RESOURCES.myPreferences,
  actions: {
    get: userAction(async (_params, userId) => inbox.preferences(userId)),
    set: userAction(async (params, userId) => inbox.updatePreferences(userId, params.values ?? {})),
  },
});
