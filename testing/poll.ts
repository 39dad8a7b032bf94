// The one way every suite (server, bench, browser) waits for something: poll a condition until it holds or a
// deadline passes. Waiting on what can be observed, never for a fixed time, keeps a busy machine from failing a run.

export interface PollOptions {
  /** How long to wait before failing. */
  timeoutMs?: number;
  /** Pause between two probes. */
  everyMs?: number;
}

/** What a probe answers while the condition does not hold yet. */
type NotYet = undefined | null | false;

/**
 * Calls `probe` until it answers a value (anything but undefined, null or false) and resolves with it; after
 * `timeoutMs` rejects with "timed out … waiting for <what>". `what` may be a function, read when it fails, so the
 * message can say what was seen by then.
 */
export async function waitUntil<T>(
  probe: () => T | NotYet | Promise<T | NotYet>,
  what: string | (() => string),
  { timeoutMs = 15_000, everyMs = 50 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
