/** An error a caller can fix: carries the HTTP status and the offending field, never a stack to the client. */
export class InboxError extends Error {
  /** How the app's error handler logs it: the caller's mistake, not a fault of the server. */
  readonly logLevel = 'info';

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 503,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'InboxError';
  }
}

export const invalid = (field: string, message: string) => new InboxError(400, field, `${field}: ${message}`);

export const notFound = (field: string, message = 'not found') => new InboxError(404, field, `${field}: ${message}`);

/** The request contradicts what is already recorded (a second, different answer to a message). */
export const conflict = (field: string, message: string) => new InboxError(409, field, `${field}: ${message}`);
