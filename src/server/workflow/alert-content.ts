import { EXECUTION_REASON, EXECUTION_STATUS } from '@nocobase/plugin-workflow';
import { AlertKind, AlertTexts, DEFAULT_ALERT_LANGUAGE, fill } from './alert-texts';

const REASON_MAX_CHARS = 500;

/** The last job of a failed execution that failed, with its node. */
export interface FailedJob {
  result?: unknown;
  node?: { title?: string | null; type?: string } | null;
}

/**
 * Pure: what a supervisor is told about, or null: failed, error, aborted (a timed-out execution is aborted with
 * reason "timeout"). Success, cancellation and rejection are not failures.
 */
export function alertKind(execution: { status: number; reason?: string | null }): AlertKind | null {
  switch (execution.status) {
    case EXECUTION_STATUS.FAILED:
      return 'failed';
    case EXECUTION_STATUS.ERROR:
      return 'error';
    case EXECUTION_STATUS.ABORTED:
      return execution.reason === EXECUTION_REASON.TIMEOUT ? 'timeout' : 'aborted';
    default:
      return null;
  }
}

/** Pure: the message a failed job left, whatever shape its instruction gave the result. */
export function failureReason(result: unknown): string | null {
  if (typeof result === 'string') return result;
  const record = (result ?? {}) as Record<string, unknown>;
  const reason = [record.message, record.error, record.reason].find((value) => typeof value === 'string' && value);
  return (reason as string | undefined) ?? null;
}

/** Pure: the alert's markdown body in one language: what happened, and where when the failing node is known. */
export function alertContent(texts: AlertTexts, executionId: string, kind: AlertKind, job: FailedJob | null): string {
  const lines = [fill(texts[kind], { id: executionId })];
  const node = job?.node?.title || job?.node?.type;
  const reason = (job ? failureReason(job.result) : null)?.slice(0, REASON_MAX_CHARS) ?? texts.noReason;
  if (node) lines.push(fill(texts.node, { node, reason }));
  else if (job) lines.push(fill(texts.reason, { reason }));
  return lines.join('\n\n');
}

/** A user of the alert's role, with the language set in their profile. */
export interface Supervisor {
  id: number | string;
  appLang?: string | null;
}

/** Pure: user ids by the language their alert is written in. */
export function byLanguage(users: Supervisor[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const user of users) {
    const language = typeof user.appLang === 'string' && user.appLang ? user.appLang : DEFAULT_ALERT_LANGUAGE;
    groups.set(language, [...(groups.get(language) ?? []), Number(user.id)]);
  }
  return groups;
}
