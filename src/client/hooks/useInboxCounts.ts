import { useCallback, useEffect, useRef } from 'react';
import type { InboxEvent } from '../stream/inbox-event';
import type { Preferences } from '../../shared/contract';
import type { InboxLive, InboxParts } from './inbox-hook-types';

/** After a live change the leader tab re-reads the counts once, unless the server sent them in the meantime. */
const COUNT_REFRESH_MS = 800;

/** The badge's counts and the user's preferences: read at start, kept true after live changes, shared by every tab. */
export function useInboxCounts({ requests, now, live }: Omit<InboxParts, 'dispatch'> & { live: InboxLive }) {
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();

  const loadCounts = useCallback(async () => {
    try {
      live.publish({ type: 'count', counts: await requests.counts() });
    } catch {
      // the badge keeps its last value; the next event or reconnect corrects it
    }
  }, [requests, live]);

  const loadPreferences = useCallback(async () => {
    try {
      live.publish({ type: 'preferences', preferences: await requests.preferences() });
    } catch {
      // the defaults stay: toasts on, nothing muted
    }
  }, [requests, live]);

  useEffect(() => {
    void loadCounts();
    void loadPreferences();
    return () => clearTimeout(refreshTimer.current);
  }, [loadCounts, loadPreferences]);

  const refreshSoon = () => {
    if (!live.isLeader()) return;
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void loadCounts(), COUNT_REFRESH_MS);
  };

  /** What a live event means for the counts and preferences (the state itself follows it in the reducer). */
  const onEvent = (event: InboxEvent) => {
    switch (event.type) {
      case 'message':
        refreshSoon();
        break;
      case 'update':
        // changed on another device: one tab reads them again and tells the others
        if (event.change.change === 'preferences' && live.isLeader()) void loadPreferences();
        refreshSoon();
        break;
      case 'count':
        // also what a stream sends once it is (re)opened: no request of the tab's own is needed then
        clearTimeout(refreshTimer.current);
        break;
    }
  };

  /** Shown at once in every tab; a refusal puts the previous preferences back. */
  const updatePreferences = async (patch: Partial<Preferences>) => {
    const previous = now.current.state.preferences;
    live.publish({ type: 'preferences', preferences: { ...previous, ...patch } });
    try {
      live.publish({ type: 'preferences', preferences: await requests.updatePreferences(patch) });
    } catch (error) {
      now.current.onError?.(error);
      live.publish({ type: 'preferences', preferences: previous });
    }
  };

  return {
    loadCounts,
    onEvent,
    /** for the components */
    actions: {
      setToasts: (toasts: boolean) => updatePreferences({ toasts }),
      /** desktop alerts, sound, quiet hours: saved as they are */
      setPreferences: updatePreferences,
      setMuted: (channelName: string, muted: boolean) => {
        const others = now.current.state.preferences.mutedChannels.filter((name) => name !== channelName);
        return updatePreferences({ mutedChannels: muted ? [...others, channelName] : others });
      },
    },
  };
}
