import type { MessageResponse } from '../../shared/message-actions';

export const WAIT_FOR = ['none', 'read', 'response'] as const;
export type WaitFor = (typeof WAIT_FOR)[number];
export const WAIT_MODES = ['any', 'all'] as const;
export type WaitMode = (typeof WAIT_MODES)[number];

/** What a waiting job remembers (in its `meta`): which messages to watch, for what, until when. */
export interface WaitSpec {
  waitFor: Exclude<WaitFor, 'none'>;
  waitMode: WaitMode;
  /** ISO time after which the job resolves with status `timeout`; null waits for ever */
  deadline: string | null;
  messageIds: number[];
  userIds: number[];
}

/** Key of the spec in the job's `meta`. */
export const WAIT_META_KEY = 'inboxWait';

/** One watched message, as stored now. */
export interface WatchedMessage {
  userId: number;
  readAt: unknown;
  response: MessageResponse | null;
}

export type WaitStatus = 'waiting' | 'responded' | 'read' | 'timeout';

export interface WaitOutcome {
  status: WaitStatus;
  responses: { userId: number; action: string; at: string }[];
  readBy: number[];
}

/** A result keeps at most this many answers and readers, as it keeps receiver ids. */
export const WAIT_RESULT_MAX = 1000;

/**
 * Pure: where a wait stands. The condition is read from the messages themselves (not counted event by event),
 * so a restart or an event handled on another app node changes nothing. `any`: one receiver is enough;
 * `all`: every watched message still there (a deleted one cannot be read any more, so it is not waited for).
 */
export function waitOutcome(spec: WaitSpec, messages: WatchedMessage[], now: number): WaitOutcome {
  const answered = messages.filter((m) => m.response);
  const read = messages.filter((m) => m.readAt !== null && m.readAt !== undefined);
  const responses = answered
    .map((m) => ({ userId: Number(m.userId), action: m.response!.action, at: m.response!.at }))
    .sort((a, b) => a.at.localeCompare(b.at))
    .slice(0, WAIT_RESULT_MAX);
  const readBy = read.map((m) => Number(m.userId)).sort((a, b) => a - b).slice(0, WAIT_RESULT_MAX);
  const met = spec.waitFor === 'response' ? answered : read;
  const holds = spec.waitMode === 'any' ? met.length > 0 : messages.length > 0 && met.length === messages.length;
  const timedOut = spec.deadline !== null && now >= Date.parse(spec.deadline);
  const status: WaitStatus = holds ? (spec.waitFor === 'response' ? 'responded' : 'read') : timedOut ? 'timeout' : 'waiting';
  return { status, responses, readBy };
}
