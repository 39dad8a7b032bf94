import type { Dispatch } from 'react';
import type { inboxRequests } from '../api';
import type { InboxAction, InboxState } from '../inbox-state';
import type { InboxEvent } from '../stream/inbox-event';
import type { InboxMessage } from '../../shared/contract';

export type InboxRequests = ReturnType<typeof inboxRequests>;

/** The latest render's values, for callbacks that run later (a request's answer, a live event). */
export interface InboxNow {
  state: InboxState;
  /** whether the inbox panel is shown: lists are loaded only then */
  open: boolean;
  onMessage?: (message: InboxMessage, state: InboxState) => void;
  onError?: (error: unknown) => void;
}

/** What the lists, counts and changes hooks share. */
export interface InboxParts {
  requests: InboxRequests;
  dispatch: Dispatch<InboxAction>;
  now: { readonly current: InboxNow };
}

/** The tab's end of the live stream. */
export interface InboxLive {
  /** delivers an event in this tab and in every other tab of the user */
  publish: (event: InboxEvent) => void;
  /** whether this tab holds the server stream (and so reads what every tab needs) */
  isLeader: () => boolean;
}
