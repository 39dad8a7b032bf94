import { RESOURCES } from '../../shared/constants';
import type { InboxService } from '../services/inbox-service';
import { checkPreferencesPatch } from '../services/preferences/preferences';
import { userAction } from './handle';

/** The current user's toast and mute preferences. */
export const myInboxPreferences = (inbox: InboxService) => ({
  name: RESOURCES.myPreferences,
  actions: {
    get: userAction(async (_params, userId) => inbox.preferences.get(userId)),
    update: userAction(async (params, userId) => inbox.updatePreferences(userId, checkPreferencesPatch(params.values ?? {}))),
  },
});
